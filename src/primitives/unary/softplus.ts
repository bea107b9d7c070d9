import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/**
 * log(1 + eˣ), elementwise, finite for any input. A primitive rather than a composition because
 * the composed form max(x, 0) + log1p(e^(−|x|)) has the wrong second derivative at 0 (its kinks
 * cancel in value but not in curvature).
 */
export const softplus: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "softplus",
  type: sameType,
  jvp: elementwise((x) => x.sigmoid()), // d softplus(x) = σ(x) dx
  batch: elementwiseBatch,
});
