import { strongWolfe } from "../line-search/wolfe.js";
import type { Method } from "../run.js";
import { axpy, dot, norm2, scaled, sub, type Vec } from "../vector.js";

/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.5): the inverse-Hessian approximation is
 * never formed; the direction −H∇f comes from the last m = `memory` pairs (s, y) by the two-loop
 * recursion (N&W Algorithm 7.4), starting from H₀ = (sᵀy / yᵀy)·I of the newest pair (N&W (7.20)).
 * Steps come from a strong Wolfe line search (c₁ = 1e-4, c₂ = 0.9) that tries the unit step first,
 * except on the first iteration, where the step is 1/‖∇f‖₂ so the first move has length one (as
 * in SciPy's L-BFGS-B).
 *
 * A pair is kept only if sᵀy > ε·yᵀy, which keeps the implicit H positive definite (L-BFGS-B's
 * rule). If the direction is not a descent direction or the line search fails, the memory is
 * cleared and the iteration retried from steepest descent once before the run gives up.
 */
export const lbfgs: Method = (problem, run) => {
  const memory = run.options.memory;
  const pairs: { s: Vec; y: Vec; rho: number }[] = [];
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  while (reason === null) {
    let direction = twoLoop(grad, pairs);
    if (!(dot(direction, grad) < 0)) {
      pairs.length = 0;
      direction = scaled(grad, -1);
    }
    const firstStep = (p: Vec) => (pairs.length === 0 ? Math.min(1 / norm2(p), 1e10) : 1);
    let search = strongWolfe(problem, x, fun, grad, direction, { alpha0: firstStep(direction) });
    if (search.status === "failed" && pairs.length > 0) {
      pairs.length = 0;
      direction = scaled(grad, -1);
      search = strongWolfe(problem, x, fun, grad, direction, { alpha0: firstStep(direction) });
    }
    if (search.status === "failed") {
      reason = "line-search-failed";
      break;
    }
    const s = sub(search.x, x);
    const y = sub(search.grad, grad);
    const stepLength = norm2(s);
    if (!Number.isFinite(search.fun) || !search.grad.every(Number.isFinite)) {
      run.record(search.fun, NaN, stepLength, { alpha: search.alpha });
      reason = "non-finite";
      break;
    }
    const previous = { x, fun };
    x = search.x;
    fun = search.fun;
    grad = search.grad;
    const sy = dot(s, y);
    if (sy > Number.EPSILON * dot(y, y)) {
      if (pairs.length === memory) pairs.shift();
      pairs.push({ s, y, rho: 1 / sy });
    }
    reason = run.record(fun, run.gradNorm(grad), stepLength, { alpha: search.alpha, lineSearchEvaluations: search.evaluations }) ?? run.progressStop(previous.fun, fun, previous.x, x);
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
