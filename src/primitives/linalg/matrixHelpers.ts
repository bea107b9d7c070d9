/**
 * Small matrix manipulations the linear-algebra derivative rules share, written with primitives so
 * that the rules themselves stay differentiable (second derivatives differentiate through them).
 * All act on the last two axes of a `[..., n, n]` tensor.
 */
import { bind } from "../../core/trace.js";
import { fromStorage, type Tensor } from "../../tensor/tensor.js";
import { allocate } from "../../tensor/dtype.js";
import { broadcastTo } from "../movement/broadcastTo.js";
import { transpose } from "../movement/transpose.js";
import { mul } from "../binary/mul.js";
import { add } from "../binary/add.js";
import { matmul } from "./matmul.js";

/** An `[n, n]` constant with entry (i, j) = `weight(i, j)`, stretched to the shape of `like`. */
export function matrixConstant(like: Tensor, weight: (i: number, j: number) => number): Tensor {
  const n = like.shape[like.rank - 1]!;
  const data = allocate(like.dtype, n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = weight(i, j);
  const matrix = fromStorage(data, [n, n], like.dtype);
  return like.rank === 2 ? matrix : bind(broadcastTo, [matrix], { shape: like.shape.slice() });
}

/** x ∘ w with w from `matrixConstant`: masks a triangle, picks the diagonal, scales entries. */
export function weighEntries(x: Tensor, weight: (i: number, j: number) => number): Tensor {
  return bind(mul, [x, matrixConstant(x, weight)], {});
}

/** Swaps the last two axes (a batched matrix transpose). */
export function swapLastAxes(x: Tensor): Tensor {
  const perm = x.shape.map((_, i) => i);
  perm[x.rank - 2] = x.rank - 1;
  perm[x.rank - 1] = x.rank - 2;
  return bind(transpose, [x], { perm });
}

/**
 * The symmetric matrix whose lower triangle is that of `x`. Symmetric kernels (cholesky, eigh)
 * read only the lower triangle, so this is what a tangent of their input really changes.
 */
export function symmetricFromLower(x: Tensor): Tensor {
  const lower = weighEntries(x, (i, j) => (i >= j ? 1 : 0));
  const strictlyLower = weighEntries(x, (i, j) => (i > j ? 1 : 0));
  return bind(add, [lower, swapLastAxes(strictlyLower)], {});
}

/** Plain matrix product over the last two axes, optionally with either side transposed. */
export function matmulOf(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  return bind(matmul, [a, b], { transA, transB });
}
