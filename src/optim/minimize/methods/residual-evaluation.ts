import type { Problem } from "../problem.js";
import type { ResolvedOptions } from "../run.js";
import type { StopReason } from "../types.js";
import { allFinite, norm2, type Vec } from "../vector.js";

/** Everything a least-squares method needs at a point: r, J (m×n, row-major), ½‖r‖² and ∇ = Jᵀr. */
export interface ResidualEvaluation {
  readonly fun: number;
  readonly grad: Vec;
  readonly r: Vec;
  readonly jacobian: Vec;
  readonly m: number;
}

/** r(x) and J(x) in one evaluation (counted as one function and one Jacobian evaluation), with ½‖r‖² and Jᵀr. */
export function evaluateResiduals(problem: Problem, x: Vec): ResidualEvaluation {
  const { r, jacobian, m } = problem.residualsAndJacobian(x);
  return { fun: halfSquaredNorm(r), grad: transposeTimes(jacobian, m, problem.n, r), r, jacobian, m };
}

/**
 * The evaluation at x where r(x) is already known (from a trial): only J is evaluated (one
 * Jacobian evaluation, no function evaluation).
 */
export function completeEvaluation(problem: Problem, x: Vec, r: Vec): ResidualEvaluation {
  const m = r.length;
  const jacobian = problem.jacobian(x, m);
  return { fun: halfSquaredNorm(r), grad: transposeTimes(jacobian, m, problem.n, r), r, jacobian, m };
}

/** ½‖r‖². */
export function halfSquaredNorm(r: Vec): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return 0.5 * s;
}

/** Whether r, J and hence ½‖r‖² and Jᵀr are all finite. */
export function isFiniteEvaluation(at: ResidualEvaluation): boolean {
  return Number.isFinite(at.fun) && allFinite(at.r) && allFinite(at.jacobian);
}

/** Jᵀv for an m×n row-major J. */
export function transposeTimes(jacobian: Vec, m: number, n: number, v: Vec): Vec {
  const out = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const vi = v[i]!;
    if (vi !== 0) for (let j = 0; j < n; j++) out[j] += jacobian[i * n + j]! * vi;
  }
  return out;
}

/** The decrease ½‖r‖² − ½‖r + J p‖² that the linear model of r predicts for a step p. */
export function predictedDecrease(at: ResidualEvaluation, n: number, p: Vec): number {
  let s = 0;
  for (let i = 0; i < at.m; i++) {
    let jp = 0;
    for (let j = 0; j < n; j++) jp += at.jacobian[i * n + j]! * p[j]!;
    // ½‖r‖² − ½‖r + Jp‖² = −(rᵀJp + ½‖Jp‖²), summed row by row to avoid cancellation between two near-equal sums.
    s -= at.r[i]! * jp + 0.5 * jp * jp;
  }
  return s;
}

/**
 * MINPACK's convergence tests for least squares (Moré, Garbow & Hillstrom, User Guide for
 * MINPACK-1, 1980, as SciPy's `least_squares` uses them): `ftol` when both the actual and the
 * predicted relative reductions of ½‖r‖² are at most ftol (relative to ½‖r‖² itself, with no
 * floor of 1, so a zero-residual fit is not stopped early by it), `xtol` when
 * ‖Δx‖ ≤ xtol·(xtol + ‖x‖).
 */
export function leastSquaresProgress(options: ResolvedOptions, funBefore: number, funAfter: number, predicted: number, step: Vec, xBefore: Vec): StopReason | null {
  const { ftol, xtol } = options;
  if (ftol > 0 && funBefore - funAfter <= ftol * funBefore && predicted <= ftol * funBefore) return "function-tolerance";
  if (xtol > 0 && norm2(step) <= xtol * (xtol + norm2(xBefore))) return "step-tolerance";
  return null;
}
