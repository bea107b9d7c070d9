import { lstsq } from "../../../linalg/dense.js";
import { backtrackWithGradient, machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import type { Method } from "../run.js";
import { norm2, scaled, sub } from "../vector.js";
import { evaluateResiduals, isFiniteEvaluation, leastSquaresProgress, predictedDecrease } from "./residual-evaluation.js";

/**
 * Damped Gauss–Newton for ½‖r(x)‖² (Nocedal & Wright §10.3): the step solves the linear least
 * squares problem min ‖J p + r‖ by pivoted QR (never forming JᵀJ, whose condition number is the
 * square of J's), the minimum-norm solution when J is rank deficient; a backtracking Armijo search
 * on ½‖r‖² from α = 1 makes the method globally convergent wherever J has full column rank
 * (N&W Theorem 10.1). Fast on small-residual problems, linear at best on large-residual ones.
 *
 * Stops by `tol` on ‖Jᵀr‖, or by MINPACK's `ftol`/`xtol` tests (defaults 1e-8, as SciPy's
 * `least_squares`); the history's `detail` holds α and the numerical rank of J.
 */
export const gaussNewton: Method = (problem, run) => {
  const n = problem.n;
  const evaluate = (x: Float64Array) => evaluateResiduals(problem, x);
  const epsilon = machineEpsilon(problem.dtype);
  let x = problem.initial();
  let at = evaluate(x);
  let reason = run.record(at.fun, run.gradNorm(at.grad), 0);
  if (reason === null && !isFiniteEvaluation(at)) reason = "non-finite";
  while (reason === null) {
    const { solution: step, rank } = lstsq(at.jacobian, at.m, n, scaled(at.r, -1));
    const search = backtrackWithGradient(evaluate, x, at.fun, at.grad, step, { epsilon });
    if (!search.ok) {
      reason = "line-search-failed";
      break;
    }
    const taken = sub(search.x, x);
    if (!isFiniteEvaluation(search.at)) {
      run.record(search.at.fun, NaN, norm2(taken));
      reason = "non-finite";
      break;
    }
    const predicted = predictedDecrease(at, n, taken);
    const previous = { x, fun: at.fun };
    x = search.x;
    at = search.at;
    reason =
      run.record(at.fun, run.gradNorm(at.grad), norm2(taken), { alpha: search.alpha, rank }) ??
      leastSquaresProgress(run.options, previous.fun, at.fun, predicted, taken, previous.x);
  }
  return { x, fun: at.fun, grad: at.grad, reason };
};
