import { initialStep, strongWolfe } from "../line-search/wolfe.js";
import type { Method } from "../run.js";
import { dot, norm2, scaled, sub, type Vec } from "../vector.js";

/**
 * Nonlinear conjugate gradients, Polak–Ribière+ (Nocedal & Wright, Algorithm 5.4 with β from
 * (5.44)–(5.45)): p_{k+1} = −∇f_{k+1} + β p_k with β = max(0, ∇f_{k+1}ᵀ(∇f_{k+1} − ∇f_k) / ‖∇f_k‖²).
 * The search restarts from steepest descent every n iterations (N&W §5.2) and whenever p is not a
 * descent direction. Steps come from a strong Wolfe line search with c₂ = 0.1, tight enough that
 * the next direction is a descent direction (N&W Lemma 5.6 makes that argument for Fletcher–Reeves
 * with c₂ < ½), starting from the step that repeats the last decrease of f (N&W (3.60)).
 */
export const cg: Method = (problem, run) => {
  const n = problem.n;
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  let direction = scaled(grad, -1);
  let sinceRestart = 0;
  let previousFun = fun + norm2(grad) / 2;
  while (reason === null) {
    if (!(dot(direction, grad) < 0)) {
      direction = scaled(grad, -1);
      sinceRestart = 0;
    }
    let search = strongWolfe(problem, x, fun, grad, direction, { alpha0: initialStep(fun, previousFun, dot(grad, direction)), c2: 0.1 });
    if (search.status === "failed" && sinceRestart > 0) {
      direction = scaled(grad, -1);
      sinceRestart = 0;
      search = strongWolfe(problem, x, fun, grad, direction, { alpha0: initialStep(fun, previousFun, dot(grad, direction)), c2: 0.1 });
    }
    if (search.status === "failed") {
      reason = "line-search-failed";
      break;
    }
    const stepLength = norm2(sub(search.x, x));
    if (!Number.isFinite(search.fun) || !search.grad.every(Number.isFinite)) {
      run.record(search.fun, NaN, stepLength, { alpha: search.alpha });
      reason = "non-finite";
      break;
    }
    const previous = { x, fun, grad };
    previousFun = fun;
    x = search.x;
    fun = search.fun;
    grad = search.grad;
    sinceRestart++;
    const beta = sinceRestart >= n ? 0 : polakRibierePlus(grad, previous.grad);
    if (beta === 0) sinceRestart = 0;
    direction = nextDirection(grad, beta, direction);
    reason = run.record(fun, run.gradNorm(grad), stepLength, { alpha: search.alpha, beta, lineSearchEvaluations: search.evaluations }) ?? run.progressStop(previous.fun, fun, previous.x, x);
  }
  return { x, fun, grad, reason };
};

/** β = max(0, gᵀ(g − g_prev) / ‖g_prev‖²) (N&W (5.45)). */
function polakRibierePlus(grad: Vec, previousGrad: Vec): number {
  const beta = dot(grad, sub(grad, previousGrad)) / dot(previousGrad, previousGrad);
  return Number.isFinite(beta) ? Math.max(0, beta) : 0;
}

function nextDirection(grad: Vec, beta: number, direction: Vec): Vec {
  const out = new Float64Array(grad.length);
  for (let i = 0; i < grad.length; i++) out[i] = -grad[i]! + beta * direction[i]!;
  return out;
}
