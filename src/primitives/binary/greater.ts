import { definePrimitive, zeroDerivative, type Primitive } from "../../core/primitive.js";
import { boolOfFirst } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** x > y elementwise, as bool. */
export const greater: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "greater",
  type: boolOfFirst,
  jvp: zeroDerivative,
  batch: elementwiseBatch,
});
