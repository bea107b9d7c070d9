/**
 * GradBench `gmm`: the log posterior of a Gaussian mixture model with a Wishart-type prior on the
 * precision factors, and its gradient with respect to all parameters, by reverse mode.
 *
 * Each component k has a lower-triangular factor Q_k of its precision: diagonal exp(q_k), the part
 * below the diagonal filled column by column from l_k. The quadratic forms |Q_k (x_i − μ_k)|² for
 * all points and components come from matrix products [n, d] × [d, k·d], one per band of rows.
 */
import { concatenate, grad, logSumExp, matmul, multigammaln, take, tensor, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatMatrix, floatVector, positiveInteger } from "../json-input.js";

interface GmmInput {
  d: number;
  k: number;
  n: number;
  x: number[][];
  m: number;
  gamma: number;
  alpha: number[];
  mu: number[][];
  q: number[][];
  l: number[][];
}

/** The parameters the gradient is taken with respect to, named as in GradBench's input. */
export interface GmmParameters {
  alpha: Tensor; // [k]
  mu: Tensor; // [k, d]
  q: Tensor; // [k, d]
  l: Tensor; // [k, d(d−1)/2]
}

/**
 * A band of rows [rowStart, rowEnd) of every Q_k. Q_k is lower triangular, so those rows have
 * nonzeros only in columns [0, rowEnd): multiplying by the band alone skips the zero upper blocks
 * (with bands of 16 rows, d = 64 needs 62.5% of the multiply-adds of the full product).
 */
export interface FactorBand {
  readonly rowStart: number;
  readonly rowEnd: number;
  /** Where each entry (r, c) of the band comes from: see `factorIndices`. */
  readonly index: Tensor;
  /** The data's first rowEnd columns, [n, rowEnd]. */
  readonly x: Tensor;
}

/** The data and settings the objective does not differentiate. */
export interface GmmData {
  x: Tensor; // [n, d]
  m: number;
  gamma: number;
  bands: readonly FactorBand[];
}

/** Rows per band of the factors. */
const BAND_ROWS = 16;

/**
 * Where each entry (r, c), r in [rowStart, rowEnd), c in [0, rowEnd), of Q_k comes from, for a
 * gather from the row [exp(q_k) (d), l_k (d(d−1)/2), 0]: the diagonal from exp(q), the strictly
 * lower part from l in column-major order (column 0 rows 1..d−1, then column 1 rows 2..d−1, …),
 * the upper part from the final zero.
 */
export function factorIndices(d: number, rowStart = 0, rowEnd = d): Int32Array {
  const zero = d + (d * (d - 1)) / 2;
  const columns = rowEnd;
  const index = new Int32Array((rowEnd - rowStart) * columns).fill(zero);
  // Column c of l starts after the (d − 1) + (d − 2) + … + (d − c) entries of the columns before it.
  for (let c = 0; c < columns; c++) {
    const columnStart = d + c * (d - 1) - (c * (c - 1)) / 2;
    for (let r = Math.max(c, rowStart); r < rowEnd; r++) index[(r - rowStart) * columns + c] = r === c ? c : columnStart + (r - c - 1);
  }
  return index;
}

/** The GMM log posterior exactly as GradBench's reference defines it (see PROTOCOL-NOTES). */
export function gmmObjective({ alpha, mu, q, l }: GmmParameters, { x, m, gamma, bands }: GmmData): Tensor {
  const [n, d] = x.shape as [number, number];
  const k = alpha.shape[0]!;
  const expQ = q.exp();
  const source = concatenate([expQ, l, tensor(new Float64Array(k), { shape: [k, 1] })], 1);
  // |Q_k (x_i − μ_k)|² summed over the bands of rows; per band, Q x_i − Q μ_k for all (i, k) by
  // one product [n, columns] × [columns, k·rows].
  let squared: Tensor | null = null;
  for (const band of bands) {
    const rows = band.rowEnd - band.rowStart;
    const factors = take(source, band.index, 1).reshape([k * rows, band.rowEnd]); // Q_k's band, stacked over k
    const qx = matmul(band.x, factors.T).reshape([n, k, rows]);
    const muColumns = band.rowEnd === d ? mu : mu.slice(null, [0, band.rowEnd]);
    const qmu = matmul(factors.reshape([k, rows, band.rowEnd]), muColumns.reshape([k, band.rowEnd, 1])).reshape([k, rows]);
    const part = qx.sub(qmu).square().sum(2); // [n, k]
    squared = squared === null ? part : squared.add(part);
  }
  const sumQ = q.sum(1); // [k]: log det Q_k
  const beta = alpha.add(sumQ).sub(squared!.mul(0.5)); // [n, k]
  const logLikelihood = logSumExp(beta, 1).sum().sub(logSumExp(alpha).mul(n)).sub((n * d * Math.log(2 * Math.PI)) / 2);
  // The Wishart-type prior; its constant C depends only on d, m and gamma.
  const nu = d + m + 1;
  const c = nu * d * (Math.log(gamma) - Math.log(2) / 2) - multigammaln(tensor(nu / 2, { dtype: "float64" }), d).item();
  const frobenius = expQ.square().sum().add(l.square().sum());
  const logPrior = frobenius.mul((gamma * gamma) / 2).sub(sumQ.sum().mul(m)).neg().add(k * c);
  return logLikelihood.add(logPrior);
}

const gmmGradient = grad(gmmObjective);

interface Prepared {
  parameters: GmmParameters;
  data: GmmData;
}

function prepare(input: GmmInput): Prepared {
  const d = positiveInteger("gmm", input.d, "d");
  const k = positiveInteger("gmm", input.k, "k");
  const x = floatMatrix("gmm", input.x, "x");
  const mu = floatMatrix("gmm", input.mu, "mu");
  const q = floatMatrix("gmm", input.q, "q");
  const lower = (d * (d - 1)) / 2;
  // Rows of l are empty when d = 1; floatMatrix then sees width 0.
  const l = floatMatrix("gmm", input.l, "l");
  const alpha = floatVector("gmm", input.alpha, "alpha");
  const expect = (what: string, shape: readonly number[], want: readonly number[]): void => {
    if (shape.some((s, i) => s !== want[i])) throw new Error(`gmm: expected ${what} of shape [${want.join(", ")}], got [${shape.join(", ")}].`);
  };
  expect("x", x.shape, [x.shape[0], d]);
  expect("mu", mu.shape, [k, d]);
  expect("q", q.shape, [k, d]);
  expect("l", [l.shape[0], lower === 0 ? 0 : l.shape[1]], [k, lower]);
  expect("alpha", [alpha.length], [k]);
  if (typeof input.gamma !== "number" || !(input.gamma > 0)) throw new Error(`gmm: expected gamma > 0, got ${String(input.gamma)}.`);
  if (typeof input.m !== "number" || !Number.isInteger(input.m) || input.m < 0) throw new Error(`gmm: expected m to be an integer ≥ 0, got ${String(input.m)}.`);
  const f64 = (data: Float64Array, shape: number[]): Tensor => tensor(data, { shape, dtype: "float64" });
  const xTensor = f64(x.data, x.shape);
  const bands: FactorBand[] = [];
  for (let rowStart = 0; rowStart < d; rowStart += BAND_ROWS) {
    const rowEnd = Math.min(d, rowStart + BAND_ROWS);
    const index = tensor(factorIndices(d, rowStart, rowEnd), { dtype: "int32" });
    bands.push({ rowStart, rowEnd, index, x: rowEnd === d ? xTensor : xTensor.slice(null, [0, rowEnd]) });
  }
  return {
    parameters: { alpha: f64(alpha, [k]), mu: f64(mu.data, [k, d]), q: f64(q.data, [k, d]), l: f64(l.data, [k, lower]) },
    data: { x: xTensor, m: input.m, gamma: input.gamma, bands },
  };
}

const objective: EvalFunction<GmmInput, Prepared, Tensor> = {
  prepare,
  run: ({ parameters, data }) => gmmObjective(parameters, data),
  output: (y) => y.item(),
};

const jacobian: EvalFunction<GmmInput, Prepared, GmmParameters> = {
  prepare,
  run: ({ parameters, data }) => gmmGradient(parameters, data) as GmmParameters,
  output: (g) => ({ alpha: g.alpha.toArray(), mu: g.mu.toArray(), q: g.q.toArray(), l: g.l.toArray() }),
};

export const gmm: EvalModule = { objective, jacobian };
