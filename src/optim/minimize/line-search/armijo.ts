import type { Problem } from "../problem.js";
import { addScaled, dot, type Vec } from "../vector.js";

/** Result of a line search: the accepted step, the new point and its value, or a failure. */
export interface LineSearchResult {
  readonly ok: boolean;
  /** Step size α along the direction. */
  readonly alpha: number;
  readonly x: Vec;
  readonly fun: number;
}

/**
 * Backtracking line search (Nocedal & Wright, Algorithm 3.1): from α₀, halve α until the Armijo
 * sufficient-decrease condition f(x + αp) ≤ f(x) + c₁ α ∇f·p holds. Non-finite trial values count
 * as failures of the condition, so a step into NaN territory is shortened rather than taken.
 * f must strictly decrease, and a step that no longer changes x ends the search as a failure.
 * Fails when p is not a descent direction or after `maxSteps` halvings.
 */
export function backtrackingArmijo(
  problem: Problem,
  x: Vec,
  fun: number,
  grad: Vec,
  direction: Vec,
  alpha0: number,
  c1 = 1e-4,
  shrink = 0.5,
  maxSteps = 60,
): LineSearchResult {
  const slope = dot(grad, direction);
  if (!(slope < 0)) return { ok: false, alpha: 0, x, fun };
  let alpha = alpha0;
  for (let i = 0; i < maxSteps; i++) {
    const trial = addScaled(x, alpha, direction);
    // A step too small to move x in floating point cannot make progress: fail now instead of
    // "accepting" it and idling until the iteration limit.
    if (trial.every((v, i) => v === x[i])) break;
    const f = problem.value(trial);
    // f must also strictly decrease: near f's rounding level f + c₁α∇f·p rounds to f itself.
    if (f <= fun + c1 * alpha * slope && f < fun) return { ok: true, alpha, x: trial, fun: f };
    alpha *= shrink;
  }
  return { ok: false, alpha: 0, x, fun };
}
