import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Square root, elementwise. */
export const sqrt: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "sqrt",
  type: sameType,
  jvp: elementwise((_x, y) => y.mul(2).reciprocal()), // d √x = dx / (2√x)
  batch: elementwiseBatch,
});
