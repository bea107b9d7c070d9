import { backtrackWithGradient, machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import type { Method } from "../run.js";
import { allFinite, norm2, sub } from "../vector.js";
import { truncatedCg } from "./truncated-cg.js";

/**
 * Line-search Newton–CG (Nocedal & Wright, Algorithm 7.1): the direction comes from truncated
 * conjugate gradients on Hessian-vector products (forward over reverse), so the Hessian is never
 * formed and each iteration costs a few gradients' worth of work; a backtracking Armijo search
 * from α = 1 follows.
 *
 * Stops by `tol` on the gradient, by `ftol` when given, and, like SciPy's Newton-CG, when the
 * step's average absolute component ‖Δx‖₁/n falls to `xtol` (default 1e-5, SciPy's `xtol`).
 */
export const newtonCg: Method = (problem, run) => {
  const { ftol, xtol } = run.options;
  const evaluate = (x: Float64Array) => problem.valueAndGrad(x);
  const epsilon = machineEpsilon(problem.dtype);
  let x = problem.initial();
  let { fun, grad } = evaluate(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  // SciPy's cap on inner iterations; exact arithmetic needs at most n (N&W Theorem 5.1).
  const maxInner = 20 * problem.n;
  while (reason === null) {
    const here = x;
    const inner = truncatedCg(grad, (v) => problem.hvp(here, v), maxInner);
    const search = backtrackWithGradient(evaluate, x, fun, grad, inner.direction, { epsilon });
    if (!search.ok) {
      reason = "line-search-failed";
      break;
    }
    const update = sub(search.x, x);
    const step = norm2(update);
    if (!Number.isFinite(search.at.fun) || !allFinite(search.at.grad)) {
      run.record(search.at.fun, NaN, step);
      reason = "non-finite";
      break;
    }
    const previousFun = fun;
    x = search.x;
    ({ fun, grad } = search.at);
    reason = run.record(fun, run.gradNorm(grad), step, { alpha: search.alpha, cgIterations: inner.products, negativeCurvature: inner.ending === "negative-curvature" ? 1 : 0 });
    if (reason !== null) break;
    if (ftol > 0 && Math.abs(previousFun - fun) <= ftol * Math.max(Math.abs(previousFun), Math.abs(fun), 1)) reason = "function-tolerance";
    else if (xtol > 0 && update.reduce((s, v) => s + Math.abs(v), 0) <= problem.n * xtol) reason = "step-tolerance";
  }
  return { x, fun, grad, reason };
};
