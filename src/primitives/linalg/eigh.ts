import { bind } from "../../core/trace.js";
import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { leadingBatch } from "../batching.js";
import { slice } from "../movement/slice.js";
import { reshape } from "../movement/reshape.js";
import { broadcastTo } from "../movement/broadcastTo.js";
import { concatenate } from "../movement/concatenate.js";
import { sum } from "../reduce/sum.js";
import { sub } from "../binary/sub.js";
import { add } from "../binary/add.js";
import { mul } from "../binary/mul.js";
import { reciprocal } from "../unary/reciprocal.js";
import { matmulOf, matrixConstant, symmetricFromLower, weighEntries } from "./matrixHelpers.js";

/**
 * Eigendecomposition of a symmetric A `[..., n, n]` (only its lower triangle is read), packed in one
 * output `[..., n + 1, n]`: row 0 holds the eigenvalues in ascending order, rows 1..n the matrix V
 * whose columns are the orthonormal eigenvectors (each with its largest-magnitude entry positive).
 * One primitive rather than two, so the decomposition runs once; `ops/eigh` unpacks it.
 */
export const eigh: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "eigh",
  type: ([a]) => ({ shape: [...a!.shape.slice(0, -2), a!.shape[a!.shape.length - 1]! + 1, a!.shape[a!.shape.length - 1]!], dtype: a!.dtype }),
  jvp: perArgument((da, _inputs, out) => eighJvp(da, out)),
  batch: leadingBatch((params) => params),
});

/** Rows `from..from+count` of the last-but-one axis. */
function rows(x: Tensor, from: number, count: number): Tensor {
  const r = x.rank;
  return bind(slice, [x], {
    starts: x.shape.map((_, i) => (i === r - 2 ? from : 0)),
    steps: x.shape.map(() => 1),
    shape: x.shape.map((d, i) => (i === r - 2 ? count : d)),
  });
}

/**
 * With M = Vᵀ dA V: dλ_i = M_ii, and dV = V (F ∘ M) with F_ij = 1/(λ_j − λ_i) off the diagonal and
 * 0 on it (Magnus, "On differentiating eigenvalues and eigenvectors", 1985). Repeated eigenvalues
 * make F infinite: their eigenvectors are not differentiable (any rotation within the eigenspace is
 * as good), and the tangent of the vectors is then NaN. The values' tangents stay finite, exact
 * for perturbations that keep the returned eigenvectors.
 */
function eighJvp(da: Tensor, out: Tensor): Tensor {
  const n = out.shape[out.rank - 1]!;
  const batch = out.shape.slice(0, -2);
  const values = rows(out, 0, 1); // [..., 1, n]: λ_j along the last axis
  const vectors = rows(out, 1, n);
  const m = matmulOf(vectors, matmulOf(symmetricFromLower(da), vectors), true);
  const dValues = bind(reshape, [bind(sum, [weighEntries(m, (i, j) => (i === j ? 1 : 0))], { axes: [m.rank - 2] })], { shape: [...batch, 1, n] });
  const square = [...batch, n, n];
  const asColumns = bind(broadcastTo, [values], { shape: square }); // entry (i, j) = λ_j
  const asRows = bind(broadcastTo, [bind(reshape, [values], { shape: [...batch, n, 1] })], { shape: square }); // λ_i
  // Adding the identity keeps the diagonal gap away from 0; the mask then zeroes it.
  const gap = bind(add, [bind(sub, [asColumns, asRows], {}), matrixConstant(m, (i, j) => (i === j ? 1 : 0))], {});
  const f = weighEntries(bind(reciprocal, [gap], {}), (i, j) => (i === j ? 0 : 1));
  const dVectors = matmulOf(vectors, bind(mul, [f, m], {}));
  return bind(concatenate, [dValues, dVectors], { axis: out.rank - 2 });
}
