import { addScaled, dot, type Vec } from "../vector.js";
import type { Evaluation } from "./backtracking-with-gradient.js";

/** Parameters of the Moré–Thuente line search. */
export interface MoreThuenteOptions {
  /** The first trial step (> 0). */
  readonly alpha0: number;
  /** Sufficient-decrease constant μ (default 1e-4). */
  readonly c1?: number;
  /** Curvature constant η, c₁ < c₂ < 1 (default 0.9). */
  readonly c2?: number;
  /** Relative width of the interval of uncertainty below which the search gives up (default 1e-14). */
  readonly xtol?: number;
  /** Smallest and largest steps tried (defaults 0 and 1e10). */
  readonly alphaMin?: number;
  readonly alphaMax?: number;
  /** Most trial steps (default 100). */
  readonly maxEvaluations?: number;
  /** Machine epsilon of the run's dtype (default float64's), for the shortest step that still moves x. */
  readonly epsilon?: number;
}

/**
 * Result of the Moré–Thuente search.
 * - `"converged"`: the step satisfies the strong Wolfe conditions (or f is −∞ there, for the method to report).
 * - `"failed"`: no such step was found; `reason` says why, and `x`, `fun`, `grad` are the last trial's
 *   (the best point found when the search ended on rounding or the interval width), which a method
 *   may still take when it decreases f.
 */
export interface MoreThuenteResult<E extends Evaluation> {
  readonly status: "converged" | "failed";
  readonly reason: "wolfe" | "not-descent" | "rounding" | "interval-width" | "max-step" | "min-step" | "evaluations";
  readonly alpha: number;
  readonly x: Vec;
  readonly fun: number;
  readonly grad: Vec;
  /** What `evaluate` returned at `x` (undefined when the search failed before any trial). */
  readonly at: E | undefined;
  /** Evaluations made by this search. */
  readonly evaluations: number;
}

/** A point on the search line: the step α, φ(α) = f(x + αp) and φ′(α) = ∇f(x + αp)ᵀp. */
export interface LinePoint {
  readonly alpha: number;
  readonly phi: number;
  readonly slope: number;
}

/**
 * Which points bound the interval of uncertainty after a trial, and where to try next: `best` is
 * the end with the least φ so far, `other` the other end (which the minimizer lies between once
 * `bracketed`).
 */
export interface SafeguardedStep {
  readonly alpha: number;
  readonly bracketed: boolean;
  readonly best: "best" | "trial";
  readonly other: "best" | "other" | "trial";
}

/**
 * Line search for a step satisfying the strong Wolfe conditions
 *   f(x + αp) ≤ f(x) + c₁ α ∇f(x)ᵀp   and   |∇f(x + αp)ᵀp| ≤ c₂ |∇f(x)ᵀp|,
 * by the algorithm of J. J. Moré and D. J. Thuente, "Line search algorithms with guaranteed
 * sufficient decrease", ACM TOMS 20(3), 1994, in the form of their MINPACK-2 routine: the interval
 * of uncertainty is updated and the next trial chosen by `safeguardedStep` (the paper's trial value selection);
 * while no trial has both sufficient decrease and a non-negative slope, the steps are chosen on
 * the auxiliary function ψ(α) = φ(α) − φ(0) − c₁αφ′(0) (the paper's first stage); once the minimizer
 * is bracketed, a trial that fails to shrink the interval by a third is replaced by bisection
 * (the width test with factor 0.66); before bracketing, trials extrapolate to between 1.1 and 4
 * times the last step beyond the best point.
 *
 * The search fails when rounding keeps the trial outside the interval, when the interval is
 * narrower than `xtol` relative to its upper end, at the step bounds, when the step has become too
 * short to change x in the run's precision (an addition: with a wrong gradient, every trial
 * raises f and the interval would otherwise shrink towards 0 until `maxEvaluations`), or after
 * `maxEvaluations` trials. A trial where f or its slope is NaN or +∞ counts as too long: it becomes the upper end of
 * the interval and the step is halved towards the best point (an addition to the paper's algorithm,
 * which assumes finite values).
 */
export function moreThuente<E extends Evaluation>(
  evaluate: (x: Vec) => E,
  x: Vec,
  fun: number,
  grad: Vec,
  direction: Vec,
  options: MoreThuenteOptions,
): MoreThuenteResult<E> {
  const { c1 = 1e-4, c2 = 0.9, xtol = 1e-14, alphaMin = 0, alphaMax = 1e10, maxEvaluations = 100, epsilon = Number.EPSILON } = options;
  const slope0 = dot(grad, direction);
  let evaluations = 0;
  let last: { point: LinePoint; x: Vec; at: E } | undefined;
  const end = (status: MoreThuenteResult<E>["status"], reason: MoreThuenteResult<E>["reason"]): MoreThuenteResult<E> =>
    last === undefined
      ? { status, reason, alpha: 0, x, fun, grad, at: undefined, evaluations }
      : { status, reason, alpha: last.point.alpha, x: last.x, fun: last.at.fun, grad: last.at.grad, at: last.at, evaluations };
  if (!(slope0 < 0) || !(options.alpha0 > 0)) return end("failed", "not-descent");

  // φ(0) + α·decreaseSlope is the sufficient-decrease line.
  const decreaseSlope = c1 * slope0;
  const start: LinePoint = { alpha: 0, phi: fun, slope: slope0 };
  let best = start;
  let other = start;
  let bracketed = false;
  let firstStage = true;
  let width = alphaMax - alphaMin;
  let previousWidth = 2 * width;
  let alpha = Math.min(Math.max(options.alpha0, alphaMin), alphaMax);
  let lower = 0;
  let upper = alpha + 4 * alpha;

  // Below this step x + αp equals x in the run's precision: a trial there can only repeat f(x).
  const resolution = (epsilon * Math.max(maxAbs(x), Number.MIN_VALUE)) / maxAbs(direction);

  while (evaluations < maxEvaluations) {
    if (alpha < resolution) return end("failed", "rounding");
    evaluations++;
    const trialX = addScaled(x, alpha, direction);
    const at = evaluate(trialX);
    const trial: LinePoint = { alpha, phi: at.fun, slope: dot(at.grad, direction) };
    last = { point: trial, x: trialX, at };
    if (trial.phi === -Infinity) return end("converged", "wolfe");

    let next: SafeguardedStep;
    if (!(trial.phi < Infinity) || !Number.isFinite(trial.slope)) {
      next = { alpha: best.alpha + (alpha - best.alpha) / 2, bracketed: true, best: "best", other: "trial" };
    } else {
      const threshold = fun + alpha * decreaseSlope;
      if (firstStage && trial.phi <= threshold && trial.slope >= 0) firstStage = false;
      if (bracketed && (alpha <= lower || alpha >= upper)) return end("failed", "rounding");
      if (bracketed && upper - lower <= xtol * upper) return end("failed", "interval-width");
      if (alpha === alphaMax && trial.phi <= threshold && trial.slope <= decreaseSlope) return end("failed", "max-step");
      if (alpha === alphaMin && (trial.phi > threshold || trial.slope >= decreaseSlope)) return end("failed", "min-step");
      if (trial.phi <= threshold && Math.abs(trial.slope) <= -c2 * slope0) return end("converged", "wolfe");

      // In the first stage, while the trial lowers φ but not enough, ψ rather than φ picks the
      // next step: a minimizer of ψ with ψ ≤ 0 and ψ′ = 0 satisfies both conditions, which is why the paper's first stage works on ψ.
      if (firstStage && trial.phi <= best.phi && trial.phi > threshold) {
        const onPsi = (p: LinePoint): LinePoint => ({ alpha: p.alpha, phi: p.phi - p.alpha * decreaseSlope, slope: p.slope - decreaseSlope });
        next = safeguardedStep(onPsi(best), onPsi(other), onPsi(trial), bracketed, lower, upper);
      } else {
        next = safeguardedStep(best, other, trial, bracketed, lower, upper);
      }
    }
    const usable = trial.phi < Infinity && Number.isFinite(trial.slope);
    const roles = { best, other, trial: usable ? trial : { alpha, phi: Infinity, slope: trial.slope } };
    best = roles[next.best];
    other = roles[next.other];
    bracketed = next.bracketed;
    alpha = next.alpha;

    if (bracketed) {
      // Bisect when the last two trials together shrank the interval by less than a third.
      if (Math.abs(other.alpha - best.alpha) >= 0.66 * previousWidth) alpha = best.alpha + 0.5 * (other.alpha - best.alpha);
      previousWidth = width;
      width = Math.abs(other.alpha - best.alpha);
      lower = Math.min(best.alpha, other.alpha);
      upper = Math.max(best.alpha, other.alpha);
    } else {
      lower = alpha + 1.1 * (alpha - best.alpha);
      upper = alpha + 4 * (alpha - best.alpha);
    }
    alpha = Math.min(Math.max(alpha, alphaMin), alphaMax);
    // When rounding leaves no room for progress, the best point is the last trial (the next
    // evaluation then reports the failure, with the best point as the result).
    if (bracketed && (alpha <= lower || alpha >= upper || upper - lower <= xtol * upper)) alpha = best.alpha;
  }
  return end("failed", "evaluations");
}

/**
 * The safeguarded step of Moré and Thuente (their trial value selection, MINPACK-2's `dcstep`): given the
 * interval's best end, its other end and a new trial, decides which points bound the interval next
 * and the next trial step, by four cases:
 * 1. the trial's φ is higher than the best's: the minimizer is bracketed; take the cubic step if
 *    it is closer to the best point than the quadratic one (through φ and φ′ at the best, φ at the
 *    trial), otherwise their average;
 * 2. lower φ and slopes of opposite signs: bracketed; the cubic or secant step, whichever is
 *    farther from the trial;
 * 3. lower φ, same sign, and the slope's magnitude decreases: the cubic step if the cubic has a
 *    minimizer beyond the trial (else the step bound in that direction) or the secant step;
 *    once bracketed the closer one, kept within 66% of the way to the other end; before, the
 *    farther one, within [lower, upper];
 * 4. lower φ, same sign, the slope does not decrease: the cubic step between the trial and the
 *    other end once bracketed, otherwise the step bound in the search direction.
 */
export function safeguardedStep(best: LinePoint, other: LinePoint, trial: LinePoint, bracketed: boolean, lower: number, upper: number): SafeguardedStep {
  const oppositeSlopes = trial.slope * Math.sign(best.slope) < 0;
  const keep = (nowBracketed: boolean, alpha: number): SafeguardedStep => {
    const interval: Pick<SafeguardedStep, "best" | "other"> =
      trial.phi > best.phi ? { best: "best", other: "trial" } : { best: "trial", other: oppositeSlopes ? "best" : "other" };
    if (Number.isFinite(alpha)) return { alpha, bracketed: nowBracketed, ...interval };
    // Only rounding (or an infinite end) makes an interpolant non-finite: bisect the new interval
    // instead, or go to the step bound while nothing is bracketed.
    const points = { best, other, trial };
    const fallback = nowBracketed ? (points[interval.best].alpha + points[interval.other].alpha) / 2 : upper;
    return { alpha: fallback, bracketed: nowBracketed, ...interval };
  };

  if (trial.phi > best.phi) {
    const cubic = cubicMinimizer(best, trial);
    const quadratic = best.alpha + ((best.slope / ((best.phi - trial.phi) / (trial.alpha - best.alpha) + best.slope)) / 2) * (trial.alpha - best.alpha);
    return keep(true, Math.abs(cubic - best.alpha) < Math.abs(quadratic - best.alpha) ? cubic : cubic + (quadratic - cubic) / 2);
  }
  if (oppositeSlopes) {
    const cubic = cubicMinimizer(trial, best);
    const secant = secantStep(trial, best);
    return keep(true, Math.abs(cubic - trial.alpha) > Math.abs(secant - trial.alpha) ? cubic : secant);
  }
  if (Math.abs(trial.slope) < Math.abs(best.slope)) {
    // The cubic's minimizer lies beyond the trial only when the cubic turns up in the step's
    // direction; otherwise it tends to −∞ there and the step bound stands in for it.
    const cubic = cubicMinimizer(trial, best, true);
    const beyond = Number.isFinite(cubic) && (cubic - trial.alpha) * (trial.alpha - best.alpha) > 0;
    const cubicStep = beyond ? cubic : trial.alpha > best.alpha ? upper : lower;
    const secant = secantStep(trial, best);
    if (bracketed) {
      const closer = Math.abs(cubicStep - trial.alpha) < Math.abs(secant - trial.alpha) ? cubicStep : secant;
      const limit = trial.alpha + 0.66 * (other.alpha - trial.alpha);
      return keep(true, trial.alpha > best.alpha ? Math.min(limit, closer) : Math.max(limit, closer));
    }
    const farther = Math.abs(cubicStep - trial.alpha) > Math.abs(secant - trial.alpha) ? cubicStep : secant;
    return keep(false, Math.max(lower, Math.min(upper, farther)));
  }
  if (bracketed) return keep(true, cubicMinimizer(trial, other));
  return keep(false, trial.alpha > best.alpha ? upper : lower);
}

/**
 * The minimizer of the cubic matching φ and φ′ at a and b (Nocedal & Wright (3.59)), written from
 * a towards b with every term scaled by the largest of |θ|, |φ′(a)|, |φ′(b)| so that nothing
 * overflows. With `clampRoot`, a negative discriminant (no local minimizer) is taken as 0, so the
 * result is the cubic's inflection-side estimate rather than NaN (the paper's case 3).
 */
function cubicMinimizer(a: LinePoint, b: LinePoint, clampRoot = false): number {
  const theta = (3 * (a.phi - b.phi)) / (b.alpha - a.alpha) + a.slope + b.slope;
  const scale = Math.max(Math.abs(theta), Math.abs(a.slope), Math.abs(b.slope));
  let radicand = (theta / scale) ** 2 - (a.slope / scale) * (b.slope / scale);
  if (clampRoot) radicand = Math.max(0, radicand);
  const gamma = Math.sign(b.alpha - a.alpha) * scale * Math.sqrt(radicand);
  if (clampRoot && gamma === 0) return NaN;
  const ratio = (gamma - a.slope + theta) / (gamma - a.slope + gamma + b.slope);
  return a.alpha + ratio * (b.alpha - a.alpha);
}

function maxAbs(v: Vec): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/** Where the slope, linear between a and b, would vanish. */
function secantStep(a: LinePoint, b: LinePoint): number {
  return a.alpha + (a.slope / (a.slope - b.slope)) * (b.alpha - a.alpha);
}
