import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** The error function, elementwise, accurate to float64. */
export const erf: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "erf",
  type: sameType,
  jvp: elementwise((x) => x.square().neg().exp().mul(2 / Math.sqrt(Math.PI))), // d erf x = (2/√π) e^(−x²) dx
  batch: elementwiseBatch,
});
