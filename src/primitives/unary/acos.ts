import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Inverse cosine, elementwise. */
export const acos: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "acos",
  type: sameType,
  jvp: elementwise((x) => x.square().neg().add(1).rsqrt().neg()), // d acos x = −dx / √(1 − x²)
  batch: elementwiseBatch,
});
