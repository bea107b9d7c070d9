import { bind } from "../../core/trace.js";
import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { fromStorage } from "../../tensor/tensor.js";
import { allocate } from "../../tensor/dtype.js";
import { leadingBatch } from "../batching.js";
import { reshape } from "../movement/reshape.js";
import { concatenate } from "../movement/concatenate.js";
import { broadcastTo } from "../movement/broadcastTo.js";
import { sum } from "../reduce/sum.js";
import { solve } from "./solve.js";
import { weighEntries } from "./matrixHelpers.js";

/**
 * Sign and logarithm of the absolute determinant of a square A `[..., n, n]`, packed as
 * `[..., 2]` (sign, log|det A|), from an LU factorization. The logarithm does not overflow where
 * the determinant would; `ops/slogdet` and `ops/det` unpack it.
 */
export const slogdet: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "slogdet",
  type: ([a]) => ({ shape: [...a!.shape.slice(0, -2), 2], dtype: a!.dtype }),
  jvp: perArgument((da, [a]) => slogdetJvp(a!, da)),
  batch: leadingBatch((params) => params),
});

/** The sign is locally constant; d log|det A| = tr(A⁻¹ dA) (Jacobi's formula). */
function slogdetJvp(a: Tensor, da: Tensor): Tensor {
  const r = a.rank;
  const batch = a.shape.slice(0, -2);
  const trace = bind(sum, [weighEntries(bind(solve, [a, da], { transpose: false }), (i, j) => (i === j ? 1 : 0))], { axes: [r - 2, r - 1] });
  const zero = bind(broadcastTo, [fromStorage(allocate(a.dtype, 1), [1], a.dtype)], { shape: [...batch, 1] });
  return bind(concatenate, [zero, bind(reshape, [trace], { shape: [...batch, 1] })], { axis: r - 2 });
}
