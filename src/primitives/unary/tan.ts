import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Tangent, elementwise. */
export const tan: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "tan",
  type: sameType,
  jvp: elementwise((_x, y) => y.square().add(1)), // d tan x = (1 + tan²x) dx
  batch: elementwiseBatch,
});
