import { machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import type { Method } from "../run.js";
import { addScaled, allFinite, dot, norm2 } from "../vector.js";
import { steihaug } from "./steihaug.js";

/** Step acceptance threshold on ρ = actual / predicted decrease (SciPy's trust-ncg `eta`). */
const ETA = 0.15;

/**
 * Trust-region Newton with Steihaug's CG subproblem solver on Hessian-vector products, never
 * forming the Hessian (Nocedal & Wright, Algorithm 4.1 for the region, Algorithm 7.2 for the
 * step): the step is taken when ρ > 0.15; the radius is quartered when ρ < 1/4 and doubled (up to
 * `maxRadius`) when ρ > 3/4 and the step reached the boundary. Starts from `initialRadius`.
 *
 * Stops by `tol` on the gradient (and `ftol`/`xtol` when given), or with
 * "trust-region-collapsed" when the radius falls below 100ε·max(‖x‖, 1) (ε of the run's dtype): no step that floating
 * point can represent improves f, which happens when the tolerance asks for more than rounding allows.
 */
export const trustRegion: Method = (problem, run) => {
  const { initialRadius, maxRadius } = run.options;
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0, { radius: initialRadius });
  let radius = initialRadius;
  const maxInner = 20 * problem.n;
  // A radius a hundred roundings below ‖x‖ (2.2e-14 in float64) allows no step f can tell apart from x.
  const collapseRatio = 100 * machineEpsilon(problem.dtype);
  while (reason === null) {
    const here = x;
    const sub = steihaug(grad, (v) => problem.hvp(here, v), radius, maxInner);
    if (!Number.isFinite(sub.predictedDecrease) || !Number.isFinite(dot(grad, grad))) {
      // ‖∇f‖² or the Hessian-vector products overflowed (or were NaN): the model says nothing any more.
      run.record(fun, NaN, 0);
      reason = "non-finite";
      break;
    }
    const trial = addScaled(x, 1, sub.step);
    const at = problem.valueAndGrad(trial);
    // A NaN or +∞ trial is a failed step like any other (the region shrinks away from it); −∞
    // or a non-finite gradient at a decreasing point ends the run.
    const rho = sub.predictedDecrease > 0 && !Number.isNaN(at.fun) ? (fun - at.fun) / sub.predictedDecrease : -Infinity;
    const stepLength = norm2(sub.step);
    if (rho < 0.25) radius = 0.25 * radius;
    else if (rho > 0.75 && sub.hitsBoundary) radius = Math.min(2 * radius, maxRadius);
    let taken = 0;
    if (rho > ETA) {
      if (!Number.isFinite(at.fun) || !allFinite(at.grad)) {
        run.record(at.fun, NaN, stepLength);
        reason = "non-finite";
        break;
      }
      const previous = { x, fun };
      x = trial;
      ({ fun, grad } = at);
      taken = stepLength;
      reason = run.progressStop(previous.fun, fun, previous.x, x);
    }
    reason = run.record(fun, run.gradNorm(grad), taken, { radius, rho, cgIterations: sub.products }) ?? reason;
    if (reason === null && radius < collapseRatio * Math.max(norm2(x), 1)) reason = "trust-region-collapsed";
  }
  return { x, fun, grad, reason };
};
