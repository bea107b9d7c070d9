import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Absolute value, elementwise. */
export const abs: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "abs",
  type: sameType,
  jvp: elementwise((x) => x.sign()), // d |x| = sign(x) dx (0 at 0)
  batch: elementwiseBatch,
});
