import { machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import { moreThuente } from "../line-search/more-thuente.js";
import type { Method } from "../run.js";
import { axpy, dot, norm2, scaled, sub, type Vec } from "../vector.js";

/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.5): the inverse-Hessian approximation is
 * never formed; the direction −H∇f comes from the last m = `memory` pairs (s, y) by the two-loop
 * recursion (N&W Algorithm 7.4), starting from H₀ = (sᵀy / yᵀy)·I of the newest pair (N&W (7.20)).
 * Steps come from the Moré–Thuente line search with L-BFGS-B's parameters (Byrd, Lu, Nocedal &
 * Zhu 1995; Zhu, Byrd, Lu & Nocedal, ACM TOMS 23(4), 1997): c₁ = 1e-3, c₂ = 0.9, relative interval
 * width 0.1, steps up to 1e10 and at most 20 trials, trying the unit step first except on the
 * first iteration, where the step is 1/‖p‖₂ so the first move has length one. As in L-BFGS-B, a
 * search that ends on the interval width or on rounding still moves to its last trial when that
 * lowered f.
 *
 * A pair is kept only if sᵀy > ε·(−∇f_kᵀs), L-BFGS-B's rule, which keeps the implicit H positive
 * definite. If the direction is not a descent direction or the line search fails, the memory is
 * cleared and the iteration retried from steepest descent once before the run gives up.
 */
export const lbfgs: Method = (problem, run) => {
  const memory = run.options.memory;
  const pairs: { s: Vec; y: Vec; rho: number }[] = [];
  const evaluate = (point: Vec) => problem.valueAndGrad(point);
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  let first = true;
  const search = (direction: Vec) => {
    const alpha0 = first ? Math.min(1 / norm2(direction), 1e10) : 1;
    const found = moreThuente(evaluate, x, fun, grad, direction, { alpha0, c1: 1e-3, c2: 0.9, xtol: 0.1, alphaMax: 1e10, maxEvaluations: 20, epsilon: machineEpsilon(problem.dtype) });
    const usable = found.status === "converged" || (found.at !== undefined && (found.reason === "interval-width" || found.reason === "rounding") && found.fun < fun);
    return usable ? found : undefined;
  };
  while (reason === null) {
    let direction = twoLoop(grad, pairs);
    if (!(dot(direction, grad) < 0)) {
      pairs.length = 0;
      direction = scaled(grad, -1);
    }
    let step = search(direction);
    if (step === undefined && pairs.length > 0) {
      pairs.length = 0;
      direction = scaled(grad, -1);
      step = search(direction);
    }
    if (step === undefined) {
      reason = "line-search-failed";
      break;
    }
    first = false;
    const s = sub(step.x, x);
    const y = sub(step.grad, grad);
    const stepLength = norm2(s);
    if (!Number.isFinite(step.fun) || !step.grad.every(Number.isFinite)) {
      run.record(step.fun, NaN, stepLength, { alpha: step.alpha });
      reason = "non-finite";
      break;
    }
    const previous = { x, fun, grad };
    x = step.x;
    fun = step.fun;
    grad = step.grad;
    const sy = dot(s, y);
    if (sy > Number.EPSILON * -dot(previous.grad, s)) {
      if (pairs.length === memory) pairs.shift();
      pairs.push({ s, y, rho: 1 / sy });
    }
    reason = run.record(fun, run.gradNorm(grad), stepLength, { alpha: step.alpha, lineSearchEvaluations: step.evaluations }) ?? run.progressStop(previous.fun, fun, previous.x, x);
  }
  return { x, fun, grad, reason };
};

/** −H∇f by N&W Algorithm 7.4, pairs oldest first; −∇f when there are none. */
function twoLoop(grad: Vec, pairs: readonly { s: Vec; y: Vec; rho: number }[]): Vec {
  const q = scaled(grad, -1);
  const alphas = new Float64Array(pairs.length);
  for (let i = pairs.length - 1; i >= 0; i--) {
    const { s, y, rho } = pairs[i]!;
    alphas[i] = rho * dot(s, q);
    axpy(q, -alphas[i]!, y);
  }
  if (pairs.length > 0) {
    const newest = pairs[pairs.length - 1]!;
    const gamma = 1 / (newest.rho * dot(newest.y, newest.y));
    for (let i = 0; i < q.length; i++) q[i] *= gamma;
  }
  for (let i = 0; i < pairs.length; i++) {
    const { s, y, rho } = pairs[i]!;
    const beta = rho * dot(y, q);
    axpy(q, alphas[i]! - beta, s);
  }
  return q;
}
