import { initialStep, strongWolfe } from "../line-search/wolfe.js";
import type { Method } from "../run.js";
import { dot, matVec, norm2, scaled, sub, type Vec } from "../vector.js";

/**
 * BFGS (Nocedal & Wright, Algorithm 6.1): keeps an approximation H of the inverse Hessian, steps
 * along p = −H∇f with a strong Wolfe line search (c₁ = 1e-4, c₂ = 0.9), and updates H with the
 * pair s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k by N&W (6.17). H starts as the identity and, after
 * the first step and before the first update, is rescaled to (sᵀy / yᵀy)·I (N&W (6.20)), so the
 * first quasi-Newton step already has the curvature's scale. The line search tries the unit step
 * first once H has been updated, and before that the step that repeats the last decrease of f.
 *
 * A pair with sᵀy ≤ 0 (possible only when the line search returns a step without the curvature
 * condition) is skipped, which keeps H positive definite; if H nevertheless stops giving a descent
 * direction or its line search fails, H is reset to the identity once before the run gives up.
 */
export const bfgs: Method = (problem, run) => {
  const n = problem.n;
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  let inverse = identity(n);
  let updated = false;
  let previousFun = fun + norm2(grad) / 2;
  while (reason === null) {
    let direction = scaled(matVec(inverse, grad), -1);
    if (!(dot(direction, grad) < 0)) {
      inverse = identity(n);
      updated = false;
      direction = scaled(grad, -1);
    }
    // Once H carries curvature the unit step is the natural first trial (N&W §3.5); before that,
    // the step that repeats the last decrease (N&W (3.60)), as SciPy's BFGS does throughout.
    let search = strongWolfe(problem, x, fun, grad, direction, { alpha0: updated ? 1 : initialStep(fun, previousFun, dot(grad, direction)) });
    if (search.status === "failed" && updated) {
      inverse = identity(n);
      updated = false;
      direction = scaled(grad, -1);
      search = strongWolfe(problem, x, fun, grad, direction, { alpha0: initialStep(fun, previousFun, dot(grad, direction)) });
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
    const previousX = x;
    previousFun = fun;
    x = search.x;
    fun = search.fun;
    grad = search.grad;
    const sy = dot(s, y);
    if (sy > 0) {
      if (!updated) inverse = scaledIdentity(n, sy / dot(y, y));
      updateInverse(inverse, s, y, sy);
      updated = true;
    }
    reason = run.record(fun, run.gradNorm(grad), stepLength, { alpha: search.alpha, lineSearchEvaluations: search.evaluations }) ?? run.progressStop(previousFun, fun, previousX, x);
  }
  return { x, fun, grad, reason };
};

function identity(n: number): Vec {
  return scaledIdentity(n, 1);
}

function scaledIdentity(n: number, value: number): Vec {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = value;
  return m;
}

/**
 * H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(sᵀy) (N&W (6.17)), expanded for a symmetric H as
 * H − ρ (s (Hy)ᵀ + (Hy) sᵀ) + (ρ² yᵀHy + ρ) s sᵀ, in O(n²).
 */
function updateInverse(h: Vec, s: Vec, y: Vec, sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  const hy = matVec(h, y);
  const coefficient = rho * rho * dot(y, hy) + rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] += -rho * (s[i]! * hy[j]! + hy[i]! * s[j]!) + coefficient * s[i]! * s[j]!;
    }
  }
}
