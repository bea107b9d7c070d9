/**
 * GradBench `gmm`: the log posterior of a Gaussian mixture model with a Wishart-type prior on the
 * precision factors, and its gradient with respect to all parameters, by reverse mode.
 *
 * Each component k has a lower-triangular factor Q_k of its precision: diagonal exp(q_k), the part
 * below the diagonal filled column by column from l_k. The work is in the n·k quadratic forms
 * |Q_k (x_i − μ_k)|², computed one of two ways, whichever does less for the sizes at hand:
 *
 * - By pairs (many components): in homogeneous coordinates, x̂_i = [x_i, 1] and
 *   Q̂_k = [Q_k, −Q_k μ_k] (d × (d+1)),
 *
 *     |Q_k (x_i − μ_k)|² = |Q̂_k x̂_i|² = x̂_iᵀ M_k x̂_i,   M_k = Q̂_kᵀ Q̂_k,
 *
 *   and a quadratic form in x̂ is linear in the products x̂_a x̂_b, a ≤ b. With those products for
 *   each point (P = (d+1)(d+2)/2 of them) and the matching entries of each M_k, all forms are ONE
 *   matrix product [n, P] × [P, k]: d²/2 multiply-adds per (point, component), as the triangular
 *   Q_k (x_i − μ_k) would take, in the shape the packed kernel is fastest at (a long inner
 *   dimension), with no [n, k, d] intermediate and a reverse pass of one more such product.
 * - By bands (fewer components, where building the [n, P] products costs more than it saves):
 *   Q_k (x_i − μ_k) for all (i, k) by products [n, d + 1] × [d + 1, k·d] of [x_i, 1] and
 *   [Q_k, −Q_k μ_k], one per band of rows of the factors, then squared and summed.
 */
import { concatenate, grad, logSumExp, matmul, multigammaln, take, tensor, transpose, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatMatrix, floatVector, positiveInteger } from "../json-input.js";

export interface GmmInput {
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

/** The data and settings the objective does not differentiate. */
export interface GmmData {
  x: Tensor; // [n, d]
  m: number;
  gamma: number;
  /** The prior's constant k·C, which depends only on d, m, gamma and k. */
  priorConstant: number;
  /** How the quadratic forms are computed, with the indices that way needs. */
  forms: PairForms | BandForms;
}

/** The quadratic forms by one product over the pairs x̂_a x̂_b (see the file's comment). */
export interface PairForms {
  readonly kind: "pairs";
  /** Where each entry of Q_k comes from: `factorIndices(d)`, [d·d]. */
  readonly factorIndex: Tensor;
  /** Row and column (a ≤ b) of each product x̂_a x̂_b, as indices into x̂ = [x, 1]: `pairIndices(d + 1)`. */
  readonly rows: Tensor;
  readonly columns: Tensor;
  /** Where x̂_a x̂_b's coefficient sits in the flattened M_k: a·(d+1) + b. */
  readonly entries: Tensor;
  /** 1 for a = b and 2 for a < b: the form counts each off-diagonal entry of the symmetric M_k twice. */
  readonly weights: Tensor; // [P]
}

/** The quadratic forms by products per band of rows of the factors (see the file's comment). */
export interface BandForms {
  readonly kind: "bands";
  readonly bands: readonly FactorBand[];
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
  /** The data's first rowEnd columns and a column of ones, [n, rowEnd + 1]. */
  readonly xHat: Tensor;
}

/** Rows per band of the factors. */
const BAND_ROWS = 16;

/**
 * Whether the pairs take less time than the bands. Per point the pairs cost P ≈ d²/2 products to
 * build and k·P multiply-adds (twice for the gradient); the bands cost k·d²·5/8 multiply-adds at
 * d = 64 (twice for the gradient) and several passes over k·d elements. Measured with profile.ts
 * (n = 1000, CPU time per call, pairs vs bands): for the gradient the pairs win from k ≈ d/2
 * (20_10: 5.6 vs 6.9 ms, but 64_25: 107 vs 89 ms), for the objective alone from k ≈ 3d/4 (64_50:
 * 83 vs 89 ms, but 32_10: 8.7 vs 6.1 ms).
 */
function usePairs(d: number, k: number, forGradient: boolean): boolean {
  return forGradient ? 2 * k >= d : 4 * k >= 3 * d;
}

/**
 * Where each entry (r, c), r in [rowStart, rowEnd), c in [0, rowEnd), of Q_k, row by row, comes
 * from, for a gather from the row [exp(q_k) (d), l_k (d(d−1)/2), 0]: the diagonal from exp(q), the
 * strictly lower part from l in column-major order (column 0 rows 1..d−1, then column 1 rows
 * 2..d−1, …), the upper part from the final zero.
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

/** The pairs (a, b), 0 ≤ a ≤ b < size, row by row: (0,0), (0,1), …, (0,size−1), (1,1), … */
export function pairIndices(size: number): { rows: Int32Array; columns: Int32Array } {
  const count = (size * (size + 1)) / 2;
  const rows = new Int32Array(count);
  const columns = new Int32Array(count);
  let next = 0;
  for (let a = 0; a < size; a++) {
    for (let b = a; b < size; b++) {
      rows[next] = a;
      columns[next++] = b;
    }
  }
  return { rows, columns };
}

/** |Q_k (x_i − μ_k)|² for all points and components, [n, k], by pairs. */
function formsByPairs(source: Tensor, mu: Tensor, x: Tensor, forms: PairForms): Tensor {
  const [n, d] = x.shape as [number, number];
  const k = mu.shape[0]!;
  // The forms only see x − μ, so both are shifted by the data's mean first: the expanded x̂ᵀM x̂
  // then sums terms of the size of the spread, not of |x|², and loses no accuracy to
  // cancellation when the data sit far from the origin.
  const center = x.mean(0);
  const xHat = concatenate([x.sub(center), tensor(new Float64Array(n).fill(1), { shape: [n, 1] })], 1); // [n, d+1]
  const products = take(xHat, forms.rows, 1).mul(take(xHat, forms.columns, 1)); // [n, P]
  const factors = take(source, forms.factorIndex, 1).reshape([k, d, d]); // Q_k
  const qMu = matmul(factors, mu.sub(center).reshape([k, d, 1])); // Q_k (μ_k − mean), [k, d, 1]
  const qHat = concatenate([factors, qMu.neg()], 2); // [k, d, d+1]
  const precisions = matmul(transpose(qHat, [0, 2, 1]), qHat).reshape([k, (d + 1) * (d + 1)]); // M_k
  const coefficients = take(precisions, forms.entries, 1).mul(forms.weights); // [k, P]
  return matmul(products, coefficients.T);
}

/** |Q_k (x_i − μ_k)|² for all points and components, [n, k], by bands of rows of the factors. */
function formsByBands(source: Tensor, mu: Tensor, { bands }: BandForms): Tensor {
  const k = mu.shape[0]!;
  const d = mu.shape[1]!;
  let squared: Tensor | null = null;
  for (const band of bands) {
    const rows = band.rowEnd - band.rowStart;
    const factors = take(source, band.index, 1).reshape([k, rows, band.rowEnd]); // Q_k's band
    const muColumns = band.rowEnd === d ? mu : mu.slice(null, [0, band.rowEnd]);
    const qMu = matmul(factors, muColumns.reshape([k, band.rowEnd, 1])); // [k, rows, 1]
    // [Q_k, −Q_k μ_k] · [x_i, 1] = Q_k (x_i − μ_k) for all (i, k): one product [n, columns + 1] ×
    // [columns + 1, k·rows], with no pass over [n, k, rows] to subtract Q_k μ_k.
    const shifted = concatenate([factors, qMu.neg()], 2).reshape([k * rows, band.rowEnd + 1]);
    const part = matmul(band.xHat, shifted.T).square().reshape([band.xHat.shape[0]!, k, rows]).sum(2); // [n, k]
    squared = squared === null ? part : squared.add(part);
  }
  return squared!;
}

/** The GMM log posterior exactly as GradBench's reference defines it (see PROTOCOL-NOTES). */
export function gmmObjective({ alpha, mu, q, l }: GmmParameters, data: GmmData): Tensor {
  const { x, m, gamma, priorConstant, forms } = data;
  const [n, d] = x.shape as [number, number];
  const k = alpha.shape[0]!;
  const expQ = q.exp();
  const source = concatenate([expQ, l, tensor(new Float64Array(k), { shape: [k, 1] })], 1);
  const squared = forms.kind === "pairs" ? formsByPairs(source, mu, x, forms) : formsByBands(source, mu, forms);
  const sumQ = q.sum(1); // [k]: log det Q_k
  const beta = alpha.add(sumQ).sub(squared.mul(0.5)); // [n, k]
  const logLikelihood = logSumExp(beta, 1).sum().sub(logSumExp(alpha).mul(n)).sub((n * d * Math.log(2 * Math.PI)) / 2);
  const frobenius = expQ.square().sum().add(l.square().sum());
  const logPrior = frobenius.mul((gamma * gamma) / 2).sub(sumQ.sum().mul(m)).neg().add(priorConstant);
  return logLikelihood.add(logPrior);
}

const gmmGradient = grad(gmmObjective);

export interface Prepared {
  parameters: GmmParameters;
  data: GmmData;
}

/** Checks a GradBench gmm input and turns it into tensors, with the quadratic forms' layout `way`. */
export function prepareGmm(input: GmmInput, way: "pairs" | "bands"): Prepared {
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
  const int32 = (data: Int32Array): Tensor => tensor(data, { dtype: "int32" });
  // The prior's constant: C = ν d (log γ − log 2 / 2) − log Γ_d(ν/2), ν = d + m + 1, once per component.
  const m = input.m;
  const nu = d + m + 1;
  const c = nu * d * (Math.log(input.gamma) - Math.log(2) / 2) - multigammaln(tensor(nu / 2, { dtype: "float64" }), d).item();
  const xTensor = f64(x.data, x.shape);
  const n = x.shape[0];
  let forms: PairForms | BandForms;
  if (way === "pairs") {
    const pairs = pairIndices(d + 1);
    const entries = pairs.rows.map((a, i) => a * (d + 1) + pairs.columns[i]!);
    const weights = Float64Array.from(pairs.rows, (a, i) => (a === pairs.columns[i] ? 1 : 2));
    forms = {
      kind: "pairs",
      factorIndex: int32(factorIndices(d)),
      rows: int32(pairs.rows),
      columns: int32(pairs.columns),
      entries: int32(entries),
      weights: f64(weights, [weights.length]),
    };
  } else {
    const bands: FactorBand[] = [];
    for (let rowStart = 0; rowStart < d; rowStart += BAND_ROWS) {
      const rowEnd = Math.min(d, rowStart + BAND_ROWS);
      const columns = new Float64Array(n * (rowEnd + 1));
      for (let i = 0; i < n; i++) {
        columns.set(x.data.subarray(i * d, i * d + rowEnd), i * (rowEnd + 1));
        columns[i * (rowEnd + 1) + rowEnd] = 1;
      }
      bands.push({ rowStart, rowEnd, index: int32(factorIndices(d, rowStart, rowEnd)), xHat: f64(columns, [n, rowEnd + 1]) });
    }
    forms = { kind: "bands", bands };
  }
  return {
    parameters: { alpha: f64(alpha, [k]), mu: f64(mu.data, [k, d]), q: f64(q.data, [k, d]), l: f64(l.data, [k, lower]) },
    data: { x: xTensor, m, gamma: input.gamma, priorConstant: k * c, forms },
  };
}

const objective: EvalFunction<GmmInput, Prepared, Tensor> = {
  prepare: (input) => prepareGmm(input, usePairs(input.d, input.k, false) ? "pairs" : "bands"),
  run: ({ parameters, data }) => gmmObjective(parameters, data),
  output: (y) => y.item(),
};

const jacobian: EvalFunction<GmmInput, Prepared, GmmParameters> = {
  prepare: (input) => prepareGmm(input, usePairs(input.d, input.k, true) ? "pairs" : "bands"),
  run: ({ parameters, data }) => gmmGradient(parameters, data) as GmmParameters,
  output: (g) => ({ alpha: g.alpha.toArray(), mu: g.mu.toArray(), q: g.q.toArray(), l: g.l.toArray() }),
};

export const gmm: EvalModule = { objective, jacobian };
