/**
 * GradBench `gmm`: the log posterior of a Gaussian mixture model with a Wishart-type prior on the
 * precision factors, and its gradient with respect to all parameters, by reverse mode.
 *
 * Each component k has a lower-triangular factor Q_k of its precision: diagonal exp(q_k), the part
 * below the diagonal filled column by column from l_k. The quadratic forms |Q_k (x_i − μ_k)|² for
 * all points and components come from one matrix product [n, d] × [d, k·d].
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

/** The data and settings the objective does not differentiate. */
export interface GmmData {
  x: Tensor; // [n, d]
  m: number;
  gamma: number;
  /** For each entry (r, c) of a d×d factor, its column in [exp(q_k), l_k, 0]: see `factorIndices`. */
  factorIndex: Tensor;
}

/**
 * Where each entry of Q_k comes from, for a gather from the row [exp(q_k) (d), l_k (d(d−1)/2), 0]:
 * the diagonal from exp(q), the strictly lower part from l in column-major order (column 0 rows
 * 1..d−1, then column 1 rows 2..d−1, …), the upper part from the final zero.
 */
export function factorIndices(d: number): Int32Array {
  const lower = (d * (d - 1)) / 2;
  const index = new Int32Array(d * d).fill(d + lower);
  let next = d;
  for (let c = 0; c < d; c++) {
    index[c * d + c] = c;
    for (let r = c + 1; r < d; r++) index[r * d + c] = next++;
  }
  return index;
}

/** The GMM log posterior exactly as GradBench's reference defines it (see PROTOCOL-NOTES). */
export function gmmObjective({ alpha, mu, q, l }: GmmParameters, { x, m, gamma, factorIndex }: GmmData): Tensor {
  const [n, d] = x.shape as [number, number];
  const k = alpha.shape[0]!;
  // Q_k for every k, stacked as rows: [k, d·d] gathered from [exp(q), l, 0], then [k·d, d].
  const expQ = q.exp();
  const source = concatenate([expQ, l, tensor(new Float64Array(k), { shape: [k, 1] })], 1);
  const factors = take(source, factorIndex, 1).reshape([k * d, d]);
  // Q_k (x_i − μ_k) = Q_k x_i − Q_k μ_k: one product for all (i, k), then the shift per k.
  const qx = matmul(x, factors.T).reshape([n, k, d]);
  const qmu = matmul(factors.reshape([k, d, d]), mu.reshape([k, d, 1])).reshape([k, d]);
  const squared = qx.sub(qmu).square().sum(2); // [n, k]
  const sumQ = q.sum(1); // [k]: log det Q_k
  const beta = alpha.add(sumQ).sub(squared.mul(0.5)); // [n, k]
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
  return {
    parameters: { alpha: f64(alpha, [k]), mu: f64(mu.data, [k, d]), q: f64(q.data, [k, d]), l: f64(l.data, [k, lower]) },
    data: { x: f64(x.data, x.shape), m: input.m, gamma: input.gamma, factorIndex: tensor(factorIndices(d), { dtype: "int32" }) },
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
