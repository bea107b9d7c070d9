/**
 * GradBench `gmm`: the log posterior of a Gaussian mixture model with a Wishart-type prior on the
 * precision factors, and its gradient with respect to all parameters, by reverse mode.
 *
 * Each component k has a lower-triangular factor Q_k of its precision: diagonal exp(q_k), the part
 * below the diagonal filled column by column from l_k. The quadratic form |Q_k (x_i − μ_k)|² is
 * written in homogeneous coordinates, x̂_i = [x_i, 1] and Q̂_k = [Q_k, −Q_k μ_k] (d × (d+1)):
 *
 *   |Q_k (x_i − μ_k)|² = |Q̂_k x̂_i|² = x̂_iᵀ M_k x̂_i,   M_k = Q̂_kᵀ Q̂_k,
 *
 * and a quadratic form in x̂ is linear in the products x̂_a x̂_b, a ≤ b. So with the row of those
 * products for each point (P = (d+1)(d+2)/2 of them) and the matching entries of each M_k, all
 * n·k quadratic forms are ONE matrix product [n, P] × [P, k]. It does d²/2 multiply-adds per
 * (point, component), as the triangular product Q_k (x_i − μ_k) would, but as a single large
 * product with a long inner dimension (the shape the packed kernel is fastest at), no [n, k, d]
 * intermediate, and a reverse pass that is one more product of the same size; M_k costs k small
 * [d+1, d] × [d, d+1] products.
 */
import { concatenate, grad, logSumExp, matmul, multigammaln, take, tensor, transpose, type Tensor } from "../../../src/index.js";
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

/** The data and settings the objective does not differentiate. */
export interface GmmData {
  x: Tensor; // [n, d]
  m: number;
  gamma: number;
  /** The prior's constant k·C, which depends only on d, m, gamma and k. */
  priorConstant: number;
  /** Where each entry of Q_k comes from: `factorIndices(d)`, [d·d]. */
  factorIndex: Tensor;
  /** Row and column (a ≤ b) of each product x̂_a x̂_b, as indices into x̂ = [x, 1]: `pairIndices(d + 1)`. */
  pairRows: Tensor;
  pairColumns: Tensor;
  /** Where x̂_a x̂_b's coefficient sits in the flattened M_k: a·(d+1) + b. */
  pairEntries: Tensor;
  /**
   * −½ for a = b and −1 for a < b: the quadratic form counts each off-diagonal entry of the
   * symmetric M_k twice, and β takes −½ of it.
   */
  pairWeights: Tensor; // [P]
}

/**
 * Where each entry (r, c) of Q_k, row by row, comes from, for a gather from the row
 * [exp(q_k) (d), l_k (d(d−1)/2), 0]: the diagonal from exp(q), the strictly lower part from l in
 * column-major order (column 0 rows 1..d−1, then column 1 rows 2..d−1, …), the upper part from
 * the final zero.
 */
export function factorIndices(d: number): Int32Array {
  const zero = d + (d * (d - 1)) / 2;
  const index = new Int32Array(d * d).fill(zero);
  // Column c of l starts after the (d − 1) + (d − 2) + … + (d − c) entries of the columns before it.
  for (let c = 0; c < d; c++) {
    const columnStart = d + c * (d - 1) - (c * (c - 1)) / 2;
    for (let r = c; r < d; r++) index[r * d + c] = r === c ? c : columnStart + (r - c - 1);
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

/** The GMM log posterior exactly as GradBench's reference defines it (see PROTOCOL-NOTES). */
export function gmmObjective({ alpha, mu, q, l }: GmmParameters, data: GmmData): Tensor {
  const { x, m, gamma, priorConstant } = data;
  const [n, d] = x.shape as [number, number];
  const k = alpha.shape[0]!;
  // The quadratic forms only see x − μ, so both are shifted by the data's mean first: the
  // expanded form x̂ᵀM x̂ then sums terms of the size of the spread, not of |x|², and loses no
  // accuracy to cancellation when the data sit far from the origin.
  const center = x.mean(0);
  const xHat = concatenate([x.sub(center), tensor(new Float64Array(n).fill(1), { shape: [n, 1] })], 1); // [n, d+1]
  const products = take(xHat, data.pairRows, 1).mul(take(xHat, data.pairColumns, 1)); // [n, P]
  const expQ = q.exp();
  const source = concatenate([expQ, l, tensor(new Float64Array(k), { shape: [k, 1] })], 1);
  const factors = take(source, data.factorIndex, 1).reshape([k, d, d]); // Q_k
  const qMu = matmul(factors, mu.sub(center).reshape([k, d, 1])); // Q_k (μ_k − mean), [k, d, 1]
  const qHat = concatenate([factors, qMu.neg()], 2); // [k, d, d+1]
  const precisions = matmul(transpose(qHat, [0, 2, 1]), qHat).reshape([k, (d + 1) * (d + 1)]); // M_k
  const sumQ = q.sum(1); // [k]: log det Q_k
  // β_ik = α_k + Σ_j q_kj − ½ x̂_iᵀ M_k x̂_i, the last term as one product over the pairs.
  const coefficients = take(precisions, data.pairEntries, 1).mul(data.pairWeights); // [k, P]
  const beta = matmul(products, coefficients.T).add(alpha.add(sumQ)); // [n, k]
  const logLikelihood = logSumExp(beta, 1).sum().sub(logSumExp(alpha).mul(n)).sub((n * d * Math.log(2 * Math.PI)) / 2);
  const frobenius = expQ.square().sum().add(l.square().sum());
  const logPrior = frobenius.mul((gamma * gamma) / 2).sub(sumQ.sum().mul(m)).neg().add(priorConstant);
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
  const int32 = (data: Int32Array): Tensor => tensor(data, { dtype: "int32" });
  // The prior's constant: C = ν d (log γ − log 2 / 2) − log Γ_d(ν/2), ν = d + m + 1, once per component.
  const m = input.m;
  const nu = d + m + 1;
  const c = nu * d * (Math.log(input.gamma) - Math.log(2) / 2) - multigammaln(tensor(nu / 2, { dtype: "float64" }), d).item();
  const pairs = pairIndices(d + 1);
  const entries = pairs.rows.map((a, i) => a * (d + 1) + pairs.columns[i]!);
  const weights = Float64Array.from(pairs.rows, (a, i) => (a === pairs.columns[i] ? -0.5 : -1));
  return {
    parameters: { alpha: f64(alpha, [k]), mu: f64(mu.data, [k, d]), q: f64(q.data, [k, d]), l: f64(l.data, [k, lower]) },
    data: {
      x: f64(x.data, x.shape),
      m,
      gamma: input.gamma,
      priorConstant: k * c,
      factorIndex: int32(factorIndices(d)),
      pairRows: int32(pairs.rows),
      pairColumns: int32(pairs.columns),
      pairEntries: int32(entries),
      pairWeights: f64(weights, [weights.length]),
    },
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
