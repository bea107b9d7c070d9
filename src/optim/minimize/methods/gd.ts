import type { Method } from "../run.js";
import { backtrackingArmijo } from "../line-search/armijo.js";
import { addScaled, norm2, scaled, sub } from "../vector.js";

/**
 * Gradient descent: x ← x − α∇f(x). With `lineSearch: "armijo"` (the default) α is found each
 * iteration by backtracking from `learningRate` (default 1), and the next search starts from twice
 * the last accepted step so α can grow back; with `"none"` α is the fixed `learningRate`.
 */
export const gd: Method = (problem, run) => {
  const { learningRate, lineSearch } = run.options;
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  let alpha = learningRate;
  while (reason === null) {
    const direction = scaled(grad, -1);
    let next: Float64Array;
    if (lineSearch === "armijo") {
      const search = backtrackingArmijo(problem, x, fun, grad, direction, alpha);
      if (!search.ok) {
        reason = "line-search-failed";
        break;
      }
      next = search.x;
      alpha = Math.min(2 * search.alpha, 1e10);
    } else {
      next = addScaled(x, alpha, direction);
    }
    const step = norm2(sub(next, x));
    const prev = { x, fun };
    const evaluated = problem.valueAndGrad(next);
    if (!Number.isFinite(evaluated.fun) || !evaluated.grad.every(Number.isFinite)) {
      run.record(evaluated.fun, NaN, step);
      reason = "non-finite";
      break;
    }
    x = next;
    fun = evaluated.fun;
    grad = evaluated.grad;
    reason = run.record(fun, run.gradNorm(grad), step, { alpha: lineSearch === "armijo" ? alpha / 2 : alpha }) ?? run.progressStop(prev.fun, fun, prev.x, x);
  }
  return { x, fun, grad, reason };
};
