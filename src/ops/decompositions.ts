/**
 * Linear algebra on tensors: solving systems, factorizations, eigenvalues, least squares and
 * determinants. Matrices are the last two axes; any leading axes are a batch and broadcast
 * between operands. Every function is a primitive (or a composite of them) with derivative
 * rules, so it can sit inside `grad`, `jvp`, `hessian` and `vmap`. Integer inputs are computed in
 * float64; float32 inputs are factored in float64 and rounded once.
 */
import { bind } from "../core/trace.js";
import { ShapeError } from "../errors.js";
import type { Tensor, TensorLike } from "../tensor/tensor.js";
import { isFloat, promoteTypes, type DType } from "../tensor/dtype.js";
import { broadcastShapes, formatShape, shapesEqual } from "../tensor/shape.js";
import { primitives as p } from "../primitives/index.js";
import { astype, broadcastTo, toTensor } from "./convert.js";
import { reshape } from "./shape.js";
import { eye } from "./creation.js";
import { exp, mul } from "./elementwise.js";

function floatDType(dtype: DType): DType {
  return isFloat(dtype) ? dtype : dtype === "bool" ? "float32" : "float64";
}

/** A float tensor with at least two axes whose last two are equal. */
function squareMatrix(op: string, a: TensorLike): Tensor {
  const t = toTensor(op, a);
  if (t.rank < 2) {
    throw new ShapeError(op, `expected a matrix (at least 2 axes), got shape ${formatShape(t.shape)}. Reshape a vector to [n, 1] or [1, n].`);
  }
  if (t.shape[t.rank - 1] !== t.shape[t.rank - 2]) {
    throw new ShapeError(op, `expected a square matrix in the last two axes, got shape ${formatShape(t.shape)}. Use lstsq for rectangular systems.`);
  }
  return astype(t, floatDType(t.dtype));
}

/** Rows `from..from+count` along the last-but-one axis. */
function rowsOf(x: Tensor, from: number, count: number): Tensor {
  const r = x.rank;
  return bind(p.slice, [x], {
    starts: x.shape.map((_, i) => (i === r - 2 ? from : 0)),
    steps: x.shape.map(() => 1),
    shape: x.shape.map((d, i) => (i === r - 2 ? count : d)),
  });
}

/** Removes `axis`, which has length 1. */
function dropAxis(x: Tensor, axis: number): Tensor {
  return reshape(x, x.shape.filter((_, i) => i !== axis));
}

/**
 * Brings a matrix `a` (`[..., m, n]`) and a right-hand side `b` to one float dtype and one batch
 * shape, with `b` as a matrix `[..., m, k]`. NumPy 2's rule: `b` is a vector (`[m]`, made
 * `[m, 1]` here) only when it is 1-d; otherwise its last two axes are the matrix.
 */
function systemOperands(op: string, a: Tensor, bLike: TensorLike): { a: Tensor; b: Tensor; vector: boolean } {
  let b = toTensor(op, bLike, a.dtype);
  const m = a.shape[a.rank - 2]!;
  if (b.rank === 0) {
    throw new ShapeError(op, `expected b to be a vector or a matrix, got shape ${formatShape(b.shape)}. Pass b of shape [${m}] or [${m}, k].`);
  }
  const vector = b.rank === 1;
  const rows = vector ? b.shape[0]! : b.shape[b.rank - 2]!;
  if (rows !== m) {
    throw new ShapeError(op, `expected b with ${m} rows to match a, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} (${m} vs ${rows}). Pass b of shape [..., ${m}] (1-d) or [..., ${m}, k].`);
  }
  if (vector) b = reshape(b, [m, 1]);
  const dtype = floatDType(promoteTypes(a.dtype, b.dtype));
  const batch = broadcastShapes(op, a.shape.slice(0, -2), b.shape.slice(0, -2));
  const stretch = (x: Tensor): Tensor => {
    const shape = [...batch, ...x.shape.slice(-2)];
    return astype(shapesEqual(x.shape, shape) ? x : broadcastTo(x, shape), dtype);
  };
  return { a: stretch(a), b: stretch(b), vector };
}

function asVectorIfAsked(x: Tensor, vector: boolean): Tensor {
  return vector ? dropAxis(x, x.rank - 1) : x;
}

/**
 * Solves the square system `a x = b` by LU factorization with partial pivoting.
 *
 * Derivatives: dx = a⁻¹(db − da·x); the reverse mode solves with aᵀ.
 * @param a - `[..., n, n]`, nonsingular
 * @param b - a vector `[n]` (then x is `[..., n]`) or a matrix `[..., n, k]`; leading axes broadcast with `a`'s
 * @returns x with `a x = b`
 * @throws ShapeError for a non-square `a` or a `b` whose rows do not match
 * @throws ValueError if `a` is singular to working precision
 * @throws NonFiniteError for NaN or infinite entries
 * @example
 * solve(tensor([[2, 1], [1, 3]], { dtype: "float64" }), tensor([3, 5], { dtype: "float64" })); // => tensor([0.8, 1.4], dtype=float64)
 * solve(tensor([[1, 2], [2, 4]]), tensor([1, 1]));   // throws ValueError: solve: expected a nonsingular matrix
 * @see lstsq, inv
 */
export function solve(a: TensorLike, b: TensorLike): Tensor {
  const ops = systemOperands("solve", squareMatrix("solve", a), b);
  return asVectorIfAsked(bind(p.solve, [ops.a, ops.b], { transpose: false }), ops.vector);
}

/**
 * Options of `triangularSolve`.
 * @example
 * triangularSolve(tensor([[1, 2], [0, 4]]), tensor([5, 8]), { lower: false }); // => tensor([1, 2])
 */
export interface TriangularSolveOptions {
  /** `a` is lower triangular (the default); else upper. Only that triangle is read. */
  readonly lower?: boolean;
  /** Solve `aᵀ x = b` instead. */
  readonly transpose?: boolean;
}

/**
 * Solves `a x = b` (or `aᵀ x = b`) for triangular `a` by substitution; only the triangle named by
 * `lower` is read, so a full matrix can hold a factor in one half.
 *
 * Derivatives: linear in `b`; dx = −a⁻¹·tri(da)·x for the triangle tri that is read.
 * @param a - `[..., n, n]` with a nonzero diagonal
 * @param b - a vector `[n]` or a matrix `[..., n, k]`
 * @param options - `lower` (default true) and `transpose` (default false)
 * @throws ShapeError for a non-square `a` or mismatched rows; ValueError for a zero on the diagonal
 * @example
 * triangularSolve(tensor([[2, 0], [1, 1]]), tensor([4, 3])); // => tensor([2, 1])
 * triangularSolve(tensor([[2, 0], [1, 1]]), tensor([5, 1]), { transpose: true }); // => tensor([2, 1])
 * @see cholesky, solve
 */
export function triangularSolve(a: TensorLike, b: TensorLike, options: TriangularSolveOptions = {}): Tensor {
  const ops = systemOperands("triangularSolve", squareMatrix("triangularSolve", a), b);
  const params = { lower: options.lower ?? true, transpose: options.transpose ?? false };
  return asVectorIfAsked(bind(p.triangularSolve, [ops.a, ops.b], params), ops.vector);
}

/**
 * Lower Cholesky factor `l` of a symmetric positive definite matrix: `a = l lᵀ`. Only the lower
 * triangle of `a` is read (the upper one is assumed to mirror it).
 *
 * Derivative: dl = l Φ(l⁻¹ da l⁻ᵀ), Φ taking the lower triangle with the diagonal halved.
 * @param a - `[..., n, n]`, symmetric positive definite
 * @returns `[..., n, n]`, lower triangular with a positive diagonal
 * @throws ShapeError for a non-square `a`; ValueError if `a` is not positive definite
 * @example
 * cholesky(tensor([[4, 2], [2, 5]])); // => tensor([[2, 0], [1, 2]])
 * cholesky(tensor([[1, 2], [2, 1]])); // throws ValueError: cholesky: expected a symmetric positive definite matrix
 * @see triangularSolve, eigh
 */
export function cholesky(a: TensorLike): Tensor {
  return bind(p.cholesky, [squareMatrix("cholesky", a)], {});
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix, from `eigh`.
 * @example
 * eigh(tensor([[3, 0], [0, 1]])).vectors;   // => tensor([[0, 1], [1, 0]])
 */
export interface EighResult {
  /** `[..., n]`, ascending. */
  readonly values: Tensor;
  /** `[..., n, n]`; column j is the unit eigenvector of `values[j]`, its largest-magnitude entry positive. */
  readonly vectors: Tensor;
}

/**
 * Eigendecomposition `a = V diag(λ) Vᵀ` of a symmetric matrix (Householder tridiagonalization
 * and implicit QL). Only the lower triangle of `a` is read.
 *
 * Derivatives: dλ_i = v_iᵀ da v_i; dv_j = Σ_{i≠j} v_i (v_iᵀ da v_j)/(λ_j − λ_i). At a
 * repeated eigenvalue the eigenvectors are not unique and have no derivative: their tangents come
 * out NaN. The eigenvalues' tangents stay finite there, but are exact only for perturbations that
 * keep the returned eigenvectors (adding a multiple of the identity, say): crossing eigenvalues
 * are not differentiable either.
 * @param a - `[..., n, n]`, symmetric
 * @returns `{ values, vectors }`
 * @throws ShapeError for a non-square `a`; NonFiniteError for NaN or infinite entries
 * @example
 * const { values, vectors } = eigh(tensor([[2, 1], [1, 2]], { dtype: "float64" }));
 * values;                  // => tensor([1, 3], dtype=float64)
 * vectors.shape;           // => [2, 2]
 * @see cholesky
 */
export function eigh(a: TensorLike): EighResult {
  const matrix = squareMatrix("eigh", a);
  const n = matrix.shape[matrix.rank - 1]!;
  const packed = bind(p.eigh, [matrix], {});
  return { values: dropAxis(rowsOf(packed, 0, 1), packed.rank - 2), vectors: rowsOf(packed, 1, n) };
}

/**
 * Least-squares solution of `a x ≈ b`: the x minimizing ‖a x − b‖, and among those the one of
 * smallest norm (`x = a⁺ b`, the pseudo-inverse applied to b), by Householder QR with column
 * pivoting. Works for tall, wide and rank-deficient `a`.
 *
 * Derivatives: from the pseudo-inverse's (Golub & Pereyra, 1973), valid where the rank of `a`
 * does not change.
 * @param a - `[..., m, n]`
 * @param b - a vector `[m]` (then x is `[..., n]`) or a matrix `[..., m, k]`
 * @throws ShapeError for mismatched rows; NonFiniteError for NaN or infinite entries
 * @example
 * // Fit y = c0 + c1·t through (0, 1), (1, 2), (2, 2).
 * lstsq(tensor([[1, 0], [1, 1], [1, 2]], { dtype: "float64" }), tensor([1, 2, 2], { dtype: "float64" })).toArray(); // => [1.16667, 0.5]
 * @see solve
 */
export function lstsq(a: TensorLike, b: TensorLike): Tensor {
  const t = toTensor("lstsq", a);
  if (t.rank < 2) {
    throw new ShapeError("lstsq", `expected a matrix (at least 2 axes), got shape ${formatShape(t.shape)}. Reshape a vector to [m, 1].`);
  }
  const ops = systemOperands("lstsq", astype(t, floatDType(t.dtype)), b);
  return asVectorIfAsked(bind(p.lstsq, [ops.a, ops.b], {}), ops.vector);
}

/**
 * Inverse of a square matrix (LU solve against the identity). Prefer `solve(a, b)` to
 * `matmul(inv(a), b)`: it is cheaper and more accurate.
 * @param a - `[..., n, n]`, nonsingular
 * @throws ShapeError for a non-square `a`; ValueError if `a` is singular
 * @example
 * inv(tensor([[4, 7], [2, 6]], { dtype: "float64" })).toArray(); // => [[0.6, -0.7], [-0.2, 0.4]]
 * @see solve
 */
export function inv(a: TensorLike): Tensor {
  const matrix = squareMatrix("inv", a);
  const n = matrix.shape[matrix.rank - 1]!;
  const identity = broadcastTo(eye(n, n, { dtype: matrix.dtype }), matrix.shape);
  return bind(p.solve, [matrix, identity], { transpose: false });
}

/**
 * Sign and log-absolute-determinant, from `slogdet`.
 * @example
 * slogdet(tensor([[0, 1], [1, 0]])).sign.item();   // => -1
 */
export interface SlogdetResult {
  /** `[...]`: 1, −1, or 0 for a singular matrix. */
  readonly sign: Tensor;
  /** `[...]`: log|det a|, −∞ for a singular matrix. */
  readonly logAbsDet: Tensor;
}

/**
 * Sign and natural logarithm of the absolute determinant, from an LU factorization; the logarithm
 * stays finite where the determinant itself would overflow or underflow.
 *
 * Derivative: d log|det a| = tr(a⁻¹ da); the sign is locally constant.
 * @param a - `[..., n, n]`
 * @throws ShapeError for a non-square `a`
 * @example
 * const { sign, logAbsDet } = slogdet(tensor([[1, 2], [3, 4]], { dtype: "float64" }));
 * sign.item();             // => -1
 * logAbsDet.item();        // => 0.693147
 * @see det
 */
export function slogdet(a: TensorLike): SlogdetResult {
  const packed = bind(p.slogdet, [squareMatrix("slogdet", a)], {});
  const last = packed.rank - 1;
  const entry = (k: number): Tensor =>
    dropAxis(bind(p.slice, [packed], { starts: packed.shape.map((_, i) => (i === last ? k : 0)), steps: packed.shape.map(() => 1), shape: packed.shape.map((d, i) => (i === last ? 1 : d)) }), last);
  return { sign: entry(0), logAbsDet: entry(1) };
}

/**
 * Determinant of a square matrix, as sign · exp(log|det|) from `slogdet`.
 *
 * Derivative: d det a = det a · tr(a⁻¹ da) (Jacobi's formula); at a singular matrix the rule's
 * solve refuses, as the formula would divide by zero.
 * @param a - `[..., n, n]`
 * @throws ShapeError for a non-square `a`
 * @example
 * det(tensor([[1, 2], [3, 4]], { dtype: "float64" })).item(); // => -2
 * det(tensor([[1, 2], [2, 4]])).item();                       // => 0
 * @see slogdet
 */
export function det(a: TensorLike): Tensor {
  const { sign, logAbsDet } = slogdet(a);
  return mul(sign, exp(logAbsDet));
}
