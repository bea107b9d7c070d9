import { definePrimitive, zeroDerivative, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Smallest integer not below x, elementwise. */
export const ceil: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "ceil",
  type: sameType,
  jvp: zeroDerivative, // piecewise constant
  batch: elementwiseBatch,
});
