import { bind } from "../../core/trace.js";
import { definePrimitive, perArgument, LinearInput, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { leadingBatch } from "../batching.js";
import { neg } from "../unary/neg.js";
import { matmulOf, weighEntries } from "./matrixHelpers.js";

export interface TriangularSolveParams {
  /** Read the lower triangle of T (else the upper). */
  readonly lower: boolean;
  /** Solve with Tᵀ instead of T. */
  readonly transpose: boolean;
}

/**
 * X = op(T)⁻¹ B for triangular T `[..., n, n]` (only its `lower` or upper triangle is read) and
 * B `[..., n, k]` with the same leading axes; op(T) is T or Tᵀ. Linear in B, like matmul.
 */
export const triangularSolve: Primitive<TriangularSolveParams> = definePrimitive<TriangularSolveParams>({
  name: "triangularSolve",
  type: ([, b]) => ({ shape: b!.shape, dtype: b!.dtype }),
  jvp: perArgument(
    // d(op(T)⁻¹ B) = −op(T)⁻¹ op(dT) X, where dT keeps only the triangle the kernel reads.
    (dt, [t], x, params) => {
      const triangle = weighEntries(dt, params.lower ? (i, j) => (i >= j ? 1 : 0) : (i, j) => (i <= j ? 1 : 0));
      return bind(neg, [bind(triangularSolve, [t!, matmulOf(triangle, x, params.transpose)], params)], {});
    },
    (db, [t], _x, params) => bind(triangularSolve, [t!, db], params),
  ),
  // X = op(T)⁻¹ B is linear in B with adjoint ct ↦ op(T)⁻ᵀ ct: the same solve with T transposed.
  transpose: (ct, [t, b], params) => [
    null,
    b instanceof LinearInput ? bind(triangularSolve, [t as Tensor, ct], { lower: params.lower, transpose: !params.transpose }) : null,
  ],
  batch: leadingBatch((params) => params),
});
