import { bind } from "../../core/trace.js";
import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { sameType } from "../shapes.js";
import { leadingBatch } from "../batching.js";
import { triangularSolve } from "./triangularSolve.js";
import { matmulOf, swapLastAxes, symmetricFromLower, weighEntries } from "./matrixHelpers.js";

/**
 * Lower Cholesky factor L of a symmetric positive definite A `[..., n, n]` (A = L Lᵀ); only the
 * lower triangle of A is read.
 */
export const cholesky: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "cholesky",
  type: sameType,
  jvp: perArgument((da, _inputs, l) => choleskyJvp(da, l)),
  batch: leadingBatch((params) => params),
});

/**
 * dL = L Φ(L⁻¹ dA L⁻ᵀ), Φ keeping the lower triangle with the diagonal halved (Murray, "Differentiation
 * of the Cholesky decomposition", 2016, eq. 10). dA is first made the symmetric matrix of its lower
 * triangle, the part of A the factorization reads.
 */
function choleskyJvp(da: Tensor, l: Tensor): Tensor {
  const lower = { lower: true, transpose: false };
  const left = bind(triangularSolve, [l, symmetricFromLower(da)], lower); // L⁻¹ dA
  const both = bind(triangularSolve, [l, swapLastAxes(left)], lower); // L⁻¹ (L⁻¹ dA)ᵀ = L⁻¹ dA L⁻ᵀ
  const phi = weighEntries(both, (i, j) => (i > j ? 1 : i === j ? 0.5 : 0));
  return matmulOf(l, phi);
}
