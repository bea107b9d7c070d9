import { addScaled, allFinite, dot, type Vec } from "../vector.js";

/** The accepted step of `backtrackOnResiduals`, with the residuals evaluated there. */
export interface ResidualStep {
  readonly alpha: number;
  readonly x: Vec;
  readonly r: Vec;
  readonly fun: number;
}

/**
 * Backtracking Armijo line search on ½‖r(x + αp)‖² for least-squares methods, evaluating only the
 * residuals at each trial (their Jacobian is needed only where the step is accepted, so a method
 * evaluates it there, once).
 *
 * From α₀, accept the first α with ½‖r(x + αp)‖² ≤ ½‖r‖² + c₁ α (Jᵀr)ᵀp (Nocedal & Wright,
 * Algorithm 3.1, c₁ = 1e-4). A rejected trial gives a whole vector of information, not one
 * number: the next α minimizes ½‖ρ(t)‖² for the quadratic ρ(t) = r + t·Jp + t²·v through r(x), its
 * directional derivative Jp and the trial's residuals (v = (r(x + αp) − r − αJp)/α², a divided
 * difference for the second directional derivative, as in geodesic acceleration: Transtrum &
 * Sethna, "Improvements to the Levenberg–Marquardt algorithm for nonlinear least-squares
 * minimization", 2012). The model matches φ at 0 and α and φ′ at 0, and is exact when r is
 * quadratic along the line (Rosenbrock's and Himmelblau's residuals are). The next α is kept in
 * [α/10, α/2] (N&W §3.5), and halving stands in when the model has no minimizer below α or the
 * trial is not finite.
 *
 * Returns null when p is not a descent direction, when α falls below what changes x in the run's
 * precision, or after `maxTrials` trials.
 */
export function backtrackOnResiduals(
  residuals: (x: Vec) => Vec,
  x: Vec,
  r: Vec,
  directionalDerivative: Vec,
  slope: number,
  direction: Vec,
  alpha0: number,
  epsilon: number,
  maxTrials = 50,
): ResidualStep | null {
  if (!(slope < 0)) return null;
  const fun = 0.5 * dot(r, r);
  const resolution = (epsilon * Math.max(maxAbs(x), Number.MIN_VALUE)) / maxAbs(direction);
  let alpha = alpha0;
  for (let trial = 0; trial < maxTrials && alpha > resolution; trial++) {
    const next = addScaled(x, alpha, direction);
    const trialR = residuals(next);
    const finite = allFinite(trialR);
    const phi = finite ? 0.5 * dot(trialR, trialR) : NaN;
    if (phi <= fun + 1e-4 * alpha * slope) return { alpha, x: next, r: trialR, fun: phi };
    const candidate = finite ? modelMinimizer(r, directionalDerivative, trialR, alpha) : NaN;
    alpha = Number.isFinite(candidate) ? Math.min(alpha / 2, Math.max(alpha / 10, candidate)) : alpha / 2;
  }
  return null;
}

/**
 * The first local minimizer in (0, α) of ½‖ρ(t)‖² with ρ(t) = r + t·u + t²·v through the trial's
 * residuals at t = α; NaN when ½‖ρ‖² decreases all the way to α.
 */
function modelMinimizer(r: Vec, u: Vec, trial: Vec, alpha: number): number {
  const v = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) v[i] = (trial[i]! - r[i]! - alpha * u[i]!) / (alpha * alpha);
  // d/dt ½‖ρ(t)‖² = ρᵀρ′ = a₀ + a₁t + a₂t² + a₃t³, with a₀ = rᵀu < 0 for a descent direction.
  const a0 = dot(r, u);
  const a1 = dot(u, u) + 2 * dot(r, v);
  const a2 = 3 * dot(u, v);
  const a3 = 2 * dot(v, v);
  const derivative = (t: number) => a0 + t * (a1 + t * (a2 + t * a3));
  // Between the zeros of the second derivative a₁ + 2a₂t + 3a₃t², the derivative is monotone, so
  // the first piece on which it turns from negative to non-negative holds the first minimizer.
  const cuts = [0];
  const discriminant = a2 * a2 - 3 * a3 * a1;
  if (a3 > 0 && discriminant >= 0) {
    const root = Math.sqrt(discriminant);
    for (const t of [(-a2 - root) / (3 * a3), (-a2 + root) / (3 * a3)]) if (t > 0 && t < alpha) cuts.push(t);
  } else if (a3 === 0 && a2 !== 0) {
    const t = -a1 / (2 * a2);
    if (t > 0 && t < alpha) cuts.push(t);
  }
  cuts.push(alpha);
  for (let k = 0; k + 1 < cuts.length; k++) {
    let low = cuts[k]!;
    let high = cuts[k + 1]!;
    if (!(derivative(low) < 0 && derivative(high) >= 0)) continue;
    // Bisection to the precision of t: the model is cheap next to a trial.
    for (let i = 0; i < 60 && high - low > Number.EPSILON * high; i++) {
      const middle = (low + high) / 2;
      if (derivative(middle) < 0) low = middle;
      else high = middle;
    }
    return (low + high) / 2;
  }
  return NaN;
}

function maxAbs(v: Vec): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}
