import { machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import { moreThuente } from "../line-search/more-thuente.js";
import { initialStep, strongWolfe } from "../line-search/wolfe.js";
import type { Method } from "../run.js";
import { dot, norm2, scaled, sub, type Vec } from "../vector.js";

/** The sufficient-descent constant σ: each direction must have pᵀ∇f ≤ −σ‖∇f‖² (SciPy's CG uses 0.01). */
const DESCENT = 0.01;

/**
 * Nonlinear conjugate gradients, Polak–Ribière+ (Nocedal & Wright, Algorithm 5.4 with β from
 * (5.44)–(5.45)): p_{k+1} = −∇f_{k+1} + β p_k with β = max(0, ∇f_{k+1}ᵀ(∇f_{k+1} − ∇f_k) / ‖∇f_k‖²).
 *
 * Steps come from the Moré–Thuente line search with c₂ = 0.4, starting from the step that repeats
 * the last decrease of f (N&W (3.60)), as SciPy's CG does. The strong Wolfe conditions alone do
 * not make the PR+ direction a descent direction, so a step is accepted only if the next
 * direction satisfies the sufficient-descent condition p_{k+1}ᵀ∇f_{k+1} ≤ −σ‖∇f_{k+1}‖² with
 * σ = 0.01 (or the gradient is already within `tol`); when the Moré–Thuente step does not, the
 * N&W strong Wolfe search continues along the same line with that condition added, reusing the
 * trial already evaluated (SciPy's scheme). Should a direction still fail the condition, the next
 * iteration restarts from steepest descent, as it does whenever β = 0.
 */
export const cg: Method = (problem, run) => {
  const evaluate = (point: Vec) => problem.valueAndGrad(point);
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  let direction = scaled(grad, -1);
  let previousFun = fun + norm2(grad) / 2;
  const sufficientDescent = (g: Vec, p: Vec) => dot(p, g) <= -DESCENT * dot(g, g);
  // Whether a step ending with gradient g leaves a usable next direction along p.
  const acceptable = (p: Vec) => (g: Vec) => run.gradNorm(g) <= run.options.tol || sufficientDescent(g, nextDirection(g, polakRibierePlus(g, grad), p));
  const lineSearch = (p: Vec) => {
    const alpha0 = initialStep(fun, previousFun, dot(grad, p));
    const accept = acceptable(p);
    const found = moreThuente(evaluate, x, fun, grad, p, { alpha0, c2: 0.4, alphaMin: 1e-100, alphaMax: 1e100, epsilon: machineEpsilon(problem.dtype) });
    if (found.status === "converged" && accept(found.grad)) return found;
    const known = found.status === "converged" && found.alpha === alpha0 ? { known: { alpha: alpha0, x: found.x, fun: found.fun, grad: found.grad } } : {};
    return strongWolfe(problem, x, fun, grad, p, { alpha0, c2: 0.4, accept: (_x, _f, g) => accept(g), ...known });
  };
  while (reason === null) {
    let search = lineSearch(direction);
    if (search.status === "failed" && !isSteepestDescent(direction, grad)) {
      direction = scaled(grad, -1);
      search = lineSearch(direction);
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
    let beta = polakRibierePlus(grad, previous.grad);
    direction = nextDirection(grad, beta, direction);
    if (!sufficientDescent(grad, direction)) {
      beta = 0;
      direction = scaled(grad, -1);
    }
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

function isSteepestDescent(direction: Vec, grad: Vec): boolean {
  for (let i = 0; i < grad.length; i++) if (direction[i] !== -grad[i]!) return false;
  return true;
}
