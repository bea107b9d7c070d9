import { definePrimitive, linear, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Negation, elementwise. */
export const neg: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "neg",
  type: sameType,
  jvp: linear, // d(−x) = −dx
  transpose: (ct) => [ct.neg()],
  batch: elementwiseBatch,
});
