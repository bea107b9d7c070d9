import { definePrimitive, zeroDerivative, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Sign (−1, 0 or 1), elementwise. */
export const sign: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "sign",
  type: sameType,
  jvp: zeroDerivative, // piecewise constant
  batch: elementwiseBatch,
});
