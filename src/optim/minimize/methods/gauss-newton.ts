import { lstsq } from "../../../linalg/dense.js";
import { backtrackOnResiduals } from "../line-search/backtracking-on-residuals.js";
import { machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import { initialStep } from "../line-search/wolfe.js";
import type { Method } from "../run.js";
import { dot, norm2, scaled, sub, type Vec } from "../vector.js";
import { completeEvaluation, evaluateResiduals, isFiniteEvaluation, leastSquaresProgress, predictedDecrease, type ResidualEvaluation } from "./residual-evaluation.js";

/**
 * Damped Gauss–Newton for ½‖r(x)‖² (Nocedal & Wright §10.3): the step solves the linear least
 * squares problem min ‖J p + r‖ by pivoted QR (never forming JᵀJ, whose condition number is the
 * square of J's), the minimum-norm solution when J is rank deficient; a backtracking Armijo search
 * on ½‖r‖² makes the method globally convergent wherever J has full column rank (N&W Theorem 10.1).
 * Fast on small-residual problems, linear at best on large-residual ones.
 *
 * The search evaluates only the residuals at its trials, interpolating with a quadratic model of
 * r along the step (`backtrackOnResiduals`), and the Jacobian is evaluated once per iteration, at
 * the accepted point. Its first trial repeats the last decrease of ½‖r‖² (N&W (3.60)), capped at the
 * full step α = 1, which the first iteration tries: along a curved valley the accepted steps stay
 * short for many iterations, and starting from the last one's scale saves the trials that would
 * shorten α = 1 again each time; near the solution the rule returns to α = 1.
 *
 * Stops by `tol` on ‖Jᵀr‖, or by MINPACK's `ftol`/`xtol` tests (defaults 1e-8, as SciPy's
 * `least_squares`); the history's `detail` holds α and the numerical rank of J.
 */
export const gaussNewton: Method = (problem, run) => {
  const n = problem.n;
  const epsilon = machineEpsilon(problem.dtype);
  let x = problem.initial();
  let at = evaluateResiduals(problem, x);
  let reason = run.record(at.fun, run.gradNorm(at.grad), 0);
  if (reason === null && !isFiniteEvaluation(at)) reason = "non-finite";
  let previousFun = NaN;
  while (reason === null) {
    const { solution: step, rank } = lstsq(at.jacobian, at.m, n, scaled(at.r, -1));
    const slope = dot(at.grad, step);
    const alpha0 = initialStep(at.fun, previousFun, slope);
    const search = backtrackOnResiduals((point) => problem.residuals(point), x, at.r, jacobianTimes(at, n, step), slope, step, alpha0, epsilon);
    if (search === null) {
      reason = "line-search-failed";
      break;
    }
    const taken = sub(search.x, x);
    const next = completeEvaluation(problem, search.x, search.r);
    if (!isFiniteEvaluation(next)) {
      run.record(next.fun, NaN, norm2(taken));
      reason = "non-finite";
      break;
    }
    const predicted = predictedDecrease(at, n, taken);
    const previous = { x, fun: at.fun };
    previousFun = at.fun;
    x = search.x;
    at = next;
    reason =
      run.record(at.fun, run.gradNorm(at.grad), norm2(taken), { alpha: search.alpha, rank }) ??
      leastSquaresProgress(run.options, previous.fun, at.fun, predicted, taken, previous.x);
  }
  return { x, fun: at.fun, grad: at.grad, reason };
};

/** J p for the m×n row-major J. */
function jacobianTimes(at: ResidualEvaluation, n: number, p: Vec): Vec {
  const out = new Float64Array(at.m);
  for (let i = 0; i < at.m; i++) for (let j = 0; j < n; j++) out[i] += at.jacobian[i * n + j]! * p[j]!;
  return out;
}
