import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Sum of two tensors of one shape. */
export const add: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "add",
  type: sameType,
  jvp: perArgument((dx) => dx, (dy) => dy), // d(x + y) = dx + dy
  transpose: (ct) => [ct, ct],
  batch: elementwiseBatch,
});
