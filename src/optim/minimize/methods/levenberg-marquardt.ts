import type { Method } from "../run.js";
import type { StopReason } from "../types.js";
import { addScaled, allFinite, norm2, type Vec } from "../vector.js";
import { lambdaForRadius } from "./levenberg-marquardt-parameter.js";
import { completeEvaluation, evaluateResiduals, halfSquaredNorm, isFiniteEvaluation, predictedDecrease, type ResidualEvaluation } from "./residual-evaluation.js";

/**
 * Levenberg–Marquardt for ½‖r(x)‖² in Moré's trust-region form, the algorithm of MINPACK's
 * `lmder` (J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and theory", 1978):
 * each step minimizes ‖J p + r‖² + λ‖D p‖², with λ found so that the scaled step ‖D p‖ is the
 * trust radius Δ (or λ = 0 when the Gauss–Newton step is shorter; `lambdaForRadius`). D holds the
 * column norms of J, each kept at its largest so far (1 for a column that has been zero), which
 * makes the method invariant to rescaling the parameters.
 *
 * Δ starts at `initialRadius`·‖D x₀‖ (default 100, MINPACK's `factor`; `initialRadius` itself when
 * x₀ = 0), capped after the first step by that step's length. With ρ the ratio of actual to
 * predicted decrease, a trial with ρ ≤ ¼ shrinks Δ (by ½, or by the factor where a quadratic
 * along the step would have its minimum, kept in [0.1, 0.5]); one with ρ ≥ ¾, or taken with λ = 0,
 * doubles it, Δ = 2‖D p‖. A trial with ρ ≥ 1e-4 is accepted. Trials evaluate only the residuals;
 * the Jacobian is evaluated where a trial is accepted, so counts compare with SciPy's `nfev` and
 * `njev`. An iteration is one accepted step; its `detail` holds λ, Δ and the trials rejected before it.
 *
 * Stops by `tol` on ‖Jᵀr‖, or by MINPACK's tests, checked after every trial: `ftol` when both the
 * actual and predicted relative reductions of ‖r‖² are at most ftol, `xtol` when Δ ≤ xtol·‖D x‖
 * (defaults 1e-8, as SciPy's `least_squares`), and "trust-region-collapsed" when Δ has fallen to
 * ε·‖D x‖, where no step can change x.
 */
export const levenbergMarquardt: Method = (problem, run) => {
  const n = problem.n;
  const { ftol, xtol, maxEvaluations } = run.options;
  const epsilon = problem.dtype === "float32" ? 2 ** -23 : Number.EPSILON;
  let x = problem.initial();
  let at = evaluateResiduals(problem, x);
  let reason = run.record(at.fun, run.gradNorm(at.grad), 0);
  if (reason === null && !isFiniteEvaluation(at)) reason = "non-finite";
  const scaling = new Float64Array(n);
  let radius = NaN;
  let lambda = 0;
  let first = true;

  while (reason === null) {
    updateScaling(scaling, at, n);
    if (first) {
      const start = scaledNorm(x, scaling);
      radius = start > 0 ? run.options.initialRadius * start : run.options.initialRadius;
    }
    let rejected = 0;
    let accepted: { x: Vec; at: ResidualEvaluation; step: Vec } | null = null;
    let stop: StopReason | null = null;
    while (accepted === null && stop === null) {
      const trialStep = lambdaForRadius(at.jacobian, at.m, n, at.r, scaling, radius, lambda);
      lambda = trialStep.lambda;
      const step = trialStep.step;
      if (first) radius = Math.min(radius, trialStep.scaledNorm);
      const trialX = addScaled(x, 1, step);
      const r = problem.residuals(trialX);
      const fun = allFinite(r) ? halfSquaredNorm(r) : Infinity;
      // Relative reductions of ‖r‖², as MINPACK measures them; a trial that raises ‖r‖ tenfold
      // (or is not finite) counts as a reduction of −1, so the radius shrinks by the most.
      const actual = Math.sqrt(fun) * 0.1 < Math.sqrt(at.fun) ? 1 - fun / at.fun : -1;
      const predicted = predictedDecrease(at, n, step) / at.fun;
      const ratio = predicted > 0 ? actual / predicted : 0;
      const stepNorm = trialStep.scaledNorm;
      if (ratio <= 0.25) {
        // Shrink to where a quadratic through the slope along p and the actual value has its
        // minimum, between a tenth and a half of the step (MINPACK's rule).
        const slope = -(predicted - (lambda * stepNorm * stepNorm) / (2 * at.fun));
        let factor = actual >= 0 ? 0.5 : (0.5 * slope) / (slope + 0.5 * actual);
        if (Math.sqrt(fun) * 0.1 >= Math.sqrt(at.fun) || !(factor >= 0.1)) factor = 0.1;
        radius = factor * Math.min(radius, stepNorm / 0.1);
        lambda /= factor;
      } else if (lambda === 0 || ratio >= 0.75) {
        radius = stepNorm / 0.5;
        lambda *= 0.5;
      }
      if (ratio >= 1e-4) {
        first = false;
        accepted = { x: trialX, at: completeEvaluation(problem, trialX, r), step };
        // The Jacobian's column norms must be finite for the next D.
        if (!isFiniteEvaluation(accepted.at)) stop = "non-finite";
      } else {
        rejected++;
      }
      const xNorm = scaledNorm(accepted?.x ?? x, scaling);
      if (stop !== null) break;
      if (ftol > 0 && Math.abs(actual) <= ftol && predicted <= ftol && 0.5 * ratio <= 1) stop = "function-tolerance";
      else if (xtol > 0 && radius <= xtol * xNorm) stop = "step-tolerance";
      else if (radius <= epsilon * xNorm) stop = "trust-region-collapsed";
      else if (accepted === null && problem.counts.fun >= maxEvaluations) stop = "max-evaluations";
    }
    if (accepted !== null) {
      const stepLength = norm2(accepted.step);
      x = accepted.x;
      at = accepted.at;
      reason = run.record(at.fun, stop === "non-finite" ? NaN : run.gradNorm(at.grad), stepLength, { lambda, radius, rejected }) ?? stop;
    } else {
      reason = stop;
    }
  }
  return { x, fun: at.fun, grad: at.grad, reason };
};

/** D ← max(D, column norms of J), with 1 for a column of J that has been zero so far (MINPACK's lmder). */
function updateScaling(scaling: Vec, at: ResidualEvaluation, n: number): void {
  for (let j = 0; j < n; j++) {
    let columnSquared = 0;
    for (let i = 0; i < at.m; i++) columnSquared += at.jacobian[i * n + j]! ** 2;
    scaling[j] = Math.max(scaling[j]!, Math.sqrt(columnSquared));
  }
  for (let j = 0; j < n; j++) if (scaling[j] === 0) scaling[j] = 1;
}

function scaledNorm(x: Vec, scaling: Vec): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (scaling[j]! * x[j]!) ** 2;
  return Math.sqrt(s);
}
