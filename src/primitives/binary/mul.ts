import { definePrimitive, LinearInput, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Product of two tensors of one shape. */
export const mul: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "mul",
  type: sameType,
  // d(xy) = y dx + x dy. For a square (x·x with one tangent) it is (dx·x)·2: no sum of two
  // products, and the factor 2 stays a stored-once constant, so when the cotangent is a
  // broadcast scalar (the gradient of a sum) reverse mode pays one pass instead of three.
  jvp: {
    kind: "custom",
    rule: ([x, y], [dx, dy]) => {
      if (x === y && dx === dy && dx !== null) return dx!.mul(x!).mul(2);
      const left = dx === null ? null : dx!.mul(y!);
      const right = dy === null ? null : x!.mul(dy!);
      return left === null ? right : right === null ? left : left.add(right);
    },
  },
  transpose: (ct, [x, y]) => [
    x instanceof LinearInput ? ct.mul(y as Tensor) : null,
    y instanceof LinearInput ? ct.mul(x as Tensor) : null,
  ],
  batch: elementwiseBatch,
});
