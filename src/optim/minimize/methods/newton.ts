import { choleskySolve, choleskyWithShift, symmetricEigen } from "../../../linalg/dense.js";
import { backtrackWithGradient, machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import type { Method } from "../run.js";
import { allFinite, norm2, scaled, sub, type Vec } from "../vector.js";

/**
 * Newton's method with a modified Hessian (Nocedal & Wright, Algorithm 3.2 with the eigenvalue
 * modification of §3.4): the exact Hessian by automatic differentiation, H = Q Λ Qᵀ, is replaced by
 * Q |Λ| Qᵀ, each eigenvalue by its absolute value and at least √ε times the largest (Greenstadt's
 * modification; Gill, Murray & Wright, Practical Optimization §4.4.2). Where H is positive
 * definite this is the Newton step itself; along a direction of negative curvature the step
 * keeps the length that curvature gives it but turns downhill, rather than becoming as long as a
 * small shift of the spectrum makes it (with the shifted-Cholesky modification, N&W Algorithm 3.3,
 * the first step from Himmelblau's (0, 0) was 4·10⁴ times too long and backtracked to α ≈ 2e-4). The step p
 * solves Q |Λ| Qᵀ p = −∇f, so it is a descent direction everywhere; a backtracking Armijo search
 * from α = 1 makes the method globally convergent and, once α = 1 near a nondegenerate minimizer,
 * quadratically convergent. Each iteration's α and the number of eigenvalues modified are in the
 * history's `detail`. With `hessianModification: "shifted-cholesky"` the step solves
 * (H + τI) p = −∇f instead, τ ≥ 0 the smallest shift of N&W Algorithm 3.3's doubling schedule that
 * makes the Cholesky factorization succeed (τ = 0 where H is positive definite); τ is in `detail`.
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
    const { direction, detail } =
      run.options.hessianModification === "shifted-cholesky" ? shiftedNewtonStep(hessian, grad) : modifiedNewtonStep(hessian, grad);
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
    reason = run.record(fun, run.gradNorm(grad), step, { alpha: search.alpha, ...detail }) ?? run.progressStop(previous.fun, fun, previous.x, x);
  }
  return { x, fun, grad, reason };
};

/**
 * p = −Q |Λ|⁻¹ Qᵀ g with each |λ| raised to at least √ε·max|λ| (so a singular H still gives a
 * finite step), and how many eigenvalues that changed; steepest descent −g when H = 0.
 */
function modifiedNewtonStep(hessian: Vec, grad: Vec): { direction: Vec; detail: { modified: number } } {
  const n = grad.length;
  const { values, vectors } = symmetricEigen(hessian);
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  if (largest === 0) return { direction: scaled(grad, -1), detail: { modified: n } };
  const floor = Math.sqrt(Number.EPSILON) * largest;
  const direction = new Float64Array(n);
  let modified = 0;
  for (let k = 0; k < n; k++) {
    const value = values[k]!;
    if (value < floor) modified++;
    let component = 0;
    for (let i = 0; i < n; i++) component += vectors[i * n + k]! * grad[i]!;
    const scale = -component / Math.max(Math.abs(value), floor);
    for (let i = 0; i < n; i++) direction[i] += scale * vectors[i * n + k]!;
  }
  return { direction, detail: { modified } };
}

/** p = −(H + τI)⁻¹ g from the Cholesky factor of H + τI (N&W Algorithm 3.3), and τ. */
function shiftedNewtonStep(hessian: Vec, grad: Vec): { direction: Vec; detail: { tau: number } } {
  const { factor, tau } = choleskyWithShift(hessian);
  return { direction: choleskySolve(factor, scaled(grad, -1)), detail: { tau } };
}
