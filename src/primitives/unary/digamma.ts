import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { bind } from "../../core/trace.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";
import { polygamma } from "./polygamma.js";

/** The digamma function ψ(x) = d log Γ(x) / dx, elementwise, accurate to float64. */
export const digamma: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "digamma",
  type: sameType,
  jvp: elementwise((x) => bind(polygamma, [x], { order: 1 })), // d ψ(x) = ψ⁽¹⁾(x) dx (trigamma)
  batch: elementwiseBatch,
});
