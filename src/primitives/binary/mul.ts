import { definePrimitive, perArgument, LinearInput, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { sameAsFirst } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Product of two tensors of one shape. */
export const mul: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "mul",
  type: sameAsFirst,
  jvp: perArgument((dx, [, y]) => dx.mul(y!), (dy, [x]) => dy.mul(x!)), // d(xy) = y dx + x dy
  transpose: (ct, [x, y]) => [x instanceof LinearInput ? ct.mul(y as Tensor) : null, y instanceof LinearInput ? ct.mul(x as Tensor) : null],
  batch: elementwiseBatch,
});
