import { lstsq } from "../../../linalg/dense.js";
import { machineEpsilon } from "../line-search/backtracking-with-gradient.js";
import type { Method } from "../run.js";
import type { StopReason } from "../types.js";
import { addScaled, norm2, type Vec } from "../vector.js";
import { evaluateResiduals, isFiniteEvaluation, leastSquaresProgress, predictedDecrease, type ResidualEvaluation } from "./residual-evaluation.js";

/**
 * Levenberg–Marquardt for ½‖r(x)‖²: the step solves (JᵀJ + λD)δ = −Jᵀr, where D is Marquardt's
 * diagonal scaling (the largest diag(JᵀJ) seen so far, per parameter, as MINPACK keeps it, with
 * 1 for a parameter r has never depended on), which makes the method invariant to rescaling the
 * parameters. The system is solved as the least-squares problem [J; √(λD)] δ ≈ [−r; 0] by QR,
 * which never squares J's condition number.
 *
 * λ starts at `damping` and follows Nielsen's update (H. B. Nielsen, "Damping parameter in
 * Marquardt's method", IMM-REP-1999-05; Madsen, Nielsen & Tingleff, "Methods for non-linear least
 * squares problems", 2004, §3.2): with the gain ratio ρ of actual to predicted decrease, a step
 * with ρ > 0 is taken and λ ← λ·max(1/3, 1 − (2ρ − 1)³), ν ← 2; otherwise λ ← λν and ν doubles.
 * An iteration is one taken step; its `detail` holds λ and the number of steps rejected before it.
 *
 * Stops by `tol` on ‖Jᵀr‖, by MINPACK's `ftol`/`xtol` tests (defaults 1e-8, as SciPy's `least_squares`;
 * the step test also applies to a rejected step, since λ only grows then), or with
 * "trust-region-collapsed" when λ has grown so large that the step no longer changes x.
 */
export const levenbergMarquardt: Method = (problem, run) => {
  const n = problem.n;
  const { xtol, maxEvaluations } = run.options;
  const epsilon = machineEpsilon(problem.dtype);
  let x = problem.initial();
  let at = evaluateResiduals(problem, x);
  let reason = run.record(at.fun, run.gradNorm(at.grad), 0, { lambda: run.options.damping });
  if (reason === null && !isFiniteEvaluation(at)) reason = "non-finite";
  const scaling = new Float64Array(n);
  let lambda = run.options.damping;
  let nu = 2;

  /** Tries steps from x with growing λ until one decreases ½‖r‖², or says why none will. */
  const nextStep = (): { x: Vec; at: ResidualEvaluation; step: Vec; predicted: number; rejected: number } | StopReason => {
    for (let rejected = 0; ; rejected++) {
      if (!Number.isFinite(lambda)) return "trust-region-collapsed";
      const step = dampedStep(at, n, lambda, scaling);
      const stepNorm = norm2(step);
      const xNorm = norm2(x);
      if (xtol > 0 && stepNorm <= xtol * (xtol + xNorm)) return "step-tolerance";
      if (stepNorm <= epsilon * xNorm || stepNorm === 0) return "trust-region-collapsed";
      const trial = addScaled(x, 1, step);
      const trialAt = evaluateResiduals(problem, trial);
      const predicted = predictedDecrease(at, n, step);
      const rho = (at.fun - trialAt.fun) / predicted;
      if (rho > 0 && isFiniteEvaluation(trialAt)) {
        lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
        nu = 2;
        return { x: trial, at: trialAt, step, predicted, rejected };
      }
      lambda *= nu;
      nu *= 2;
      if (problem.counts.fun >= maxEvaluations) return "max-evaluations";
    }
  };

  while (reason === null) {
    updateScaling(scaling, at, n);
    const next = nextStep();
    if (typeof next === "string") {
      reason = next;
      break;
    }
    const previous = { x, fun: at.fun };
    x = next.x;
    at = next.at;
    reason =
      run.record(at.fun, run.gradNorm(at.grad), norm2(next.step), { lambda, rejected: next.rejected }) ??
      leastSquaresProgress(run.options, previous.fun, at.fun, next.predicted, next.step, previous.x);
  }
  return { x, fun: at.fun, grad: at.grad, reason };
};

/** D ← max(D, diag(JᵀJ)), with 1 for a column of J that has been zero so far (MINPACK's lmder). */
function updateScaling(scaling: Vec, at: ResidualEvaluation, n: number): void {
  for (let j = 0; j < n; j++) {
    let columnSquared = 0;
    for (let i = 0; i < at.m; i++) columnSquared += at.jacobian[i * n + j]! ** 2;
    scaling[j] = Math.max(scaling[j]!, columnSquared);
  }
}

/** δ minimizing ‖J δ + r‖² + λ δᵀDδ, from QR of the (m + n)×n stacked matrix [J; √(λD)]. */
function dampedStep(at: ResidualEvaluation, n: number, lambda: number, scaling: Vec): Vec {
  const rows = at.m + n;
  const a = new Float64Array(rows * n);
  a.set(at.jacobian);
  const b = new Float64Array(rows);
  for (let i = 0; i < at.m; i++) b[i] = -at.r[i]!;
  for (let j = 0; j < n; j++) a[(at.m + j) * n + j] = Math.sqrt(lambda * (scaling[j]! > 0 ? scaling[j]! : 1));
  return lstsq(a, rows, n, b).solution;
}
