import type { Kernel } from "../backend.js";
import { fromStorage, type Tensor } from "../../tensor/tensor.js";
import { allocate, type Storage } from "../../tensor/dtype.js";
import { sizeOf } from "../../tensor/shape.js";
import { NablaError } from "../../errors.js";
import * as dense from "../../linalg/dense.js";

/**
 * Linear-algebra kernels: each matrix of a batch (the leading axes) is copied to a Float64Array,
 * handed to `linalg/dense`, and the result written back in the output's dtype. float32 inputs are
 * thus factored in float64 and rounded once at the end.
 */

/** The `index`-th `rows × cols` matrix of a batched tensor, as float64. */
function matrixAt(data: Storage, index: number, size: number): Float64Array {
  return Float64Array.from(data.subarray(index * size, (index + 1) * size));
}

/**
 * Runs `body` for each matrix of the batch. Errors from the dense routines are re-raised under the
 * tensor operation's name (`solve`, not `luSolve`), with the batch index when there is a batch.
 */
function perMatrix(op: string, out: { shape: readonly number[]; dtype: Tensor["dtype"] }, batch: number, body: (index: number, data: Storage) => void): Tensor {
  const data = allocate(out.dtype, sizeOf(out.shape));
  for (let index = 0; index < batch; index++) {
    try {
      body(index, data);
    } catch (e) {
      if (!(e instanceof NablaError)) throw e;
      const message = e.message.slice(e.op.length + 2);
      const where = batch > 1 ? ` (matrix ${index} of the batch)` : "";
      const ErrorClass = e.constructor as new (op: string, message: string) => NablaError;
      throw new ErrorClass(op, message.replace(/\. /, `${where}. `));
    }
  }
  return fromStorage(data, out.shape, out.dtype);
}

function batchCount(shape: readonly number[], matrixAxes: number): number {
  return sizeOf(shape.slice(0, shape.length - matrixAxes));
}

const triangularSolveKernel: Kernel = ([t, b], { lower, transpose }: { lower: boolean; transpose: boolean }, out) => {
  const n = b!.shape[b!.rank - 2]!;
  const k = b!.shape[b!.rank - 1]!;
  const tData = t!._dense();
  const bData = b!._dense();
  return perMatrix("triangularSolve", out, batchCount(b!.shape, 2), (index, data) => {
    const solver = lower ? dense.solveLowerTriangular : dense.solveUpperTriangular;
    data.set(solver(matrixAt(tData, index, n * n), matrixAt(bData, index, n * k), { transpose }), index * n * k);
  });
};

const solveKernel: Kernel = ([a, b], { transpose }: { transpose: boolean }, out) => {
  const n = b!.shape[b!.rank - 2]!;
  const k = b!.shape[b!.rank - 1]!;
  const aData = a!._dense();
  const bData = b!._dense();
  return perMatrix("solve", out, batchCount(b!.shape, 2), (index, data) => {
    let matrix = matrixAt(aData, index, n * n);
    if (transpose) matrix = transposed(matrix, n, n);
    data.set(dense.luSolve(dense.luFactor(matrix), matrixAt(bData, index, n * k)), index * n * k);
  });
};

function transposed(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}

const choleskyKernel: Kernel = ([a], _params, out) => {
  const n = a!.shape[a!.rank - 1]!;
  const aData = a!._dense();
  return perMatrix("cholesky", out, batchCount(a!.shape, 2), (index, data) => {
    data.set(dense.cholesky(matrixAt(aData, index, n * n)), index * n * n);
  });
};

const eighKernel: Kernel = ([a], _params, out) => {
  const n = a!.shape[a!.rank - 1]!;
  const aData = a!._dense();
  return perMatrix("eigh", out, batchCount(a!.shape, 2), (index, data) => {
    const { values, vectors } = dense.symmetricEigen(matrixAt(aData, index, n * n));
    data.set(values, index * (n + 1) * n);
    data.set(vectors, index * (n + 1) * n + n);
  });
};

const slogdetKernel: Kernel = ([a], _params, out) => {
  const n = a!.shape[a!.rank - 1]!;
  const aData = a!._dense();
  return perMatrix("slogdet", out, batchCount(a!.shape, 2), (index, data) => {
    const { sign, logAbsDet } = dense.luLogDeterminant(dense.luFactor(matrixAt(aData, index, n * n)));
    data[2 * index] = sign;
    data[2 * index + 1] = logAbsDet;
  });
};

const lstsqKernel: Kernel = ([a, b], _params, out) => {
  const m = a!.shape[a!.rank - 2]!;
  const n = a!.shape[a!.rank - 1]!;
  const k = b!.shape[b!.rank - 1]!;
  const aData = a!._dense();
  const bData = b!._dense();
  return perMatrix("lstsq", out, batchCount(b!.shape, 2), (index, data) => {
    // With no rows every x fits equally well and the smallest is 0 (the output starts zeroed).
    if (m === 0 || n === 0 || k === 0) return;
    data.set(dense.lstsq(matrixAt(aData, index, m * n), m, n, matrixAt(bData, index, m * k)).solution, index * n * k);
  });
};

export const linalgKernels = {
  triangularSolve: triangularSolveKernel,
  solve: solveKernel,
  cholesky: choleskyKernel,
  eigh: eighKernel,
  slogdet: slogdetKernel,
  lstsq: lstsqKernel,
};
