import { axpy, dot, type Vec } from "../vector.js";

/** The search direction truncated CG found, and how the inner iteration ended. */
export interface TruncatedCgResult {
  readonly direction: Vec;
  /** Hessian-vector products used. */
  readonly products: number;
  /** "residual": the forcing test held; "negative-curvature": stopped at dᵀBd ≤ 0; "limit": iteration cap. */
  readonly ending: "residual" | "negative-curvature" | "limit";
}

function norm1(v: Vec): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i]!);
  return s;
}

/**
 * The inner iteration of line-search Newton–CG (Nocedal & Wright, Algorithm 7.1): conjugate
 * gradients on B p = −g from p = 0, with B seen only through `hessianTimes`, stopped when the
 * residual satisfies the forcing test ‖r‖ ≤ η‖g‖ with η = min(0.5, √‖g‖) (superlinear, and
 * quadratic near the solution, N&W Theorem 7.2), or at the first direction of non-positive
 * curvature, returning the iterate reached so far.
 *
 * Norms are 1-norms, as in SciPy's Newton-CG, so that iteration counts compare like with like.
 * When the very first direction has non-positive curvature the result is steepest descent; SciPy
 * scales it by gᵀg/|gᵀBg| (the length at which the curvature's magnitude would balance the
 * slope), which gives the line search a sensible unit step, and so does this one (unscaled −g
 * when the curvature is zero).
 */
export function truncatedCg(g: Vec, hessianTimes: (v: Vec) => Vec, maxIterations: number): TruncatedCgResult {
  const n = g.length;
  const gNorm = norm1(g);
  const threshold = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
  const p = new Float64Array(n);
  const r = Float64Array.from(g);
  const d = Float64Array.from(g, (v) => -v);
  let rr = dot(r, r);
  let products = 0;
  for (let j = 0; j < maxIterations; j++) {
    if (norm1(r) <= threshold) return { direction: p, products, ending: "residual" };
    const bd = hessianTimes(d);
    products++;
    const curvature = dot(d, bd);
    if (!(curvature > 0)) {
      if (j > 0) return { direction: p, products, ending: "negative-curvature" };
      const scale = curvature < 0 ? rr / -curvature : 1;
      return { direction: Float64Array.from(g, (v) => -scale * v), products, ending: "negative-curvature" };
    }
    const alpha = rr / curvature;
    axpy(p, alpha, d);
    axpy(r, alpha, bd);
    const rrNext = dot(r, r);
    const beta = rrNext / rr;
    rr = rrNext;
    for (let i = 0; i < n; i++) d[i] = -r[i]! + beta * d[i]!;
  }
  return { direction: p, products, ending: "limit" };
}
