import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** 1 / x, elementwise. */
export const reciprocal: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "reciprocal",
  type: sameType,
  jvp: elementwise((_x, y) => y.square().neg()), // d (1/x) = −dx / x²
  batch: elementwiseBatch,
});
