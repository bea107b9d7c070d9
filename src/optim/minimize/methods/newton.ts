import { choleskySolve, choleskyWithShift } from "../../../linalg/dense.js";
import { backtrackWithGradient, machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import type { Method } from "../run.js";
import { allFinite, norm2, scaled, sub } from "../vector.js";

/**
 * Newton's method with a modified Hessian (Nocedal & Wright, Algorithm 3.2 with the Hessian
 * modification of Algorithm 3.3): the exact Hessian by automatic differentiation, made positive
 * definite by adding τI, where τ is the smallest of 0, β − min Hᵢᵢ, and its doublings that lets
 * the Cholesky factorization succeed. The step p solves (H + τI)p = −∇f, so it is a descent
 * direction even where H is indefinite or singular; a backtracking Armijo search from α = 1 makes
 * the method globally convergent and, once τ = 0 and α = 1 near a nondegenerate minimizer,
 * quadratically convergent. Each iteration's τ and α are in the history's `detail`.
 *
 * Stops by `tol` on the gradient (and `ftol`/`xtol` when given), or with "line-search-failed"
 * when no step along p decreases f (typically when the tolerance is below rounding).
 */
export const newton: Method = (problem, run) => {
  const evaluate = (x: Float64Array) => problem.valueAndGrad(x);
  const epsilon = machineEpsilon(problem.dtype);
  let x = problem.initial();
  let { fun, grad } = evaluate(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  while (reason === null) {
    const hessian = problem.hessian(x);
    if (!allFinite(hessian)) {
      run.record(fun, NaN, 0);
      reason = "non-finite";
      break;
    }
    const { factor, tau } = choleskyWithShift(hessian);
    const direction = choleskySolve(factor, scaled(grad, -1));
    const search = backtrackWithGradient(evaluate, x, fun, grad, direction, { epsilon });
    if (!search.ok) {
      reason = "line-search-failed";
      break;
    }
    const step = norm2(sub(search.x, x));
    if (!Number.isFinite(search.at.fun) || !allFinite(search.at.grad)) {
      run.record(search.at.fun, NaN, step);
      reason = "non-finite";
      break;
    }
    const previous = { x, fun };
    x = search.x;
    ({ fun, grad } = search.at);
    reason = run.record(fun, run.gradNorm(grad), step, { alpha: search.alpha, tau }) ?? run.progressStop(previous.fun, fun, previous.x, x);
  }
  return { x, fun, grad, reason };
};
