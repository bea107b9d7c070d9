import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Hyperbolic sine, elementwise. */
export const sinh: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "sinh",
  type: sameType,
  jvp: elementwise((x) => x.cosh()), // d sinh x = cosh x dx
  batch: elementwiseBatch,
});
