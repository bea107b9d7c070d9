import type { Method } from "../run.js";
import { norm2 } from "../vector.js";

/**
 * Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1) as a
 * deterministic driver: moment estimates m ← β₁m + (1 − β₁)g and v ← β₂v + (1 − β₂)g², their
 * bias-corrected forms m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ), and the step x ← x − α m̂/(√v̂ + ε), with
 * α = `learningRate` (default 1e-3), `beta1`, `beta2`, `eps`. Each coordinate moves by about α at
 * most, so α sets the resolution: expect to reach the minimum to roughly α's scale unless the
 * gradient tolerance is met first. A non-finite f or gradient stops the run with the previous point.
 */
export const adam: Method = (problem, run) => {
  const { learningRate, beta1, beta2, eps } = run.options;
  const n = problem.n;
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  let step = 0;
  while (reason === null) {
    step++;
    const firstCorrection = 1 - beta1 ** step;
    const secondCorrection = 1 - beta2 ** step;
    const next = new Float64Array(n);
    const move = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = grad[i]!;
      first[i] = beta1 * first[i]! + (1 - beta1) * g;
      second[i] = beta2 * second[i]! + (1 - beta2) * g * g;
      move[i] = (-learningRate * (first[i]! / firstCorrection)) / (Math.sqrt(second[i]! / secondCorrection) + eps);
      next[i] = x[i]! + move[i]!;
    }
    const stepLength = norm2(move);
    const evaluated = problem.valueAndGrad(next);
    if (!Number.isFinite(evaluated.fun) || !evaluated.grad.every(Number.isFinite)) {
      run.record(evaluated.fun, NaN, stepLength);
      reason = "non-finite";
      break;
    }
    const previous = { x, fun };
    x = next;
    fun = evaluated.fun;
    grad = evaluated.grad;
    reason = run.record(fun, run.gradNorm(grad), stepLength) ?? run.progressStop(previous.fun, fun, previous.x, x);
  }
  return { x, fun, grad, reason };
};
