import { definePrimitive, zeroDerivative, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** The identity, seen by every transformation as a constant: its derivative is zero. */
export const stopGradient: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "stopGradient",
  type: sameType,
  jvp: zeroDerivative,
  batch: elementwiseBatch,
});
