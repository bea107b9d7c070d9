import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { where } from "../../ops/index.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

// 1 where a wins, ½ on ties (so the derivative of max(x, x) is 1, as for x), 0 where b wins.
function tieWeight(a: Tensor, b: Tensor): Tensor {
  return where(a.greater(b), 1, where(a.equal(b), 0.5, 0)).astype(a.dtype);
}

/** Elementwise maximum of two tensors of one shape. */
export const max: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "max",
  type: sameType,
  jvp: perArgument((dx, [x, y]) => dx.mul(tieWeight(x!, y!)), (dy, [x, y]) => dy.mul(tieWeight(y!, x!))), // the larger input's tangent; ties share it equally
  batch: elementwiseBatch,
});
