import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NonFiniteError, ValueError } from "../../src/errors.js";
import {
  cholesky,
  choleskySolve,
  choleskyWithShift,
  inverse,
  luDeterminant,
  luFactor,
  luLogDeterminant,
  luSolve,
  luSolveMatrix,
  lstsq,
  solveLowerTriangular,
  solveUpperTriangular,
  symmetricEigen,
  tridiagonalEigen,
  tryCholesky,
} from "../../src/linalg/dense.js";

const F = (values: number[]) => Float64Array.from(values);

function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) out[i * n + j]! += a[i * k + p]! * b[p * n + j]!;
  return out;
}

function transpose(a: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = a[i * n + j]!;
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!), `entry ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance * (1 + Math.abs(expected[i]!)));
  }
}

/** A seeded pseudo-random matrix with entries in [-1, 1). */
function randomMatrix(seed: number, m: number, n: number): Float64Array {
  let state = seed >>> 0 || 1;
  return Float64Array.from({ length: m * n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

/** A Aᵀ + n I: symmetric positive definite and well conditioned. */
function spd(seed: number, n: number): Float64Array {
  const a = randomMatrix(seed, n, n);
  const s = matmul(a, transpose(a, n, n), n, n, n);
  for (let i = 0; i < n; i++) s[i * n + i]! += n;
  return s;
}

function symmetric(seed: number, n: number): Float64Array {
  const a = randomMatrix(seed, n, n);
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = a[i * n + j]! + a[j * n + i]!;
  return s;
}

describe("LU", () => {
  it("reconstructs P A = L U", () => {
    const n = 4;
    const a = randomMatrix(3, n, n);
    const { lu, pivots } = luFactor(a);
    const l = new Float64Array(n * n);
    const u = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (j < i) l[i * n + j] = lu[i * n + j]!;
        else u[i * n + j] = lu[i * n + j]!;
      }
      l[i * n + i] = 1;
    }
    const pa = new Float64Array(n * n);
    for (let i = 0; i < n; i++) pa.set(a.subarray(pivots[i]! * n, pivots[i]! * n + n), i * n);
    expectClose(matmul(l, u, n, n, n), pa, 1e-12);
  });

  it("solves vector and matrix right-hand sides", () => {
    const a = F([2, 1, 1, 3]);
    expectClose(luSolveMatrix(a, F([3, 5])), [0.8, 1.4]);
    expectClose(luSolveMatrix(a, F([3, 1, 5, 0])), [0.8, 0.6, 1.4, -0.2]);
  });

  it("needs a row swap for a zero leading entry", () => {
    expectClose(luSolveMatrix(F([0, 1, 1, 0]), F([2, 3])), [3, 2]);
  });

  it("gives determinants, including 0 for a singular matrix, and their logarithms", () => {
    expect(luDeterminant(luFactor(F([1, 2, 3, 4])))).toBeCloseTo(-2, 14);
    expect(luDeterminant(luFactor(F([1, 2, 2, 4])))).toBe(0);
    expect(luDeterminant(luFactor(F([])))).toBe(1);
    const { sign, logAbsDet } = luLogDeterminant(luFactor(F([1, 2, 3, 4])));
    expect(sign).toBe(-1);
    expect(logAbsDet).toBeCloseTo(Math.log(2), 14);
    expect(luLogDeterminant(luFactor(F([1, 2, 2, 4])))).toEqual({ sign: 0, logAbsDet: -Infinity });
  });

  it("inverts", () => {
    expectClose(inverse(F([4, 7, 2, 6])), [0.6, -0.7, -0.2, 0.4]);
  });

  it("refuses a singular matrix, also when rounding leaves a tiny pivot", () => {
    expect(() => luSolveMatrix(F([1, 2, 2, 4]), F([1, 1]))).toThrow(
      new ValueError("luSolve", "expected a nonsingular matrix, got a 2x2 matrix that is singular to working precision. Regularize it (add a multiple of the identity) or use lstsq."),
    );
    expect(() => luSolveMatrix(F([1, 2, 3, 4, 5, 6, 7, 8, 9]), F([1, 1, 1]))).toThrow(ValueError);
  });

  it("solves badly scaled but regular matrices", () => {
    expectClose(luSolveMatrix(F([1e-20, 0, 0, 1]), F([1e-20, 2])), [1, 2]);
    expectClose(luSolveMatrix(F([1e-20, 1e-20, 1, 2]), F([2e-20, 3])), [1, 1]);
  });

  it("names non-finite entries and bad sizes", () => {
    expect(() => luFactor(F([1, NaN, 0, 1]))).toThrow(
      new NonFiniteError("luFactor", "expected finite matrix entries, got NaN at row 0, column 1. Check the input for overflow or NaN."),
    );
    expect(() => luFactor(F([1, 2, 3]))).toThrow(
      new ValueError("luFactor", "expected a square matrix stored row-major as n*n values, got 3 values. Pass a Float64Array of length n*n."),
    );
    expect(() => luSolveMatrix(F([1, 0, 0, 1]), F([1, 2, 3]))).toThrow(
      new ValueError("luSolve", "expected a right-hand side with 2 rows (length a multiple of 2), got 3 values. Pass a vector of length 2 or an 2-row matrix."),
    );
  });

  it("solve(A, A x) recovers x for well-conditioned random A", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
        const a = randomMatrix(seed, n, n);
        for (let i = 0; i < n; i++) a[i * n + i]! += n; // diagonally dominant
        const x = randomMatrix(seed + 1, n, 2);
        expectClose(luSolveMatrix(a, matmul(a, x, n, n, 2)), x, 1e-10);
      }),
    );
  });
});

describe("Cholesky", () => {
  it("reconstructs A = L Lᵀ with L lower triangular", () => {
    const n = 5;
    const a = spd(7, n);
    const l = cholesky(a);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
    expectClose(matmul(l, transpose(l, n, n), n, n, n), a, 1e-12);
  });

  it("knows a textbook factor", () => {
    expectClose(cholesky(F([4, 12, -16, 12, 37, -43, -16, -43, 98])), [2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it("reads only the lower triangle", () => {
    expectClose(cholesky(F([4, 999, 2, 5])), cholesky(F([4, 2, 2, 5])));
  });

  it("returns null from tryCholesky and throws from cholesky for an indefinite matrix", () => {
    expect(tryCholesky(F([1, 2, 2, 1]))).toBeNull();
    expect(tryCholesky(F([0, 0, 0, 0]))).toBeNull();
    expect(() => cholesky(F([1, 2, 2, 1]))).toThrow(
      new ValueError("cholesky", "expected a symmetric positive definite matrix, got a 2x2 matrix that is not positive definite. Add a multiple of the identity to make it positive definite."),
    );
    expect(() => tryCholesky(F([1, Infinity, Infinity, 1]))).toThrow(NonFiniteError);
  });

  it("solves from the factor", () => {
    const a = spd(11, 4);
    const x = randomMatrix(12, 4, 1);
    expectClose(choleskySolve(cholesky(a), matmul(a, x, 4, 4, 1)), x, 1e-11);
  });

  it("handles 0x0 and 1x1", () => {
    expect(cholesky(F([]))).toEqual(F([]));
    expectClose(cholesky(F([9])), [3]);
  });
});

describe("choleskyWithShift", () => {
  it("takes tau = 0 for a positive definite matrix", () => {
    const a = spd(5, 3);
    const { factor, tau, attempts } = choleskyWithShift(a);
    expect(tau).toBe(0);
    expect(attempts).toBe(1);
    expectClose(factor, cholesky(a));
  });

  it("follows Algorithm 3.3's schedule for an indefinite matrix", () => {
    // diag(1, -2): first try tau = beta + 2 = 2.001, which already works.
    const h = F([1, 0, 0, -2]);
    const { factor, tau, attempts } = choleskyWithShift(h);
    expect(tau).toBeCloseTo(2.001, 15);
    expect(attempts).toBe(1);
    expectClose(factor, [Math.sqrt(3.001), 0, 0, Math.sqrt(0.001)]);
  });

  it("doubles tau until the shifted matrix factors", () => {
    // Positive diagonal but eigenvalues -1 and 3: tau goes 0, beta, 2 beta, ... past 1.
    const h = F([1, 2, 2, 1]);
    const beta = 0.1;
    const { factor, tau, attempts } = choleskyWithShift(h, { beta });
    expect(tau).toBeCloseTo(1.6, 12); // 0 → 0.1 → 0.2 → 0.4 → 0.8 → 1.6
    expect(attempts).toBe(6);
    const shifted = F([1 + tau, 2, 2, 1 + tau]);
    expectClose(matmul(factor, transpose(factor, 2, 2), 2, 2, 2), shifted, 1e-12);
  });

  it("gives up with a typed error after maxAttempts", () => {
    expect(() => choleskyWithShift(F([1, 2, 2, 1]), { beta: 1e-3, maxAttempts: 3 })).toThrow(
      new ValueError("choleskyWithShift", "expected a shift making the matrix positive definite within 3 attempts, got none (last tau 0.004). Increase maxAttempts or beta."),
    );
  });
});

describe("triangular solves", () => {
  const l = F([2, 0, 0, 1, 3, 0, 4, 5, 6]);
  const x = F([1, -2, 3]);
  it("solve L x = b and Lᵀ x = b", () => {
    expectClose(solveLowerTriangular(l, matmul(l, x, 3, 3, 1)), x);
    expectClose(solveLowerTriangular(l, matmul(transpose(l, 3, 3), x, 3, 3, 1), { transpose: true }), x);
  });
  it("solve U x = b, Uᵀ x = b, and unit-diagonal systems", () => {
    const u = transpose(l, 3, 3);
    expectClose(solveUpperTriangular(u, matmul(u, x, 3, 3, 1)), x);
    expectClose(solveUpperTriangular(u, matmul(l, x, 3, 3, 1), { transpose: true }), x);
    const unit = F([1, 0, 0, 1, 1, 0, 4, 5, 1]);
    expectClose(solveLowerTriangular(F([9, 0, 0, 1, 9, 0, 4, 5, 9]), matmul(unit, x, 3, 3, 1), { unitDiagonal: true }), x);
  });
  it("refuses a zero diagonal", () => {
    expect(() => solveLowerTriangular(F([1, 0, 1, 0]), F([1, 1]))).toThrow(
      new ValueError("solveLowerTriangular", "expected a nonsingular triangular matrix, got a zero diagonal entry at row 1. Check the factorization that produced it."),
    );
  });
});

describe("symmetricEigen", () => {
  it("reconstructs A = V diag(λ) Vᵀ with orthonormal V and ascending λ", () => {
    for (const n of [1, 2, 3, 6, 10]) {
      const a = symmetric(n * 13, n);
      const { values, vectors } = symmetricEigen(a);
      for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
      const vd = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vd[i * n + j] = vectors[i * n + j]! * values[j]!;
      expectClose(matmul(vd, transpose(vectors, n, n), n, n, n), a, 1e-12);
      const identity = new Float64Array(n * n);
      for (let i = 0; i < n; i++) identity[i * n + i] = 1;
      expectClose(matmul(transpose(vectors, n, n), vectors, n, n, n), identity, 1e-12);
    }
  });

  it("knows a known spectrum", () => {
    // The second-difference matrix tridiag(-1, 2, -1) of size n has eigenvalues 2 − 2 cos(kπ/(n+1)).
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    expectClose(symmetricEigen(a).values, expected, 1e-13);
    expectClose(tridiagonalEigen(new Array(n).fill(2), new Array(n - 1).fill(-1), { vectors: false }).values, expected, 1e-13);
  });

  it("handles repeated eigenvalues and diagonal input", () => {
    const { values, vectors } = symmetricEigen(F([3, 0, 0, 0, 1, 0, 0, 0, 3]));
    expectClose(values, [1, 3, 3]);
    expectClose(matmul(transpose(vectors, 3, 3), vectors, 3, 3, 3), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it("handles 0x0", () => {
    expect(symmetricEigen(F([]))).toEqual({ values: F([]), vectors: F([]) });
  });

  it("names non-finite entries", () => {
    expect(() => symmetricEigen(F([1, 0, NaN, 1]))).toThrow(
      new NonFiniteError("symmetricEigen", "expected finite matrix entries, got NaN at row 1, column 0. Check the input for overflow or NaN."),
    );
  });
});

describe("tridiagonalEigen", () => {
  it("gives eigenvectors of the tridiagonal matrix", () => {
    const alpha = [4, 1, -2, 3, 0.5];
    const beta = [1, 0.5, 2, -1];
    const n = alpha.length;
    const t = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      t[i * n + i] = alpha[i]!;
      if (i + 1 < n) t[i * n + i + 1] = t[(i + 1) * n + i] = beta[i]!;
    }
    const { values, vectors } = tridiagonalEigen(alpha, beta);
    const tv = matmul(t, vectors, n, n, n);
    const vd = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vd[i * n + j] = vectors[i * n + j]! * values[j]!;
    expectClose(tv, vd, 1e-12);
    expectClose(values, symmetricEigen(t).values, 1e-12);
  });

  it("refuses mismatched lengths", () => {
    expect(() => tridiagonalEigen([1, 2, 3], [1])).toThrow(
      new ValueError("tridiagonalEigen", "expected 2 off-diagonal entries for 3 diagonal entries, got 1. Pass beta with one entry fewer than alpha."),
    );
  });
});

describe("lstsq", () => {
  it("fits an overdetermined system and reports residuals", () => {
    // Fit y = c0 + c1 t through (0, 1), (1, 2), (2, 2): normal equations give c = (7/6, 1/2).
    const a = F([1, 0, 1, 1, 1, 2]);
    const { solution, rank, residuals } = lstsq(a, 3, 2, F([1, 2, 2]));
    expect(rank).toBe(2);
    expectClose(solution, [7 / 6, 0.5]);
    expectClose(residuals, [1 / 6]);
  });

  it("equals the normal-equations solution for random full-rank problems", () => {
    const m = 7;
    const n = 3;
    const a = randomMatrix(21, m, n);
    const b = randomMatrix(22, m, 2);
    const ata = matmul(transpose(a, m, n), a, n, m, n);
    const atb = matmul(transpose(a, m, n), b, n, m, 2);
    expectClose(lstsq(a, m, n, b).solution, luSolveMatrix(ata, atb), 1e-10);
  });

  it("gives the minimum-norm solution of an underdetermined system", () => {
    // x1 + x2 = 2: the smallest solution is (1, 1).
    const { solution, rank } = lstsq(F([1, 1]), 1, 2, F([2]));
    expect(rank).toBe(1);
    expectClose(solution, [1, 1]);
  });

  it("gives the minimum-norm solution of a rank-deficient system (the pseudo-inverse)", () => {
    // Columns 2 and 3 equal: A = [[1, 1, 1], [0, 1, 1], [1, 0, 0]] has rank 2.
    const a = F([1, 1, 1, 0, 1, 1, 1, 0, 0]);
    const b = F([3, 2, 1]);
    const { solution, rank, residuals } = lstsq(a, 3, 3, b);
    expect(rank).toBe(2);
    expectClose(solution, [1, 1, 1], 1e-12);
    expectClose(residuals, [0], 1e-12);
  });

  it("returns zeros for a zero matrix", () => {
    expect(lstsq(F([0, 0, 0, 0]), 2, 2, F([1, 1]))).toEqual({ solution: F([0, 0]), rank: 0, residuals: F([2]) });
  });

  it("refuses data that does not match rows and cols", () => {
    expect(() => lstsq(F([1, 2, 3]), 2, 2, F([1, 1]))).toThrow(
      new ValueError("lstsq", "expected a matrix of 2x2 = 4 values, got 3. Pass rows and cols that match the data."),
    );
  });
});
