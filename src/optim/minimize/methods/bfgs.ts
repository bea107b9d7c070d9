import { machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import { moreThuente } from "../line-search/more-thuente.js";
import { initialStep, strongWolfe } from "../line-search/wolfe.js";
import type { Method } from "../run.js";
import { dot, matVec, norm2, scaled, sub, type Vec } from "../vector.js";

/**
 * BFGS (Nocedal & Wright, Algorithm 6.1): keeps an approximation H of the inverse Hessian, steps
 * along p = −H∇f with the Moré–Thuente line search (c₁ = 1e-4, c₂ = 0.9), and updates H with the
 * pair s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k by N&W (6.17). As in SciPy's BFGS, H starts as the
 * identity (without N&W's (6.20) rescaling) and every search starts from the step that repeats
 * the last decrease of f, capped at 1 (N&W (3.60)), so the unit step is tried once the iteration
 * converges; on the first iteration the "last decrease" is taken as ‖∇f‖₂/2, SciPy's choice.
 *
 * A pair with sᵀy ≤ 0 (possible only when the line search returns a step without the curvature
 * condition) is skipped, which keeps H positive definite. If the Moré–Thuente search fails, the
 * N&W strong Wolfe search is tried from the same step (SciPy also falls back to a second search);
 * if that fails too, H is reset to the identity once before the run gives up.
 */
export const bfgs: Method = (problem, run) => {
  const n = problem.n;
  const evaluate = (point: Vec) => problem.valueAndGrad(point);
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  let inverse = identity(n);
  let updated = false;
  let previousFun = fun + norm2(grad) / 2;
  const search = (direction: Vec) => {
    const alpha0 = initialStep(fun, previousFun, dot(grad, direction));
    const found = moreThuente(evaluate, x, fun, grad, direction, { alpha0, alphaMin: 1e-100, alphaMax: 1e100, epsilon: machineEpsilon(problem.dtype) });
    return found.status === "converged" ? found : strongWolfe(problem, x, fun, grad, direction, { alpha0 });
  };
  while (reason === null) {
    let direction = scaled(matVec(inverse, grad), -1);
    if (!(dot(direction, grad) < 0)) {
      inverse = identity(n);
      updated = false;
      direction = scaled(grad, -1);
    }
    let step = search(direction);
    if (step.status === "failed" && updated) {
      inverse = identity(n);
      updated = false;
      direction = scaled(grad, -1);
      step = search(direction);
    }
    if (step.status === "failed") {
      reason = "line-search-failed";
      break;
    }
    const s = sub(step.x, x);
    const y = sub(step.grad, grad);
    const stepLength = norm2(s);
    if (!Number.isFinite(step.fun) || !step.grad.every(Number.isFinite)) {
      run.record(step.fun, NaN, stepLength, { alpha: step.alpha });
      reason = "non-finite";
      break;
    }
    const previousX = x;
    previousFun = fun;
    x = step.x;
    fun = step.fun;
    grad = step.grad;
    const sy = dot(s, y);
    if (sy > 0) {
      updateInverse(inverse, s, y, sy);
      updated = true;
    }
    reason = run.record(fun, run.gradNorm(grad), stepLength, { alpha: step.alpha, lineSearchEvaluations: step.evaluations }) ?? run.progressStop(previousFun, fun, previousX, x);
  }
  return { x, fun, grad, reason };
};

function identity(n: number): Vec {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
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
