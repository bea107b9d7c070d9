/**
 * GradBench `lse`: log-sum-exp of a vector, built from max, sum, exp and log, and its gradient
 * (softmax) by `grad`.
 */
import { grad, stopGradient, tensor, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatVector } from "../json-input.js";

interface LseInput {
  x: number[];
}

/**
 * a + log Σ exp(x − a) with a = max(x), so that no exponential overflows. The value does not
 * depend on a (any shift gives the same number), so its derivative through a is zero: holding a
 * constant with stopGradient changes no result and spares the reverse pass the tie mask of max.
 */
export function logSumExp(x: Tensor): Tensor {
  const a = stopGradient(x).max();
  return a.add(x.sub(a).exp().sum().log());
}

function lseFunction(f: (x: Tensor) => Tensor, toJson: (y: Tensor) => unknown): EvalFunction<LseInput, Tensor, Tensor> {
  return {
    prepare: (input) => tensor(floatVector("lse", input.x, "x")),
    run: f,
    output: toJson,
  };
}

export const lse: EvalModule = {
  primal: lseFunction(logSumExp, (y) => y.item()),
  gradient: lseFunction(grad(logSumExp), (g) => Array.from(g.data())),
};
