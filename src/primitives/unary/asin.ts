import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Inverse sine, elementwise. */
export const asin: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "asin",
  type: sameType,
  jvp: elementwise((x) => x.square().neg().add(1).rsqrt()), // d asin x = dx / √(1 − x²)
  batch: elementwiseBatch,
});
