/**
 * GradBench `llsq`: linear least squares. With t_i = −1 + 2i/(n − 1) and s_i = sign(t_i),
 * y(x) = ½ Σ_i (s_i − Σ_j x_j t_i^j)², and its gradient with respect to x by `grad`.
 */
import { arange, concatenate, grad, matmul, ones, tensor, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatVector, positiveInteger } from "../json-input.js";

interface LlsqInput {
  x: number[];
  n: number;
}

interface Problem {
  x: Tensor;
  n: number;
}

/**
 * The rows t^0, t^1, ..., t^(m−1) as an [m, n] matrix, built by doubling: the block of rows
 * t^0..t^(k−1) times t^k gives t^k..t^(2k−1), so log2(m) whole-block products instead of m row
 * products, and every block is appended along the first axis (a contiguous copy). It depends on n
 * only, and x enters only through the product x·V.
 */
function powers(t: Tensor, m: number): Tensor {
  const n = t.shape[0]!;
  let rows = ones([1, n], { dtype: "float64" });
  let tk = t.reshape([1, n]);
  while (rows.shape[0]! < m) {
    rows = concatenate([rows, rows.mul(tk)], 0);
    tk = tk.mul(tk);
  }
  return rows.shape[0] === m ? rows : rows.slice([0, m]);
}

/** y(x); t and the powers are computed here, in every call, as in the reference. */
export function leastSquares(x: Tensor, n: number): Tensor {
  // -1 + (2i)/(n − 1), in the reference's order of operations, so that t is exactly 0 at the
  // middle of an odd n and its sign is 0 there.
  const t = arange(0, n, 1, { dtype: "float64" }).mul(2).div(n - 1).add(-1);
  const residual = t.sign().sub(matmul(x, powers(t, x.shape[0]!)));
  return residual.square().sum().mul(0.5);
}

function llsqFunction(f: (problem: Problem) => Tensor, toJson: (y: Tensor) => unknown): EvalFunction<LlsqInput, Problem, Tensor> {
  return {
    prepare: (input) => ({ x: tensor(floatVector("llsq", input.x, "x")), n: positiveInteger("llsq", input.n, "n") }),
    run: f,
    output: toJson,
  };
}

const gradient = grad(leastSquares);

export const llsq: EvalModule = {
  primal: llsqFunction(({ x, n }) => leastSquares(x, n), (y) => y.item()),
  gradient: llsqFunction(({ x, n }) => gradient(x, n), (g) => Array.from(g.data())),
};
