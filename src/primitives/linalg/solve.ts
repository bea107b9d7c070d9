import { bind } from "../../core/trace.js";
import { definePrimitive, perArgument, LinearInput, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { leadingBatch } from "../batching.js";
import { neg } from "../unary/neg.js";
import { matmulOf } from "./matrixHelpers.js";

export interface SolveParams {
  /** Solve with Aᵀ instead of A. */
  readonly transpose: boolean;
}

/**
 * X = op(A)⁻¹ B for square A `[..., n, n]` and B `[..., n, k]` with the same leading axes, by LU
 * with partial pivoting; op(A) is A or Aᵀ. Linear in B, like matmul.
 */
export const solve: Primitive<SolveParams> = definePrimitive<SolveParams>({
  name: "solve",
  type: ([, b]) => ({ shape: b!.shape, dtype: b!.dtype }),
  jvp: perArgument(
    // d(A⁻¹ B) = −A⁻¹ dA X (and with Aᵀ: −A⁻ᵀ dAᵀ X).
    (da, [a], x, params) => bind(neg, [bind(solve, [a!, matmulOf(da, x, params.transpose)], params)], {}),
    (db, [a], _x, params) => bind(solve, [a!, db], params),
  ),
  // X = op(A)⁻¹ B is linear in B with adjoint ct ↦ op(A)⁻ᵀ ct.
  transpose: (ct, [a, b], { transpose }) => [null, b instanceof LinearInput ? bind(solve, [a as Tensor, ct], { transpose: !transpose }) : null],
  batch: leadingBatch((params) => params),
});
