import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** log(1 + x), accurate for small x. */
export const log1p: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "log1p",
  type: sameType,
  jvp: elementwise((x) => x.add(1).reciprocal()), // d log(1+x) = dx / (1 + x)
  batch: elementwiseBatch,
});
