import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  NonFiniteError,
  ShapeError,
  ValueError,
  checkGrads,
  cholesky,
  det,
  eigh,
  eye,
  grad,
  hessian,
  inv,
  jvp,
  lstsq,
  matmul,
  matrixTranspose,
  slogdet,
  solve,
  stack,
  tensor,
  triangularSolve,
  vmap,
  zeros,
  type DType,
  type Tensor,
} from "../../src/index.js";
import { expectClose, seedArb, valuesIn } from "../support.js";

const f64 = { dtype: "float64" } as const;

/** A diagonally dominant (hence well-conditioned) random matrix, [..., n, n]. */
function wellConditioned(shape: number[], seed: number, dtype: DType = "float64"): Tensor {
  const n = shape[shape.length - 1]!;
  return valuesIn(shape, seed, -1, 1).add(eye(n, n, f64).mul(n + 1)).astype(dtype);
}

/** M Mᵀ + n I: symmetric positive definite. */
function spd(shape: number[], seed: number, dtype: DType = "float64"): Tensor {
  const n = shape[shape.length - 1]!;
  const m = valuesIn(shape, seed, -1, 1);
  return matmul(m, matrixTranspose(m)).add(eye(n, n, f64).mul(n)).astype(dtype);
}

function symmetric(shape: number[], seed: number): Tensor {
  const m = valuesIn(shape, seed, -1, 1);
  return m.add(matrixTranspose(m));
}

/** Close within a tolerance fitting the dtype. */
function expectNear(actual: Tensor, expected: Tensor, dtype: DType = "float64"): void {
  expectClose(actual, expected.astype(actual.dtype), dtype === "float32" ? 2e-5 : 1e-11);
}

describe("solve", () => {
  for (const dtype of ["float64", "float32"] as const) {
    it(`solves a batch of systems in ${dtype}, with matrix and vector right-hand sides`, () => {
      const a = wellConditioned([2, 3, 4, 4], 1, dtype);
      const x = valuesIn([2, 3, 4, 2], 2, -1, 1).astype(dtype);
      const solved = solve(a, matmul(a, x));
      expect(solved.dtype).toBe(dtype);
      expectNear(solved, x, dtype);
      // A 1-d b is a vector (NumPy 2's rule), shared by the whole batch.
      const v = valuesIn([4], 3, -1, 1).astype(dtype);
      const single = wellConditioned([4, 4], 6, dtype);
      expectNear(solve(single, matmul(single, v)), v, dtype);
      const shared = solve(a, v);
      expect(shared.shape).toEqual([2, 3, 4]);
      expectNear(matmul(a, shared.reshape([2, 3, 4, 1])), stack(Array(6).fill(v.reshape([4, 1]))).reshape([2, 3, 4, 1]), dtype);
    });
  }

  it("broadcasts batch axes between a and b", () => {
    const a = wellConditioned([3, 3], 4);
    const b = valuesIn([5, 3, 2], 5, -1, 1);
    const x = solve(a, b);
    expect(x.shape).toEqual([5, 3, 2]);
    expectNear(matmul(a, x), b);
  });

  it("computes integer systems in float64", () => {
    const x = solve(tensor([[2, 1], [1, 3]]).astype("int32"), tensor([3, 5]).astype("int32"));
    expect(x.dtype).toBe("float64");
    expectNear(x, tensor([0.8, 1.4], f64));
  });

  it("handles 1x1 and 0-size systems", () => {
    expectNear(solve(tensor([[4]], f64), tensor([2], f64)), tensor([0.5], f64));
    expect(solve(zeros([0, 0], f64), zeros([0], f64)).shape).toEqual([0]);
    expect(solve(zeros([0, 2, 2], f64), zeros([0, 2, 3], f64)).shape).toEqual([0, 2, 3]);
    expect(solve(eye(2, 2, f64), zeros([2, 0], f64)).shape).toEqual([2, 0]);
  });

  it("recovers x from solve(a, a x) for well-conditioned random a", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), seedArb, (n, seed) => {
        const a = wellConditioned([n, n], seed);
        const x = valuesIn([n], seed + 1, -3, 3);
        expectClose(solve(a, matmul(a, x)), x, 1e-10);
      }),
      { numRuns: 30 },
    );
  });

  it("names a singular matrix, non-finite entries, and bad shapes", () => {
    expect(() => solve(tensor([[1, 2], [2, 4]], f64), tensor([1, 1], f64))).toThrow(
      new ValueError("solve", "expected a nonsingular matrix, got a 2x2 matrix that is singular to working precision. Regularize it (add a multiple of the identity) or use lstsq."),
    );
    expect(() => solve(stack([eye(2, 2, f64), tensor([[1, 2], [2, 4]], f64)]), tensor([1, 1], f64))).toThrow(
      new ValueError("solve", "expected a nonsingular matrix, got a 2x2 matrix that is singular to working precision (matrix 1 of the batch). Regularize it (add a multiple of the identity) or use lstsq."),
    );
    expect(() => solve(tensor([[1, NaN], [0, 1]], f64), tensor([1, 1], f64))).toThrow(
      new NonFiniteError("solve", "expected finite matrix entries, got NaN at row 0, column 1. Check the input for overflow or NaN."),
    );
    expect(() => solve(eye(2, 2, f64), tensor([1, Infinity], f64))).toThrow(
      new NonFiniteError("solve", "expected finite right-hand side entries, got Infinity at row 1, column 0. Check the input for overflow or NaN."),
    );
    expect(() => solve(zeros([2, 3]), zeros([2]))).toThrow(
      new ShapeError("solve", "expected a square matrix in the last two axes, got shape [2, 3]. Use lstsq for rectangular systems."),
    );
    expect(() => solve(zeros([3]), zeros([3]))).toThrow(
      new ShapeError("solve", "expected a matrix (at least 2 axes), got shape [3]. Reshape a vector to [n, 1] or [1, n]."),
    );
    expect(() => solve(eye(2), zeros([3]))).toThrow(
      new ShapeError("solve", "expected b with 2 rows to match a, got shapes [2, 2] and [3] (2 vs 3). Pass b of shape [..., 2] (1-d) or [..., 2, k]."),
    );
    expect(() => solve(eye(2), tensor(1))).toThrow(
      new ShapeError("solve", "expected b to be a vector or a matrix, got shape []. Pass b of shape [2] or [2, k]."),
    );
    expect(() => solve(zeros([2, 2, 2]), zeros([3, 2, 1]))).toThrow(ShapeError);
  });
});

describe("triangularSolve", () => {
  const l = tensor([[2, 0, 0], [1, 3, 0], [4, 5, 6]], f64);
  const x = tensor([[1], [-2], [3]], f64);
  it("solves lower, upper and transposed systems, reading only the named triangle", () => {
    expectNear(triangularSolve(l, matmul(l, x)), x);
    expectNear(triangularSolve(l, matmul(matrixTranspose(l), x), { transpose: true }), x);
    const u = matrixTranspose(l);
    expectNear(triangularSolve(u, matmul(u, x), { lower: false }), x);
    const garbageAbove = l.add(tensor([[0, 9, 9], [0, 0, 9], [0, 0, 0]], f64));
    expectNear(triangularSolve(garbageAbove, matmul(l, x)), x);
  });
  it("refuses a zero on the diagonal", () => {
    expect(() => triangularSolve(tensor([[1, 0], [1, 0]], f64), tensor([1, 1], f64))).toThrow(
      new ValueError("triangularSolve", "expected a nonsingular triangular matrix, got a zero diagonal entry at row 1. Check the factorization that produced it."),
    );
  });
});

describe("cholesky", () => {
  for (const dtype of ["float64", "float32"] as const) {
    it(`reconstructs a = l lᵀ for a batch in ${dtype}, with l lower triangular`, () => {
      const a = spd([3, 4, 4], 7, dtype);
      const l = cholesky(a);
      expect(l.dtype).toBe(dtype);
      expectNear(matmul(l, matrixTranspose(l)), a, dtype);
      const upper = l.mul(tensor([[0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 0, 1], [0, 0, 0, 0]]).astype(dtype));
      expect(Array.from(upper.data()).every((v) => v === 0)).toBe(true);
    });
  }

  it("knows a textbook factor, and 1x1 and 0x0 matrices", () => {
    expectNear(cholesky(tensor([[4, 12, -16], [12, 37, -43], [-16, -43, 98]], f64)), tensor([[2, 0, 0], [6, 1, 0], [-8, 5, 3]], f64));
    expectNear(cholesky(tensor([[9]], f64)), tensor([[3]], f64));
    expect(cholesky(zeros([2, 0, 0], f64)).shape).toEqual([2, 0, 0]);
  });

  it("refuses a matrix that is not positive definite", () => {
    expect(() => cholesky(tensor([[1, 2], [2, 1]], f64))).toThrow(
      new ValueError("cholesky", "expected a symmetric positive definite matrix, got a 2x2 matrix that is not positive definite. Add a multiple of the identity to make it positive definite."),
    );
    expect(() => cholesky(zeros([2, 3]))).toThrow(
      new ShapeError("cholesky", "expected a square matrix in the last two axes, got shape [2, 3]. Use lstsq for rectangular systems."),
    );
    expect(() => cholesky(tensor([[1, 0], [Infinity, 1]], f64))).toThrow(
      new NonFiniteError("cholesky", "expected finite matrix entries, got Infinity at row 1, column 0. Check the input for overflow or NaN."),
    );
  });
});

describe("eigh", () => {
  for (const dtype of ["float64", "float32"] as const) {
    it(`reconstructs a = V diag(λ) Vᵀ for a batch in ${dtype}, with orthonormal V and ascending λ`, () => {
      const a = symmetric([2, 5, 5], 9).astype(dtype);
      const { values, vectors } = eigh(a);
      expect(values.shape).toEqual([2, 5]);
      expect(vectors.shape).toEqual([2, 5, 5]);
      const v = values.toArray() as number[][];
      for (const row of v) for (let i = 1; i < row.length; i++) expect(row[i]).toBeGreaterThanOrEqual(row[i - 1]!);
      const rebuilt = matmul(vectors.mul(values.reshape([2, 1, 5])), matrixTranspose(vectors));
      expectNear(rebuilt, a, dtype);
      expectNear(matmul(matrixTranspose(vectors), vectors), stack([eye(5, 5, f64), eye(5, 5, f64)]), dtype);
    });
  }

  it("knows the spectrum of the second-difference matrix", () => {
    const n = 6;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0)));
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    expectClose(eigh(tensor(rows, f64)).values, tensor(expected, f64), 1e-13);
  });

  it("handles 1x1 and 0x0 matrices", () => {
    const one = eigh(tensor([[5]], f64));
    expectNear(one.values, tensor([5], f64));
    expectNear(one.vectors, tensor([[1]], f64));
    const empty = eigh(zeros([0, 0], f64));
    expect(empty.values.shape).toEqual([0]);
    expect(empty.vectors.shape).toEqual([0, 0]);
  });

  it("gives NaN eigenvector tangents at a repeated eigenvalue, and finite eigenvalue tangents", () => {
    const [, valueTangent] = jvp((x: Tensor) => eigh(x).values, [eye(2, 2, f64)], [eye(2, 2, f64)]) as [Tensor, Tensor];
    expectNear(valueTangent, tensor([1, 1], f64));
    const [, vectorTangent] = jvp((x: Tensor) => eigh(x).vectors, [eye(2, 2, f64)], [eye(2, 2, f64)]) as [Tensor, Tensor];
    expect(Array.from(vectorTangent.data()).some(Number.isNaN)).toBe(true);
  });

  it("reconstructs random symmetric matrices of many sizes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), seedArb, (n, seed) => {
        const a = symmetric([n, n], seed);
        const { values, vectors } = eigh(a);
        expectClose(matmul(vectors.mul(values), matrixTranspose(vectors)), a, 1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it("names non-finite entries", () => {
    expect(() => eigh(tensor([[1, 0], [NaN, 1]], f64))).toThrow(
      new NonFiniteError("eigh", "expected finite matrix entries, got NaN at row 1, column 0. Check the input for overflow or NaN."),
    );
  });
});

describe("lstsq", () => {
  it("matches the normal equations for a batch of tall full-rank problems", () => {
    const a = valuesIn([3, 6, 3], 11, -1, 1);
    const b = valuesIn([3, 6, 2], 12, -1, 1);
    const at = matrixTranspose(a);
    expectClose(lstsq(a, b), solve(matmul(at, a), matmul(at, b)), 1e-9);
  });

  it("gives the minimum-norm solution of wide and rank-deficient systems", () => {
    expectNear(lstsq(tensor([[1, 1]], f64), tensor([2], f64)), tensor([1, 1], f64));
    expectNear(lstsq(tensor([[1, 1, 1], [0, 1, 1], [1, 0, 0]], f64), tensor([3, 2, 1], f64)), tensor([1, 1, 1], f64));
  });

  it("works in float32 and with empty axes", () => {
    const x = lstsq(tensor([[1, 0], [1, 1], [1, 2]]), tensor([1, 2, 2]));
    expect(x.dtype).toBe("float32");
    expectNear(x, tensor([7 / 6, 0.5], f64), "float32");
    expect(lstsq(zeros([0, 2], f64), zeros([0], f64)).toArray()).toEqual([0, 0]);
    expect(lstsq(zeros([3, 0], f64), zeros([3, 2], f64)).shape).toEqual([0, 2]);
  });

  it("refuses mismatched rows", () => {
    expect(() => lstsq(zeros([3, 2]), zeros([2]))).toThrow(
      new ShapeError("lstsq", "expected b with 3 rows to match a, got shapes [3, 2] and [2] (3 vs 2). Pass b of shape [..., 3] (1-d) or [..., 3, k]."),
    );
  });
});

describe("inv, det and slogdet", () => {
  it("invert a batch", () => {
    const a = wellConditioned([2, 3, 3], 13);
    expectNear(matmul(a, inv(a)), stack([eye(3, 3, f64), eye(3, 3, f64)]));
  });

  it("give determinants, 0 for a singular matrix, and logarithms that do not overflow", () => {
    expectClose(det(tensor([[1, 2], [3, 4]], f64)), tensor(-2, f64), 1e-14);
    expect(det(tensor([[1, 2], [2, 4]], f64)).item()).toBe(0);
    expect(det(zeros([0, 0], f64)).item()).toBe(1);
    const big = eye(200, 200, f64).mul(1e4);
    expect(det(big).item()).toBe(Infinity);
    const { sign, logAbsDet } = slogdet(big);
    expect(sign.item()).toBe(1);
    expect(logAbsDet.item()).toBeCloseTo(200 * Math.log(1e4), 9);
    expect(slogdet(tensor([[1, 2], [2, 4]], f64)).logAbsDet.item()).toBe(-Infinity);
  });

  it("refuse to invert a singular matrix", () => {
    expect(() => inv(tensor([[1, 2], [2, 4]], f64))).toThrow(ValueError);
  });
});

describe("derivatives", () => {
  const a = wellConditioned([3, 3], 21);
  const s = spd([3, 3], 22);
  const b = valuesIn([3, 2], 23, -1, 1);
  // Separated eigenvalues keep the eigenvector derivatives well conditioned.
  const separated = symmetric([3, 3], 24).mul(0.3).add(eye(3, 3, f64).mul(tensor([0, 2, 4], f64)));
  const weights = valuesIn([3, 3], 25, -1, 1);

  const cases: [string, (x: Tensor) => Tensor, Tensor][] = [
    ["solve in a", (x) => solve(x, b), a],
    ["solve in b", (x) => solve(a, x), b],
    ["triangularSolve in the triangle", (x) => triangularSolve(x, b, { transpose: true }), a],
    ["cholesky", (x) => cholesky(x), s],
    ["eigh's values", (x) => eigh(x).values, separated],
    ["eigh's vectors", (x) => eigh(x).vectors.mul(weights), separated],
    ["lstsq (tall)", (x) => lstsq(x, valuesIn([5], 26, -1, 1)), valuesIn([5, 3], 27, -1, 1)],
    ["lstsq (wide)", (x) => lstsq(x, valuesIn([2], 28, -1, 1)), valuesIn([2, 4], 29, -1, 1)],
    ["inv", (x) => inv(x), a],
    ["det", (x) => det(x), a],
    ["slogdet", (x) => slogdet(x).logAbsDet, a],
  ];
  for (const [name, f, x] of cases) {
    it(`${name}: first and second order, forward and reverse, match central differences`, () => {
      checkGrads(f, [x], { order: 2 });
    });
  }

  it("the gradient of log det of a symmetric positive definite matrix is its inverse", () => {
    expectClose(grad((x: Tensor) => slogdet(x).logAbsDet)(s), inv(s), 1e-10);
  });

  it("the Hessian of ½ xᵀ a x − bᵀ x goes through solve: Newton's step lands on the minimum", () => {
    const target = valuesIn([3], 30, -1, 1);
    const f = (x: Tensor) => matmul(x, matmul(s, x)).mul(0.5).sub(matmul(target, x));
    const x0 = zeros([3], f64);
    const step = solve(hessian(f)(x0) as Tensor, grad(f)(x0));
    expectClose(x0.sub(step), solve(s, target), 1e-10);
  });

  it("derivatives inside vmap agree with a loop over the batch", () => {
    const batch = stack([wellConditioned([3, 3], 31), wellConditioned([3, 3], 32)]);
    const g = (x: Tensor) => grad((y: Tensor) => det(y).add(solve(y, b).square().sum()).add(eigh(matmul(y, matrixTranspose(y))).values.sum()))(x);
    const batched = vmap(g)(batch) as Tensor;
    expectClose(batched, stack([g(batch.slice(0)), g(batch.slice(1))]), 1e-10);
    checkGrads((x: Tensor) => vmap((y: Tensor) => cholesky(matmul(y, matrixTranspose(y)).add(eye(3, 3, f64))))(x), [batch], { order: 2 });
  });
});
