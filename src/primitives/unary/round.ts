import { definePrimitive, zeroDerivative, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Nearest integer, halves away from zero, elementwise. */
export const round: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "round",
  type: sameType,
  jvp: zeroDerivative, // piecewise constant
  batch: elementwiseBatch,
});
