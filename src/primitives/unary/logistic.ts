import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** The logistic sigmoid 1 / (1 + e^(−x)), elementwise; finite everywhere. */
export const logistic: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "logistic",
  type: sameType,
  jvp: elementwise((_x, y) => y.mul(y.neg().add(1))), // d σ(x) = σ(x)(1 − σ(x)) dx, from the output so it stays finite at ±1000
  batch: elementwiseBatch,
});
