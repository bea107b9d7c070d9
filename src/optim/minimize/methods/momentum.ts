import type { Method } from "../run.js";
import { norm2, type Vec } from "../vector.js";

/**
 * Gradient descent with heavy-ball momentum (Polyak 1964; Nocedal & Wright §5.1 discuss it beside
 * CG): v ← β v − α ∇f(x), x ← x + v, with the fixed step α = `learningRate` (default 1e-3) and
 * β = `beta` (default 0.9). One gradient per iteration, no line search: a step that makes f or
 * its gradient non-finite stops the run with the previous point.
 */
export const momentum: Method = (problem, run) => {
  const { learningRate, beta } = run.options;
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  const velocity: Vec = new Float64Array(problem.n);
  while (reason === null) {
    const next = new Float64Array(problem.n);
    for (let i = 0; i < next.length; i++) {
      velocity[i] = beta * velocity[i]! - learningRate * grad[i]!;
      next[i] = x[i]! + velocity[i]!;
    }
    const stepLength = norm2(velocity);
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
