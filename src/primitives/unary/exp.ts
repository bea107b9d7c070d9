import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Exponential, elementwise. */
export const exp: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "exp",
  type: sameType,
  jvp: elementwise((_x, y) => y), // d eˣ = eˣ dx
  batch: elementwiseBatch,
});
