import { definePrimitive, zeroDerivative, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Largest integer not above x, elementwise. */
export const floor: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "floor",
  type: sameType,
  jvp: zeroDerivative, // piecewise constant
  batch: elementwiseBatch,
});
