import { lstsq, solveLowerTriangular, tryCholesky } from "../../../linalg/dense.js";
import type { Vec } from "../vector.js";

/** The Levenberg–Marquardt step for a trust radius: λ, the step p(λ) and ‖D p(λ)‖. */
export interface DampedStep {
  readonly lambda: number;
  readonly step: Vec;
  readonly scaledNorm: number;
}

/** Iterations of the λ search; Moré reports that two usually suffice. */
const MAX_ITERATIONS = 10;

/**
 * The Levenberg–Marquardt parameter for a trust region (J. J. Moré, "The Levenberg–Marquardt
 * algorithm: implementation and theory", Numerical Analysis, Lecture Notes in Mathematics 630,
 * 1978, §5–§7): the step p(λ) minimizing ‖J p + r‖² + λ‖D p‖², with λ ≥ 0 chosen so that
 * ‖D p(λ)‖ = Δ within 10%, or λ = 0 when the Gauss–Newton step is already that short.
 *
 * With φ(λ) = ‖D p(λ)‖ − Δ, λ follows Moré's safeguarded Newton iteration for the secular equation
 * λ₊ = λ + (φ/Δ)/‖q‖², where q = R_λ⁻ᵀ D² p / ‖D p‖ and R_λᵀR_λ = JᵀJ + λD², kept inside bounds
 * [l, u] that shrink as it goes: u = ‖D⁻¹Jᵀr‖/Δ and l the Newton step from 0 (0 when J is rank
 * deficient). The step itself is solved as the least-squares problem [J; √λ D] p ≈ [−r; 0] by
 * QR, which never squares J's condition number; q, which only steers λ, comes from the Cholesky
 * factor of JᵀJ + λD² (the same R up to signs).
 *
 * @param jacobian - J, m×n row-major
 * @param scaling - the diagonal of D, positive
 * @param previous - the λ of the last call, the starting guess
 */
export function lambdaForRadius(jacobian: Vec, m: number, n: number, r: Vec, scaling: Vec, radius: number, previous: number): DampedStep {
  const minusR = Float64Array.from(r, (v) => -v);
  const gaussNewton = lstsq(jacobian, m, n, minusR);
  const gaussNewtonNorm = scaledNorm(gaussNewton.solution, scaling);
  let phi = gaussNewtonNorm - radius;
  if (phi <= 0.1 * radius) return { lambda: 0, step: gaussNewton.solution, scaledNorm: gaussNewtonNorm };

  const normal = normalMatrix(jacobian, m, n);
  // l: Newton's step for φ from λ = 0, a lower bound because φ is convex there (Moré §5).
  let lower = 0;
  if (gaussNewton.rank === n) {
    const q = steeringVector(normal, n, 0, gaussNewton.solution, scaling, gaussNewtonNorm);
    if (q !== null) lower = phi / radius / squaredNorm(q);
  }
  // u: ‖D⁻¹Jᵀr‖/Δ bounds λ from above, since ‖D p(λ)‖ ≤ ‖D⁻¹Jᵀr‖/λ.
  const gradient = new Float64Array(n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) gradient[j] += jacobian[i * n + j]! * r[i]!;
  const scaledGradientNorm = Math.sqrt(gradient.reduce((s, g, j) => s + (g / scaling[j]!) ** 2, 0));
  let upper = scaledGradientNorm / radius;
  if (upper === 0) upper = Number.MIN_VALUE / Math.min(radius, 0.1);

  let lambda = Math.min(Math.max(previous, lower), upper);
  if (lambda === 0) lambda = scaledGradientNorm / gaussNewtonNorm;
  let result: DampedStep = { lambda: 0, step: gaussNewton.solution, scaledNorm: gaussNewtonNorm };
  for (let iteration = 1; ; iteration++) {
    if (lambda === 0) lambda = Math.max(Number.MIN_VALUE, 0.001 * upper);
    const step = dampedStep(jacobian, m, n, minusR, scaling, lambda);
    const norm = scaledNorm(step, scaling);
    const previousPhi = phi;
    phi = norm - radius;
    result = { lambda, step, scaledNorm: norm };
    // Done within 10% of Δ; or when λ cannot be lowered further (l = 0) and φ stays negative and
    // no longer increases, as happens when rounding limits how close p(λ) gets to Δ.
    if (Math.abs(phi) <= 0.1 * radius || (lower === 0 && phi <= previousPhi && previousPhi < 0) || iteration === MAX_ITERATIONS) return result;
    const q = steeringVector(normal, n, lambda, step, scaling, norm);
    if (q === null) return result;
    const correction = phi / radius / squaredNorm(q);
    if (phi > 0) lower = Math.max(lower, lambda);
    if (phi < 0) upper = Math.min(upper, lambda);
    lambda = Math.max(lower, lambda + correction);
  }
}

/** p minimizing ‖J p + r‖² + λ‖D p‖², as the least-squares problem [J; √λ D] p ≈ [−r; 0]. */
function dampedStep(jacobian: Vec, m: number, n: number, minusR: Vec, scaling: Vec, lambda: number): Vec {
  const a = new Float64Array((m + n) * n);
  a.set(jacobian);
  for (let j = 0; j < n; j++) a[(m + j) * n + j] = Math.sqrt(lambda) * scaling[j]!;
  const b = new Float64Array(m + n);
  b.set(minusR);
  return lstsq(a, m + n, n, b).solution;
}

/** q = L⁻¹ D² p / ‖D p‖ with L Lᵀ = JᵀJ + λD² (so ‖q‖ = ‖R_λ⁻ᵀ D² p‖/‖D p‖); null if that is not positive definite. */
function steeringVector(normal: Vec, n: number, lambda: number, step: Vec, scaling: Vec, norm: number): Vec | null {
  const shifted = Float64Array.from(normal);
  for (let j = 0; j < n; j++) shifted[j * n + j] += lambda * scaling[j]! ** 2;
  const factor = tryCholesky(shifted);
  if (factor === null) return null;
  return solveLowerTriangular(factor, Float64Array.from(step, (p, j) => (scaling[j]! ** 2 * p) / norm));
}

function normalMatrix(jacobian: Vec, m: number, n: number): Vec {
  const out = new Float64Array(n * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const v = jacobian[i * n + j]!;
      if (v !== 0) for (let k = 0; k < n; k++) out[j * n + k] += v * jacobian[i * n + k]!;
    }
  }
  return out;
}

function scaledNorm(p: Vec, scaling: Vec): number {
  let s = 0;
  for (let j = 0; j < p.length; j++) s += (scaling[j]! * p[j]!) ** 2;
  return Math.sqrt(s);
}

function squaredNorm(v: Vec): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}
