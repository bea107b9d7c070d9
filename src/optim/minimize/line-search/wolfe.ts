import type { Problem } from "../problem.js";
import { addScaled, dot, type Vec } from "../vector.js";

/** Parameters of the strong Wolfe line search. */
export interface WolfeOptions {
  /** The first trial step α₁ (> 0). */
  readonly alpha0: number;
  /** Sufficient-decrease constant c₁ (default 1e-4). */
  readonly c1?: number;
  /** Curvature constant c₂, c₁ < c₂ < 1 (default 0.9 for quasi-Newton; 0.1 suits nonlinear CG). */
  readonly c2?: number;
  /** The largest step tried while bracketing (default 1e10). */
  readonly alphaMax?: number;
  /** Most trial steps, bracketing and zoom together (default 40). */
  readonly maxEvaluations?: number;
  /**
   * An extra condition a Wolfe step must also meet to be accepted (default none); a Wolfe step
   * that fails it is treated like one whose slope is still negative (nonlinear CG uses it for
   * sufficient descent of its next direction).
   */
  readonly accept?: (x: Vec, fun: number, grad: Vec) => boolean;
  /** f and ∇f at x + α₀p when the caller has them already (a previous search's trial), so α₀ is not evaluated again. */
  readonly known?: { readonly alpha: number; readonly x: Vec; readonly fun: number; readonly grad: Vec };
}

/**
 * Result of a line search.
 * - `"wolfe"`: the step satisfies the strong Wolfe conditions.
 * - `"decrease-only"`: no Wolfe step was found within the evaluation budget, but the returned step
 *   satisfies sufficient decrease (so it is progress; the curvature pair may be useless).
 * - `"failed"`: no step decreasing f enough (not a descent direction, or f cannot be resolved
 *   along it); `x`, `fun`, `grad` are the starting ones.
 */
export interface WolfeResult {
  readonly status: "wolfe" | "decrease-only" | "failed";
  readonly alpha: number;
  readonly x: Vec;
  readonly fun: number;
  readonly grad: Vec;
  /** Evaluations of f and ∇f made by this search. */
  readonly evaluations: number;
}

/** One evaluated trial: φ(α) = f(x + αp) and φ'(α) = ∇f(x + αp)·p. */
interface Trial {
  readonly alpha: number;
  readonly phi: number;
  readonly slope: number;
  readonly x: Vec;
  readonly grad: Vec;
}

/**
 * Line search for a step satisfying the strong Wolfe conditions
 *   f(x + αp) ≤ f(x) + c₁ α ∇f(x)·p   and   |∇f(x + αp)·p| ≤ c₂ |∇f(x)·p|,
 * by Nocedal & Wright's Algorithm 3.5 (bracketing with extrapolation) and Algorithm 3.6 (zoom),
 * with cubic interpolation (N&W (3.59)), falling back to quadratic interpolation and then to
 * bisection, each trial kept inside the bracket away from its ends. Value and gradient are
 * evaluated together, one `valueAndGrad` per trial.
 *
 * A non-finite trial value counts as too large, so the search shortens the step rather than
 * stepping into NaN territory. The number of trials is bounded; the search reports failure
 * instead of looping when the bracket shrinks below what floating point resolves.
 */
export function strongWolfe(problem: Problem, x: Vec, fun: number, grad: Vec, direction: Vec, options: WolfeOptions): WolfeResult {
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const alphaMax = options.alphaMax ?? 1e10;
  const budget = options.maxEvaluations ?? 40;
  const slope0 = dot(grad, direction);
  const start: Trial = { alpha: 0, phi: fun, slope: slope0, x, grad };
  let evaluations = 0;
  // Steps shorter than this do not change x in the run's precision.
  const epsilon = problem.dtype === "float32" ? 2 ** -23 : Number.EPSILON;
  const resolution = (epsilon * Math.max(maxAbs(x), Number.MIN_VALUE)) / maxAbs(direction);
  const failed = (): WolfeResult => ({ status: "failed", alpha: 0, x, fun, grad, evaluations });
  if (!(slope0 < 0) || !(options.alpha0 > 0)) return failed();

  const evaluate = (alpha: number): Trial => {
    const known = options.known !== undefined && options.known.alpha === alpha ? options.known : undefined;
    if (known === undefined) evaluations++;
    const trialX = known?.x ?? addScaled(x, alpha, direction);
    const { fun: phi, grad: g } = known ?? problem.valueAndGrad(trialX);
    const slope = dot(g, direction);
    // NaN (in f or its gradient) means the step went too far: count it as too large so the step
    // is shortened. f = −∞ passes through, for the method to stop on.
    const tooFar = Number.isNaN(phi) || phi === Infinity || (phi !== -Infinity && !Number.isFinite(slope));
    return { alpha, phi: tooFar ? Infinity : phi, slope, x: trialX, grad: g };
  };
  // Strictly below f(x) as well: when c₁αφ'(0) is below f's rounding, the Armijo test alone would
  // accept a step that does not decrease f at all.
  const sufficientDecrease = (t: Trial) => t.phi <= fun + c1 * t.alpha * slope0 && t.phi < fun;
  const curvature = (t: Trial) => Math.abs(t.slope) <= -c2 * slope0 && (options.accept === undefined || options.accept(t.x, t.phi, t.grad));
  const done = (t: Trial, status: WolfeResult["status"]): WolfeResult => ({ status, alpha: t.alpha, x: t.x, fun: t.phi, grad: t.grad, evaluations });

  /** N&W Algorithm 3.6: lo satisfies sufficient decrease and has the lower φ of the two; a Wolfe step lies between lo and hi. */
  const zoom = (lo: Trial, hi: Trial): WolfeResult => {
    while (evaluations < budget) {
      const width = Math.abs(hi.alpha - lo.alpha);
      if (width <= Math.max(resolution, Number.EPSILON * Math.max(lo.alpha, hi.alpha))) break;
      const trial = evaluate(interpolate(lo, hi));
      if (!sufficientDecrease(trial) || trial.phi >= lo.phi) {
        hi = trial;
      } else {
        if (curvature(trial)) return done(trial, "wolfe");
        if (trial.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = trial;
      }
    }
    return lo.alpha > 0 ? done(lo, "decrease-only") : failed();
  };

  // N&W Algorithm 3.5: step forward until a trial is too long (then zoom back) or has a
  // non-negative slope (then zoom between it and the previous trial).
  let previous = start;
  let alpha = Math.min(options.alpha0, alphaMax);
  while (evaluations < budget) {
    const trial = evaluate(alpha);
    if (!sufficientDecrease(trial) || (previous.alpha > 0 && trial.phi >= previous.phi)) return zoom(previous, trial);
    if (curvature(trial)) return done(trial, "wolfe");
    if (trial.slope >= 0) return zoom(trial, previous);
    if (alpha >= alphaMax) return done(trial, "decrease-only");
    alpha = Math.min(alphaMax, extrapolate(previous, trial));
    previous = trial;
  }
  return previous.alpha > 0 ? done(previous, "decrease-only") : failed();
}

function maxAbs(v: Vec): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/**
 * The next trial between lo and hi: the cubic interpolant's minimizer (N&W (3.59)) when both ends
 * are finite, else the quadratic through φ(lo), φ'(lo), φ(hi), clamped to stay at least 1% of the
 * bracket from lo and 10% from hi (Fletcher's sectioning safeguard, Practical Methods of
 * Optimization §2.6, with the lo side looser because an overshooting first trial often puts the
 * minimizer very close to lo); the midpoint when neither interpolant has a minimizer.
 */
function interpolate(lo: Trial, hi: Trial): number {
  const width = hi.alpha - lo.alpha;
  const a = lo.alpha + 0.01 * width;
  const b = hi.alpha - 0.1 * width;
  let candidate = Number.isFinite(hi.phi) && Number.isFinite(hi.slope) ? cubicMinimizer(lo, hi) : NaN;
  if (!Number.isFinite(candidate) && Number.isFinite(hi.phi)) candidate = quadraticMinimizer(lo, hi);
  if (!Number.isFinite(candidate)) return lo.alpha + width / 2;
  return Math.min(Math.max(a, b), Math.max(Math.min(a, b), candidate));
}

/**
 * The next step when the last trial still descends: the cubic's minimizer beyond it if it has one,
 * kept within [1.1, 4] times the last increment past the last trial (so the search neither stalls
 * nor overshoots wildly), otherwise the far end of that range.
 */
function extrapolate(previous: Trial, last: Trial): number {
  const increment = last.alpha - previous.alpha;
  const low = last.alpha + 1.1 * increment;
  const high = last.alpha + 4 * increment;
  const cubic = cubicMinimizer(previous, last);
  return Number.isFinite(cubic) && cubic > last.alpha ? Math.min(high, Math.max(low, cubic)) : high;
}

/** Minimizer of the cubic matching φ and φ' at a and b (N&W (3.59)); NaN when it has none. */
function cubicMinimizer(a: Trial, b: Trial): number {
  const d1 = a.slope + b.slope - (3 * (a.phi - b.phi)) / (a.alpha - b.alpha);
  const radicand = d1 * d1 - a.slope * b.slope;
  if (!(radicand >= 0)) return NaN;
  const d2 = Math.sign(b.alpha - a.alpha) * Math.sqrt(radicand);
  const denominator = b.slope - a.slope + 2 * d2;
  if (denominator === 0) return NaN;
  return b.alpha - ((b.alpha - a.alpha) * (b.slope + d2 - d1)) / denominator;
}

/** Minimizer of the quadratic matching φ(a), φ'(a) and φ(b); NaN when it is not convex. */
function quadraticMinimizer(a: Trial, b: Trial): number {
  const h = b.alpha - a.alpha;
  const curvature = b.phi - a.phi - a.slope * h;
  if (!(curvature > 0)) return NaN;
  return a.alpha - (a.slope * h * h) / (2 * curvature);
}

/**
 * The first trial step from the last decrease of f: the step at which a quadratic along p with the
 * current slope would decrease f by as much as the last iteration did, α₀ = 2(f_k − f_{k−1})/φ'(0)
 * (N&W (3.60)), taken 1% longer and capped at 1 so that quasi-Newton methods try the unit step
 * once they converge (SciPy's `line_search_wolfe1` makes the same choice). Falls back to 1 when the
 * formula gives no positive step.
 */
export function initialStep(fun: number, previousFun: number, slope: number): number {
  const alpha = (1.01 * 2 * (fun - previousFun)) / slope;
  return alpha > 0 && Number.isFinite(alpha) ? Math.min(1, alpha) : 1;
}
