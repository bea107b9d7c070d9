import { addScaled, axpy, dot, norm2, type Vec } from "../vector.js";

/** The approximate trust-region step and how it was found. */
export interface SteihaugResult {
  readonly step: Vec;
  /** Whether the step lies on the trust-region boundary (the radius may then grow). */
  readonly hitsBoundary: boolean;
  /** The model's predicted decrease m(0) − m(p) = −(gᵀp + ½ pᵀBp). */
  readonly predictedDecrease: number;
  /** Hessian-vector products used. */
  readonly products: number;
}

/**
 * Steihaug's conjugate-gradient solver for the trust-region subproblem min gᵀp + ½pᵀBp subject
 * to ‖p‖ ≤ Δ (Nocedal & Wright, Algorithm 7.2): CG from p = 0 with B seen only through
 * `hessianTimes`, stopped at the forcing test ‖r‖ ≤ min(0.5, √‖g‖)‖g‖ (2-norms, as SciPy's
 * trust-ncg), or, when a direction of non-positive curvature appears or the iterate leaves the
 * region, at the boundary point along the current direction with the lower model value.
 */
export function steihaug(g: Vec, hessianTimes: (v: Vec) => Vec, radius: number, maxIterations: number): SteihaugResult {
  const n = g.length;
  const gNorm = norm2(g);
  const tolerance = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
  let p: Vec = new Float64Array(n);
  const r = Float64Array.from(g);
  const d = Float64Array.from(g, (v) => -v);
  let rr = dot(r, r);
  let products = 0;
  // The model's value is tracked through B·p, updated by linearity, so that the predicted decrease
  // costs no extra product.
  let bp: Vec = new Float64Array(n);
  const finish = (step: Vec, bStep: Vec, hitsBoundary: boolean): SteihaugResult => ({
    step,
    hitsBoundary,
    predictedDecrease: -(dot(g, step) + 0.5 * dot(step, bStep)),
    products,
  });
  if (gNorm <= tolerance) return finish(p, bp, false);
  for (let j = 0; j < maxIterations; j++) {
    const bd = hessianTimes(d);
    products++;
    const curvature = dot(d, bd);
    if (!(curvature > 0)) {
      // Either boundary point along d may be the better one when B is indefinite: compare models.
      const [tMinus, tPlus] = boundaryCrossings(p, d, radius);
      const model = (t: number) => dot(g, p) + t * dot(g, d) + 0.5 * (dot(p, bp) + 2 * t * dot(p, bd) + t * t * curvature);
      const t = model(tMinus) < model(tPlus) ? tMinus : tPlus;
      return finish(addScaled(p, t, d), addScaled(bp, t, bd), true);
    }
    const alpha = rr / curvature;
    const pNext = addScaled(p, alpha, d);
    if (norm2(pNext) >= radius) {
      const [, tPlus] = boundaryCrossings(p, d, radius);
      return finish(addScaled(p, tPlus, d), addScaled(bp, tPlus, bd), true);
    }
    p = pNext;
    bp = addScaled(bp, alpha, bd);
    axpy(r, alpha, bd);
    const rrNext = dot(r, r);
    if (Math.sqrt(rrNext) < tolerance) return finish(p, bp, false);
    const beta = rrNext / rr;
    rr = rrNext;
    for (let i = 0; i < n; i++) d[i] = -r[i]! + beta * d[i]!;
  }
  return finish(p, bp, false);
}

/** The two t with ‖p + t d‖ = Δ, smaller first (p is inside the region, so they have opposite signs). */
function boundaryCrossings(p: Vec, d: Vec, radius: number): [number, number] {
  const a = dot(d, d);
  const b = 2 * dot(p, d);
  const c = dot(p, p) - radius * radius;
  // The root formula that avoids cancellation: q = −(b + sign(b)√disc)/2, roots q/a and c/q.
  const sqrtDisc = Math.sqrt(Math.max(b * b - 4 * a * c, 0));
  const q = -0.5 * (b + (b >= 0 ? sqrtDisc : -sqrtDisc));
  const r1 = q / a;
  const r2 = q !== 0 ? c / q : -r1;
  return r1 < r2 ? [r1, r2] : [r2, r1];
}
