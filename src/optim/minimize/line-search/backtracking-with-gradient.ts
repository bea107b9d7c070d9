import { addScaled, dot, type Vec } from "../vector.js";

/** What a trial point's evaluation must give: the objective and its gradient (and anything else). */
export interface Evaluation {
  readonly fun: number;
  readonly grad: Vec;
}

/** Result of `backtrackWithGradient`: the accepted step and everything evaluated there, or a failure. */
export type BacktrackResult<E extends Evaluation> =
  | { readonly ok: true; readonly alpha: number; readonly x: Vec; readonly at: E; readonly trials: number }
  | { readonly ok: false; readonly trials: number };

/** Parameters of `backtrackWithGradient`. */
export interface BacktrackOptions {
  /** The first trial step (default 1, the Newton step). */
  readonly alpha0?: number;
  /** Sufficient-decrease constant (default 1e-4). */
  readonly c1?: number;
  /** Most trials (default 50). */
  readonly maxTrials?: number;
  /** Machine epsilon of the run's dtype (default float64's), for the smallest step that moves x. */
  readonly epsilon?: number;
}

/**
 * Backtracking Armijo line search for Newton-type directions, whose unit step is accepted at almost
 * every iteration: each trial is evaluated together with its gradient (and whatever `evaluate`
 * returns, such as residuals and a Jacobian), so the accepted point needs no second evaluation.
 * A method calling `backtracking-armijo` instead would pay one extra function evaluation per iteration.
 *
 * From α₀, accept the first α with f(x + αp) ≤ f(x) + c₁ α ∇fᵀp (Nocedal & Wright, Algorithm 3.1);
 * otherwise the next α minimizes the cubic matching φ(α) = f(x + αp) and φ′ at 0 and at the trial
 * (N&W eq. 3.59; the gradient is at hand), or the quadratic of N&W eq. 3.58 where the cubic has no
 * minimizer, kept in [α/10, α/2] so the search neither stalls nor jumps (N&W §3.5). A NaN trial value fails
 * the test and is halved away from; −∞ passes it, and the caller reports it as non-finite.
 * Fails when p is not a descent direction, when α falls below what changes x in the run's
 * precision, or after `maxTrials` trials.
 */
export function backtrackWithGradient<E extends Evaluation>(
  evaluate: (x: Vec) => E,
  x: Vec,
  fun: number,
  grad: Vec,
  direction: Vec,
  options: BacktrackOptions = {},
): BacktrackResult<E> {
  const { alpha0 = 1, c1 = 1e-4, maxTrials = 50, epsilon = Number.EPSILON } = options;
  const slope = dot(grad, direction);
  if (!(slope < 0)) return { ok: false, trials: 0 };
  // Below this α the trial point equals x in the run's precision: "accepting" it would be no
  // progress at all, and a method would repeat it until maxIter.
  const resolution = (epsilon * Math.max(maxAbs(x), Number.MIN_VALUE)) / maxAbs(direction);
  let alpha = alpha0;
  let trial = 0;
  while (trial < maxTrials && alpha > resolution) {
    trial++;
    const next = addScaled(x, alpha, direction);
    const at = evaluate(next);
    if (at.fun <= fun + c1 * alpha * slope) return { ok: true, alpha, x: next, at, trials: trial };
    const candidate = Number.isFinite(at.fun) ? interpolatedMinimizer(alpha, fun, slope, at.fun, dot(at.grad, direction)) : alpha / 2;
    alpha = Math.min(alpha / 2, Math.max(alpha / 10, candidate));
  }
  return { ok: false, trials: trial };
}

/** The machine epsilon of a run's dtype. */
export function machineEpsilon(dtype: "float32" | "float64"): number {
  return dtype === "float32" ? 2 ** -23 : Number.EPSILON;
}

function maxAbs(v: Vec): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/**
 * The minimizer of the cubic through φ(0), φ′(0), φ(α), φ′(α) (N&W eq. 3.59 with α₀ = 0), or of the
 * quadratic through φ(0), φ′(0), φ(α) (eq. 3.58) when the cubic has none or rounding spoils it.
 */
function interpolatedMinimizer(alpha: number, phi0: number, slope0: number, phi: number, slope: number): number {
  const d1 = slope0 + slope - (3 * (phi0 - phi)) / -alpha;
  const discriminant = d1 * d1 - slope0 * slope;
  if (discriminant >= 0 && Number.isFinite(slope)) {
    const d2 = Math.sqrt(discriminant);
    const cubic = alpha - (alpha * (slope + d2 - d1)) / (slope - slope0 + 2 * d2);
    if (Number.isFinite(cubic)) return cubic;
  }
  return (-slope0 * alpha * alpha) / (2 * (phi - phi0 - slope0 * alpha));
}
