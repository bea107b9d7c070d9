import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** 1 / √x, elementwise. */
export const rsqrt: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "rsqrt",
  type: sameType,
  jvp: elementwise((x, y) => y.div(x).mul(-0.5)), // d x^(−1/2) = −½ x^(−3/2) dx
  batch: elementwiseBatch,
});
