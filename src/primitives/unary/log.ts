import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Natural logarithm, elementwise. */
export const log: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "log",
  type: sameType,
  jvp: elementwise((x) => x.reciprocal()), // d log x = dx / x
  batch: elementwiseBatch,
});
