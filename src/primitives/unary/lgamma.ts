import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { bind } from "../../core/trace.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";
import { digamma } from "./digamma.js";

/** log |Γ(x)|, elementwise, accurate to float64. */
export const lgamma: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "lgamma",
  type: sameType,
  jvp: elementwise((x) => bind(digamma, [x], {})), // d log Γ(x) = ψ(x) dx
  batch: elementwiseBatch,
});
