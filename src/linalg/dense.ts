/**
 * Dense linear algebra on plain `Float64Array`s, with no tensors and no tracing: the numerical
 * core under the tensor ops in `ops/decompositions.ts`, and a toolbox that optimizers (Newton,
 * trust region, Lanczos) call directly.
 *
 * Layout: a matrix with `rows` rows and `cols` columns is one `Float64Array` of length
 * `rows * cols`, row-major, so entry (i, j) is `a[i * cols + j]`. Square routines infer `n` from
 * the length (it must be a perfect square). A right-hand side `b` of a square system of size `n`
 * is either a vector (length `n`) or a matrix with `n` rows and `b.length / n` columns; results
 * have the layout of `b`. Inputs are never modified.
 *
 * Failures are typed: a non-finite entry raises `NonFiniteError`, a singular or indefinite
 * matrix or a bad size raises `ValueError`; each message names the routine.
 * @module
 */
import { NonFiniteError, ValueError } from "../errors.js";

const EPS = 2 ** -52;

/** Side of a square matrix stored as `n*n` values; throws unless `length` is a perfect square. */
function squareSide(routine: string, a: Float64Array): number {
  const n = Math.round(Math.sqrt(a.length));
  if (n * n !== a.length) {
    throw new ValueError(routine, `expected a square matrix stored row-major as n*n values, got ${a.length} values. Pass a Float64Array of length n*n.`);
  }
  return n;
}

function requireFinite(routine: string, a: Float64Array, cols: number, what = "matrix"): void {
  for (let k = 0; k < a.length; k++) {
    if (!Number.isFinite(a[k]!)) {
      const row = Math.floor(k / cols);
      throw new NonFiniteError(routine, `expected finite ${what} entries, got ${a[k]} at row ${row}, column ${k - row * cols}. Check the input for overflow or NaN.`);
    }
  }
}

/** Number of right-hand-side columns of `b` for a system with `n` rows. */
function rhsColumns(routine: string, n: number, b: Float64Array): number {
  if (n === 0) return 0;
  const k = b.length / n;
  if (!Number.isInteger(k)) {
    throw new ValueError(routine, `expected a right-hand side with ${n} rows (length a multiple of ${n}), got ${b.length} values. Pass a vector of length ${n} or an ${n}-row matrix.`);
  }
  return k;
}

// ---------------------------------------------------------------------------------------------
// LU with partial pivoting

/** P A = L U with unit-lower `L` and upper `U` packed in one matrix, as LAPACK's getrf. */
export interface LUFactorization {
  readonly n: number;
  /** Row-major `n*n`: strictly lower part holds L (unit diagonal implied), upper part holds U. */
  readonly lu: Float64Array;
  /** Row `i` of P A is row `pivots[i]` of A. */
  readonly pivots: Int32Array;
  /** Sign of the permutation, so that det A = sign · ∏ U_ii. */
  readonly sign: 1 | -1;
  /**
   * True when some pivot is negligible: at most `n · ε` times the largest entry of its original
   * row or of its column, whichever is smaller. A is then singular to working precision even
   * after scaling its rows and columns, and `luSolve` refuses it (the determinant is still
   * available). Comparing with row and column scales, not with max|A|, keeps badly scaled but
   * regular matrices such as diag(1e-20, 1) solvable.
   */
  readonly singular: boolean;
}

/**
 * LU factorization with partial pivoting (Golub & Van Loan, Algorithm 3.4.1). Never throws for a
 * singular matrix; it sets `singular` instead so that determinants of singular matrices are 0.
 * @internal
 * @throws NonFiniteError for NaN or infinite entries; ValueError if `a` is not `n*n`
 */
export function luFactor(a: Float64Array): LUFactorization {
  const n = squareSide("luFactor", a);
  requireFinite("luFactor", a, n);
  const lu = Float64Array.from(a);
  const pivots = new Int32Array(n);
  for (let i = 0; i < n; i++) pivots[i] = i;
  let sign: 1 | -1 = 1;
  const rowScale = new Float64Array(n);
  const columnScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = Math.abs(a[i * n + j]!);
      if (v > rowScale[i]!) rowScale[i] = v;
      if (v > columnScale[j]!) columnScale[j] = v;
    }
  }
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > best) { best = v; p = i; }
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!;
        lu[k * n + j] = lu[p * n + j]!;
        lu[p * n + j] = t;
      }
      const t = pivots[k]!;
      pivots[k] = pivots[p]!;
      pivots[p] = t;
      sign = sign === 1 ? -1 : 1;
    }
    const pivot = lu[k * n + k]!;
    if (Math.abs(pivot) <= n * EPS * Math.min(rowScale[pivots[k]!]!, columnScale[k]!)) singular = true;
    if (pivot === 0) continue; // the column below is already zero: nothing to eliminate
    for (let i = k + 1; i < n; i++) {
      const factor = (lu[i * n + k]! /= pivot);
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j]! -= factor * lu[k * n + j]!;
    }
  }
  return { n, lu, pivots, sign, singular };
}

/**
 * Solves A x = b from `luFactor(A)`; `b` is a vector or an n-row matrix (row-major).
 * @internal
 * @throws ValueError if A is singular to working precision or `b` has the wrong length
 */
export function luSolve(f: LUFactorization, b: Float64Array): Float64Array {
  const { n, lu, pivots } = f;
  const k = rhsColumns("luSolve", n, b);
  if (f.singular) {
    throw new ValueError("luSolve", `expected a nonsingular matrix, got a ${n}x${n} matrix that is singular to working precision. Regularize it (add a multiple of the identity) or use lstsq.`);
  }
  requireFinite("luSolve", b, Math.max(k, 1), "right-hand side");
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) x.set(b.subarray(pivots[i]! * k, pivots[i]! * k + k), i * k);
  // L y = P b (unit diagonal), then U x = y.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const l = lu[i * n + j]!;
      if (l !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= l * x[j * k + c]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const u = lu[i * n + j]!;
      if (u !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= u * x[j * k + c]!;
    }
    const d = lu[i * n + i]!;
    for (let c = 0; c < k; c++) x[i * k + c]! /= d;
  }
  return x;
}

/**
 * Solves the square system A x = b by LU with partial pivoting.
 * @internal
 * @throws ValueError for a singular A or mismatched sizes; NonFiniteError for non-finite entries
 */
export function luSolveMatrix(a: Float64Array, b: Float64Array): Float64Array {
  return luSolve(luFactor(a), b);
}

/**
 * Determinant from an LU factorization: sign · ∏ U_ii (0 when a pivot is exactly 0).
 * @internal
 */
export function luDeterminant(f: LUFactorization): number {
  let d: number = f.sign;
  for (let i = 0; i < f.n; i++) d *= f.lu[i * f.n + i]!;
  return d === 0 ? 0 : d; // no -0 from a negative permutation sign

}

/**
 * Sign and natural logarithm of |det A| from an LU factorization, which does not overflow where
 * the determinant itself would. A zero pivot gives `{ sign: 0, logAbsDet: -Infinity }`.
 * @internal
 */
export function luLogDeterminant(f: LUFactorization): { sign: number; logAbsDet: number } {
  let sign: number = f.sign;
  let logAbsDet = 0;
  for (let i = 0; i < f.n; i++) {
    const u = f.lu[i * f.n + i]!;
    if (u === 0) return { sign: 0, logAbsDet: -Infinity };
    if (u < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(u));
  }
  return { sign, logAbsDet };
}

/**
 * Inverse of a square matrix by LU (solving against the identity).
 * @internal
 * @throws ValueError for a singular matrix
 */
export function inverse(a: Float64Array): Float64Array {
  const f = luFactor(a);
  const identity = new Float64Array(f.n * f.n);
  for (let i = 0; i < f.n; i++) identity[i * f.n + i] = 1;
  return luSolve(f, identity);
}

// ---------------------------------------------------------------------------------------------
// Cholesky

/**
 * Lower Cholesky factor L with A = L Lᵀ, or `null` when A is not (numerically) positive
 * definite. Reads only the lower triangle of A. The strictly upper part of L is zero.
 * @internal
 * @throws NonFiniteError for NaN or infinite entries; ValueError if `a` is not `n*n`
 */
export function tryCholesky(a: Float64Array): Float64Array | null {
  const n = squareSide("cholesky", a);
  requireFinite("cholesky", a, n);
  return choleskyLower(a, n, 0);
}

/** Cholesky of A + shift·I from its lower triangle, or null if a pivot is not positive. */
function choleskyLower(a: Float64Array, n: number, shift: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]! + shift;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! * l[j * n + k]!;
    // `!(d > 0)` also catches a NaN pivot from overflow.
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/**
 * Lower Cholesky factor L with A = L Lᵀ. Reads only the lower triangle of A.
 * @internal
 * @throws ValueError if A is not positive definite; NonFiniteError for non-finite entries
 */
export function cholesky(a: Float64Array): Float64Array {
  const l = tryCholesky(a);
  if (l === null) {
    const n = Math.round(Math.sqrt(a.length));
    throw new ValueError("cholesky", `expected a symmetric positive definite matrix, got a ${n}x${n} matrix that is not positive definite. Add a multiple of the identity to make it positive definite.`);
  }
  return l;
}

/** Result of `choleskyWithShift`: the factor of H + tau·I and the tau that made it positive definite. */
export interface ShiftedCholesky {
  /** Lower L with L Lᵀ = H + tau·I. */
  readonly factor: Float64Array;
  readonly tau: number;
  /** Cholesky attempts made, including the successful one. */
  readonly attempts: number;
}

/**
 * Cholesky with added multiple of the identity (Nocedal & Wright, Numerical Optimization, 2nd
 * ed., Algorithm 3.3): tries tau = 0 if every diagonal entry is positive, else
 * tau = beta − min H_ii, and doubles tau (at least to beta) until H + tau·I factors. The result
 * is a positive definite approximation of H for a Newton step that is a descent direction.
 * Reads only the lower triangle of H.
 * @param options.beta - smallest nonzero shift, default 1e-3 (the book's choice)
 * @param options.maxAttempts - give up after this many factorizations, default 100
 * @internal
 * @throws NonFiniteError for non-finite entries; ValueError if no shift works within maxAttempts
 */
export function choleskyWithShift(h: Float64Array, options: { beta?: number; maxAttempts?: number } = {}): ShiftedCholesky {
  const n = squareSide("choleskyWithShift", h);
  requireFinite("choleskyWithShift", h, n);
  const beta = options.beta ?? 1e-3;
  const maxAttempts = options.maxAttempts ?? 100;
  if (!(beta > 0) || !Number.isFinite(beta)) {
    throw new ValueError("choleskyWithShift", `expected beta > 0, got ${beta}. Pass a small positive shift such as 1e-3.`);
  }
  let minDiagonal = Infinity;
  for (let i = 0; i < n; i++) minDiagonal = Math.min(minDiagonal, h[i * n + i]!);
  let tau = n === 0 || minDiagonal > 0 ? 0 : beta - minDiagonal;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const factor = choleskyLower(h, n, tau);
    if (factor !== null) return { factor, tau, attempts: attempt };
    tau = Math.max(2 * tau, beta);
  }
  throw new ValueError("choleskyWithShift", `expected a shift making the matrix positive definite within ${maxAttempts} attempts, got none (last tau ${tau}). Increase maxAttempts or beta.`);
}

// ---------------------------------------------------------------------------------------------
// Triangular solves

/**
 * Solves L x = b (or Lᵀ x = b with `transpose`) for lower-triangular L by substitution; only the
 * lower triangle of L is read. `b` is a vector or an n-row matrix.
 * @internal
 * @throws ValueError for a zero diagonal entry or mismatched sizes
 */
export function solveLowerTriangular(l: Float64Array, b: Float64Array, options: { transpose?: boolean; unitDiagonal?: boolean } = {}): Float64Array {
  return triangularSolve("solveLowerTriangular", l, b, true, options.transpose ?? false, options.unitDiagonal ?? false);
}

/**
 * Solves U x = b (or Uᵀ x = b with `transpose`) for upper-triangular U by substitution; only the
 * upper triangle of U is read.
 * @internal
 * @throws ValueError for a zero diagonal entry or mismatched sizes
 */
export function solveUpperTriangular(u: Float64Array, b: Float64Array, options: { transpose?: boolean; unitDiagonal?: boolean } = {}): Float64Array {
  return triangularSolve("solveUpperTriangular", u, b, false, options.transpose ?? false, options.unitDiagonal ?? false);
}

function triangularSolve(routine: string, t: Float64Array, b: Float64Array, lower: boolean, transpose: boolean, unitDiagonal: boolean): Float64Array {
  const n = squareSide(routine, t);
  const k = rhsColumns(routine, n, b);
  for (let i = 0; i < n; i++) {
    for (let j = lower ? 0 : i; j < (lower ? i + 1 : n); j++) {
      if (!Number.isFinite(t[i * n + j]!)) {
        throw new NonFiniteError(routine, `expected finite matrix entries, got ${t[i * n + j]} at row ${i}, column ${j}. Check the input for overflow or NaN.`);
      }
    }
  }
  requireFinite(routine, b, Math.max(k, 1), "right-hand side");
  if (!unitDiagonal) {
    for (let i = 0; i < n; i++) {
      if (t[i * n + i] === 0) {
        throw new ValueError(routine, `expected a nonsingular triangular matrix, got a zero diagonal entry at row ${i}. Check the factorization that produced it.`);
      }
    }
  }
  const x = Float64Array.from(b);
  // Solving with Tᵀ turns a lower matrix into an upper one: the effective entry (i, j) is t[j, i].
  const effectivelyLower = lower !== transpose;
  const at = transpose ? (i: number, j: number) => t[j * n + i]! : (i: number, j: number) => t[i * n + j]!;
  if (effectivelyLower) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const v = at(i, j);
        if (v !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= v * x[j * k + c]!;
      }
      if (!unitDiagonal) { const d = t[i * n + i]!; for (let c = 0; c < k; c++) x[i * k + c]! /= d; }
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      for (let j = i + 1; j < n; j++) {
        const v = at(i, j);
        if (v !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= v * x[j * k + c]!;
      }
      if (!unitDiagonal) { const d = t[i * n + i]!; for (let c = 0; c < k; c++) x[i * k + c]! /= d; }
    }
  }
  return x;
}

/**
 * Solves A x = b given the lower Cholesky factor L of A (L y = b, then Lᵀ x = y).
 * @internal
 */
export function choleskySolve(l: Float64Array, b: Float64Array): Float64Array {
  return solveLowerTriangular(l, solveLowerTriangular(l, b), { transpose: true });
}

// ---------------------------------------------------------------------------------------------
// Symmetric eigendecomposition

/** Eigenvalues ascending, and (when computed) eigenvectors as the columns of a row-major n*n matrix. */
export interface Eigen {
  readonly values: Float64Array;
  /** Column j (entries `vectors[i * n + j]`) is the unit eigenvector of `values[j]`. */
  readonly vectors: Float64Array;
}

/**
 * Eigenvalues (and eigenvectors) of the symmetric tridiagonal matrix with diagonal `alpha` and
 * off-diagonal `beta` (`beta.length === alpha.length - 1`, or `alpha.length` with the last
 * entry ignored), by the implicit QL algorithm with Wilkinson shifts (Golub & Van Loan §8.3;
 * Numerical Recipes §11.3). This is the small eigenproblem at the heart of Lanczos.
 * @param options.vectors - also compute eigenvectors (default true); otherwise `vectors` is empty
 * @internal
 * @throws NonFiniteError for non-finite entries; ValueError for mismatched lengths or no convergence
 */
export function tridiagonalEigen(alpha: Float64Array | readonly number[], beta: Float64Array | readonly number[], options: { vectors?: boolean } = {}): Eigen {
  const n = alpha.length;
  if (!(beta.length === n - 1 || beta.length === n) && !(n === 0 && beta.length === 0)) {
    throw new ValueError("tridiagonalEigen", `expected ${Math.max(n - 1, 0)} off-diagonal entries for ${n} diagonal entries, got ${beta.length}. Pass beta with one entry fewer than alpha.`);
  }
  const d = Float64Array.from(alpha);
  const e = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) e[i] = beta[i]!;
  requireFinite("tridiagonalEigen", d, Math.max(n, 1), "diagonal");
  requireFinite("tridiagonalEigen", e, Math.max(n, 1), "off-diagonal");
  const wantVectors = options.vectors ?? true;
  let z: Float64Array | null = null;
  if (wantVectors) {
    z = new Float64Array(n * n);
    for (let i = 0; i < n; i++) z[i * n + i] = 1;
  }
  tridiagonalQL(d, e, z, n);
  return sortEigen(d, z, n);
}

/**
 * Implicit QL with Wilkinson shifts on the tridiagonal (d, e), e[i] coupling rows i and i+1.
 * Overwrites d with eigenvalues; if `z` is given (row-major n*n, initially Q), its columns are
 * rotated along so that they end as Q times the tridiagonal eigenvectors.
 */
function tridiagonalQL(d: Float64Array, e: Float64Array, z: Float64Array | null, n: number): void {
  const maxIterations = 60;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      // Find the first negligible off-diagonal entry at or after l: the block l..m is unreduced.
      let m = l;
      while (m < n - 1) {
        const scale = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= EPS * scale) break;
        m++;
      }
      if (m === l) break;
      if (++iterations > maxIterations) {
        throw new ValueError("tridiagonalEigen", `expected convergence within ${maxIterations} QL iterations, got none for eigenvalue ${l}. The input may be badly scaled.`);
      }
      // Wilkinson shift from the leading 2x2 block, written to avoid cancellation.
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let deflated = false;
      // Chase the bulge from the bottom of the block up to row l with Givens rotations.
      for (let i = m - 1; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // An exact zero appeared: the block splits; undo the last shift and start over.
          d[i + 1]! -= p;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (z !== null) {
          for (let k = 0; k < n; k++) {
            const zi = z[k * n + i]!;
            const zi1 = z[k * n + i + 1]!;
            z[k * n + i + 1] = s * zi + c * zi1;
            z[k * n + i] = c * zi - s * zi1;
          }
        }
      }
      if (deflated) continue;
      d[l]! -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

function sortEigen(d: Float64Array, z: Float64Array | null, n: number): Eigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[i]! - d[j]!);
  const values = Float64Array.from(order, (i) => d[i]!);
  if (z === null) return { values, vectors: new Float64Array(0) };
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const from = order[j]!;
    // Fix each vector's sign (largest-magnitude entry positive) so results are reproducible.
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(z[i * n + from]!) > Math.abs(z[big * n + from]!)) big = i;
    const sign = z[big * n + from]! < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + j] = sign * z[i * n + from]!;
  }
  return { values, vectors };
}

/**
 * Eigendecomposition A = V diag(λ) Vᵀ of a symmetric matrix: Householder reduction to
 * tridiagonal form, then implicit QL (Golub & Van Loan §8.3). Eigenvalues ascending; the
 * eigenvectors (columns of V) are orthonormal, each with its largest-magnitude entry positive.
 * Reads only the lower triangle of A.
 * @param options.vectors - also compute eigenvectors (default true)
 * @internal
 * @throws NonFiniteError for non-finite entries; ValueError if `a` is not `n*n`
 */
export function symmetricEigen(a: Float64Array, options: { vectors?: boolean } = {}): Eigen {
  const n = squareSide("symmetricEigen", a);
  requireFinite("symmetricEigen", a, n);
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      t[i * n + j] = a[i * n + j]!;
      t[j * n + i] = a[i * n + j]!;
    }
  }
  const wantVectors = options.vectors ?? true;
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  // Householder: for column k, reflect rows k+1.. so that only entry k+1 stays below the diagonal.
  for (let k = 0; k + 2 < n; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm = Math.hypot(norm, t[i * n + k]!);
    if (norm === 0) continue;
    const x0 = t[(k + 1) * n + k]!;
    const alpha = x0 >= 0 ? -norm : norm; // opposite sign to x0 avoids cancellation in v
    v.fill(0);
    v[k + 1] = x0 - alpha;
    for (let i = k + 2; i < n; i++) v[i] = t[i * n + k]!;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i]! * v[i]!;
    const tau = 2 / vv;
    // H T H = T − v wᵀ − w vᵀ with p = tau T v, w = p − (tau/2)(vᵀp) v.
    for (let i = k; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += t[i * n + j]! * v[j]!;
      p[i] = tau * s;
    }
    let vp = 0;
    for (let i = k + 1; i < n; i++) vp += v[i]! * p[i]!;
    const half = (tau / 2) * vp;
    for (let i = k + 1; i < n; i++) p[i]! -= half * v[i]!;
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) t[i * n + j]! -= v[i]! * p[j]! + p[i]! * v[j]!;
    }
    t[(k + 1) * n + k] = alpha;
    t[k * n + k + 1] = alpha;
    for (let i = k + 2; i < n; i++) {
      t[i * n + k] = 0;
      t[k * n + i] = 0;
    }
    if (wantVectors) {
      // Q ← Q H: each row of Q loses tau (row · v) v.
      for (let r = 0; r < n; r++) {
        let s = 0;
        for (let j = k + 1; j < n; j++) s += q[r * n + j]! * v[j]!;
        s *= tau;
        if (s !== 0) for (let j = k + 1; j < n; j++) q[r * n + j]! -= s * v[j]!;
      }
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = t[i * n + i]!;
  for (let i = 0; i + 1 < n; i++) e[i] = t[(i + 1) * n + i]!;
  tridiagonalQL(d, e, wantVectors ? q : null, n);
  return sortEigen(d, wantVectors ? q : null, n);
}

// ---------------------------------------------------------------------------------------------
// Least squares

/** Result of `lstsq`. */
export interface LeastSquares {
  /** `cols` rows, with the layout of `b` (a vector if `b` is one). */
  readonly solution: Float64Array;
  /** Numerical rank of A: diagonal entries of R above `rcond · |R_00|`. */
  readonly rank: number;
  /** ‖A x − b‖² for each column of b. */
  readonly residuals: Float64Array;
}

/**
 * Least-squares solution of A x ≈ b for A with `rows` rows and `cols` columns, by Householder
 * QR with column pivoting (Golub & Van Loan §5.4). Full column rank gives the unique minimizer
 * of ‖A x − b‖; otherwise (rank deficient or `rows < cols`) the minimizer of smallest norm,
 * from a complete orthogonal decomposition (a second QR of the leading rows of R).
 * @param options.rcond - relative threshold on R's diagonal for the rank, default max(rows, cols)·ε
 * @internal
 * @throws ValueError for mismatched sizes; NonFiniteError for non-finite entries
 */
export function lstsq(a: Float64Array, rows: number, cols: number, b: Float64Array, options: { rcond?: number } = {}): LeastSquares {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || a.length !== rows * cols) {
    throw new ValueError("lstsq", `expected a matrix of ${rows}x${cols} = ${rows * cols} values, got ${a.length}. Pass rows and cols that match the data.`);
  }
  requireFinite("lstsq", a, Math.max(cols, 1));
  // With no rows, b is empty and cannot tell its column count: treat it as a vector.
  const k = rows === 0 ? 1 : rhsColumns("lstsq", rows, b);
  requireFinite("lstsq", b, Math.max(k, 1), "right-hand side");
  const rcond = options.rcond ?? Math.max(rows, cols) * EPS;
  const r = Float64Array.from(a);
  const c = Float64Array.from(b);
  const permutation = Int32Array.from({ length: cols }, (_, i) => i);
  const steps = Math.min(rows, cols);
  const columnNorms = new Float64Array(cols);
  const reflector = new Float64Array(rows);
  let rank = 0;
  let firstDiagonal = 0;
  for (let j = 0; j < steps; j++) {
    // Pivot: bring the remaining column of largest norm (rows j..) to position j.
    let best = j;
    for (let col = j; col < cols; col++) {
      let s = 0;
      for (let i = j; i < rows; i++) s += r[i * cols + col]! ** 2;
      columnNorms[col] = s;
      if (s > columnNorms[best]!) best = col;
    }
    if (best !== j) {
      for (let i = 0; i < rows; i++) {
        const t = r[i * cols + j]!;
        r[i * cols + j] = r[i * cols + best]!;
        r[i * cols + best] = t;
      }
      const t = permutation[j]!;
      permutation[j] = permutation[best]!;
      permutation[best] = t;
    }
    const norm = Math.sqrt(columnNorms[best]!);
    if (j === 0) firstDiagonal = norm;
    if (norm <= rcond * firstDiagonal || norm === 0) break;
    rank++;
    const x0 = r[j * cols + j]!;
    const alpha = x0 >= 0 ? -norm : norm;
    reflector.fill(0);
    reflector[j] = x0 - alpha;
    for (let i = j + 1; i < rows; i++) reflector[i] = r[i * cols + j]!;
    let vv = 0;
    for (let i = j; i < rows; i++) vv += reflector[i]! ** 2;
    if (vv === 0) continue;
    const tau = 2 / vv;
    applyReflector(r, rows, cols, reflector, tau, j, j + 1);
    r[j * cols + j] = alpha;
    for (let i = j + 1; i < rows; i++) r[i * cols + j] = 0;
    applyReflector(c, rows, k, reflector, tau, j, 0);
  }
  // Solve R[:rank, :] y = c[:rank] (y in pivoted order), then x = P y.
  const y = new Float64Array(cols * k);
  if (rank === cols) {
    for (let i = rank - 1; i >= 0; i--) {
      for (let col = 0; col < k; col++) {
        let s = c[i * k + col]!;
        for (let j = i + 1; j < cols; j++) s -= r[i * cols + j]! * y[j * k + col]!;
        y[i * k + col] = s / r[i * cols + i]!;
      }
    }
  } else if (rank > 0) {
    minimumNormTrapezoidal(r, cols, rank, c, k, y);
  }
  const solution = new Float64Array(cols * k);
  for (let j = 0; j < cols; j++) solution.set(y.subarray(j * k, j * k + k), permutation[j]! * k);
  const residuals = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    for (let col = 0; col < k; col++) {
      let s = -b[i * k + col]!;
      for (let j = 0; j < cols; j++) s += a[i * cols + j]! * solution[j * k + col]!;
      residuals[col]! += s * s;
    }
  }
  return { solution, rank, residuals };
}

/** m ← (I − tau v vᵀ) m on rows `from..` of the columns `firstColumn..` of a rows×cols matrix. */
function applyReflector(m: Float64Array, rows: number, cols: number, v: Float64Array, tau: number, from: number, firstColumn: number): void {
  for (let col = firstColumn; col < cols; col++) {
    let s = 0;
    for (let i = from; i < rows; i++) s += v[i]! * m[i * cols + col]!;
    s *= tau;
    if (s !== 0) for (let i = from; i < rows; i++) m[i * cols + col]! -= s * v[i]!;
  }
}

/**
 * Smallest-norm y with T y = c[:rank], T the leading `rank` rows of the upper-trapezoidal r
 * (rank × cols, full row rank). Factor Tᵀ = Z [S; 0] by Householder QR; then T = [Sᵀ 0] Zᵀ,
 * so y = Z [Sᵀ⁻¹ c; 0] is orthogonal to T's null space and hence of smallest norm.
 */
function minimumNormTrapezoidal(r: Float64Array, cols: number, rank: number, c: Float64Array, k: number, y: Float64Array): void {
  // tt = Tᵀ, cols × rank.
  const tt = new Float64Array(cols * rank);
  for (let i = 0; i < rank; i++) for (let j = i; j < cols; j++) tt[j * rank + i] = r[i * cols + j]!;
  const reflectors: { v: Float64Array; tau: number }[] = [];
  for (let j = 0; j < rank; j++) {
    let norm = 0;
    for (let i = j; i < cols; i++) norm = Math.hypot(norm, tt[i * rank + j]!);
    const x0 = tt[j * rank + j]!;
    const alpha = x0 >= 0 ? -norm : norm;
    const v = new Float64Array(cols);
    v[j] = x0 - alpha;
    for (let i = j + 1; i < cols; i++) v[i] = tt[i * rank + j]!;
    let vv = 0;
    for (let i = j; i < cols; i++) vv += v[i]! ** 2;
    const tau = vv === 0 ? 0 : 2 / vv;
    applyReflector(tt, cols, rank, v, tau, j, j + 1);
    tt[j * rank + j] = alpha;
    for (let i = j + 1; i < cols; i++) tt[i * rank + j] = 0;
    reflectors.push({ v, tau });
  }
  // Sᵀ w = c[:rank] by forward substitution (S is the leading rank×rank block of tt, upper).
  y.fill(0);
  for (let i = 0; i < rank; i++) {
    for (let col = 0; col < k; col++) {
      let s = c[i * k + col]!;
      for (let j = 0; j < i; j++) s -= tt[j * rank + i]! * y[j * k + col]!;
      y[i * k + col] = s / tt[i * rank + i]!;
    }
  }
  // y = Z w = H_0 H_1 … H_{rank-1} w: apply the reflectors in reverse order.
  for (let j = rank - 1; j >= 0; j--) applyReflector(y, cols, k, reflectors[j]!.v, reflectors[j]!.tau, j, 0);
}
