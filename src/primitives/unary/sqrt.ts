import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { div } from "../../ops/index.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Square root, elementwise. */
export const sqrt: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "sqrt",
  type: sameType,
  jvp: elementwise((_x, y) => div(0.5, y)), // d √x = dx / (2√x); 0.5/y is 1/(2y) exactly, in one operation
  batch: elementwiseBatch,
});
