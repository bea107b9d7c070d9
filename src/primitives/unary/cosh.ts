import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Hyperbolic cosine, elementwise. */
export const cosh: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "cosh",
  type: sameType,
  jvp: elementwise((x) => x.sinh()), // d cosh x = sinh x dx
  batch: elementwiseBatch,
});
