import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Inverse tangent, elementwise. */
export const atan: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "atan",
  type: sameType,
  jvp: elementwise((x) => x.square().add(1).reciprocal()), // d atan x = dx / (1 + x²)
  batch: elementwiseBatch,
});
