import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Sine, elementwise. */
export const sin: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "sin",
  type: sameType,
  jvp: elementwise((x) => x.cos()), // d sin x = cos x dx
  batch: elementwiseBatch,
});
