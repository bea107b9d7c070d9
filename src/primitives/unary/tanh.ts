import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Hyperbolic tangent, elementwise. */
export const tanh: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "tanh",
  type: sameType,
  jvp: elementwise((_x, y) => y.square().neg().add(1)), // d tanh x = (1 − tanh²x) dx
  batch: elementwiseBatch,
});
