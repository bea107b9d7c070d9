import { bind } from "../../core/trace.js";
import { definePrimitive, linearIn, LinearInput, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { filled } from "../../tensor/tensor.js";
import { elementwiseBatch } from "../batching.js";

/** condition ? x : y elementwise; all three of one shape, condition bool. */
export const select: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "select",
  type: ([, x]) => ({ shape: x!.shape, dtype: x!.dtype }),
  jvp: linearIn(1, 2), // d(c ? x : y) = c ? dx : dy
  transpose: (ct, [condition, x, y]) => {
    const zero = filled(0, ct.shape, ct.dtype);
    const c = condition as Tensor;
    return [
      null,
      x instanceof LinearInput ? bind(select, [c, ct, zero], {}) : null,
      y instanceof LinearInput ? bind(select, [c, zero, ct], {}) : null,
    ];
  },
  batch: elementwiseBatch,
});
