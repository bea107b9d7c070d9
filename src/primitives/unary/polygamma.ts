import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import { bind } from "../../core/trace.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Parameters of polygamma: the order n ≥ 1 of the derivative of ψ. */
export interface PolygammaParams {
  readonly order: number;
}

/**
 * The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function (n ≥ 1), elementwise.
 * Its derivative is the next one, so the family is closed under differentiation to any order.
 */
export const polygamma: Primitive<PolygammaParams> = definePrimitive<PolygammaParams>({
  name: "polygamma",
  type: sameType,
  // d ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁺¹⁾(x) dx
  jvp: perArgument<PolygammaParams>((dx, [x], _y, { order }) => dx.mul(bind(polygamma, [x!], { order: order + 1 }))),
  batch: elementwiseBatch,
});
