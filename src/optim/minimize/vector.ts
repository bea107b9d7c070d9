/** Small dense-vector helpers on Float64Array, for the optimizers' bookkeeping (not for tensors). */

export type Vec = Float64Array;

export function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function norm2(a: Vec): number {
  return Math.sqrt(dot(a, a));
}

export function normInf(a: Vec): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m || v !== v) m = v;
  }
  return m;
}

/** The norm `tol` is checked in: Infinity (largest component) or 2. */
export function vectorNorm(a: Vec, order: number): number {
  return order === Infinity ? normInf(a) : norm2(a);
}

/** a + s·b as a new vector. */
export function addScaled(a: Vec, s: number, b: Vec): Vec {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + s * b[i]!;
  return out;
}

/** a ← a + s·b in place. */
export function axpy(a: Vec, s: number, b: Vec): void {
  for (let i = 0; i < a.length; i++) a[i] += s * b[i]!;
}

export function sub(a: Vec, b: Vec): Vec {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
  return out;
}

export function scaled(a: Vec, s: number): Vec {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = s * a[i]!;
  return out;
}

export function allFinite(a: Vec): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/** y = M·x for a row-major n×n matrix M. */
export function matVec(m: Vec, x: Vec): Vec {
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}
