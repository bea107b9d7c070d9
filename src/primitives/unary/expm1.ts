import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** exp(x) − 1, accurate for small x. */
export const expm1: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "expm1",
  type: sameType,
  jvp: elementwise((_x, y) => y.add(1)), // d (eˣ − 1) = eˣ dx
  batch: elementwiseBatch,
});
