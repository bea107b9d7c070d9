import { definePrimitive, LinearInput, perArgument, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Difference of two tensors of one shape. */
export const sub: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "sub",
  type: sameType,
  jvp: perArgument((dx) => dx, (dy) => dy.neg()), // d(x − y) = dx − dy
  // Only the inputs the program depends on linearly get a cotangent (a negation is a pass).
  transpose: (ct, [x, y]) => [x instanceof LinearInput ? ct : null, y instanceof LinearInput ? ct.neg() : null],
  batch: elementwiseBatch,
});
