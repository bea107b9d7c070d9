/**
 * Curvature diagnostics: the extreme eigenvalues of the Hessian at a point, estimated by Lanczos
 * on Hessian-vector products, and what they predict for gradient descent there.
 */
import { treeFlatten, treeUnflatten, type Tree } from "../core/tree.js";
import { NonFiniteError, ShapeError, ValueError } from "../errors.js";
import { tridiagonalEigen } from "../linalg/dense.js";
import { normal } from "../ops/random.js";
import { isFloat } from "../tensor/dtype.js";
import { formatShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { tensor } from "../ops/creation.js";
import { hvp } from "../transforms/api.js";
import { dot } from "./minimize/vector.js";

/**
 * Options of `curvature`.
 * @example
 * const options: CurvatureOptions = { k: 10, iterations: 5, seed: 1 };
 * options.k;   // => 10
 */
export interface CurvatureOptions {
  /** Krylov dimension: Lanczos steps per cycle, at most the number of parameters n (when n <= k the spectrum is exact); default 20. */
  k?: number;
  /** Most Lanczos cycles; each restarts from the two extreme Ritz vectors; default 10. */
  iterations?: number;
  /** Seed of the random starting vector; default 0. */
  seed?: number;
  /** Stop when both extreme Ritz residuals are below tol·max|λ|; default 1e-8 (float64) or 1e-5 (float32). */
  tol?: number;
}

/**
 * What `curvature` reports about the Hessian H of f at x.
 * @example
 * const report: CurvatureReport = curvature((x: Tensor) => x.square().sum(), tensor([1, 2]));
 * report.conditionNumber;   // => 1
 */
export interface CurvatureReport {
  /** The largest eigenvalue of H. */
  readonly lambdaMax: number;
  /** The smallest eigenvalue of H. */
  readonly lambdaMin: number;
  /** κ = λmax/λmin when H is positive definite, else Infinity. */
  readonly conditionNumber: number;
  /** 2/λmax: gradient descent with a larger fixed step diverges along the stiffest direction (Infinity without positive curvature). */
  readonly maxStableStep: number;
  /** 2/(λmax + λmin), the fixed step with the best worst-case contraction; undefined unless H is positive definite. */
  readonly bestFixedStep: number | undefined;
  /** (κ − 1)/(κ + 1): the error factor per step of gradient descent with `bestFixedStep` on the quadratic model; undefined unless H is positive definite. */
  readonly predictedRate: number | undefined;
  /** Curvature of both signs (λmin < 0 < λmax): x is near a saddle, not a minimum. */
  readonly indefinite: boolean;
  /** Some direction curves down (λmin < 0): a saddle or a maximum. */
  readonly negativeCurvature: boolean;
  /** Ritz values of the last Lanczos cycle, ascending: all eigenvalues when n <= k, else approximations inside the extremes. */
  readonly eigenvalues: number[];
  /** Hessian-vector products computed. */
  readonly hvpEvaluations: number;
  /** Whether both extremes met the tolerance (always true when n <= k). */
  readonly converged: boolean;
  /** What the numbers mean here, in words: the case (definite, singular, indefinite, no positive curvature) and why κ or the rate is missing. */
  readonly note: string;
}

/** The parameters as one float64 vector, and the way back to a tree of tensors. */
function flatParameters(x: Tree): { n: number; toTree: (v: Float64Array) => Tree; toVector: (tree: unknown) => Float64Array; float32: boolean } {
  const [leaves, def] = treeFlatten(x, "curvature");
  const tensors = leaves.map((leaf, i) => {
    if (!(leaf instanceof Tensor)) throw new ValueError("curvature", `expected x to be a tree of tensors, got the number ${leaf} at leaf ${i}. Wrap numbers with tensor(...).`);
    if (!isFloat(leaf.dtype)) throw new ValueError("curvature", `expected float parameters, got ${leaf.dtype} at leaf ${i}. Convert with astype(x, "float64").`);
    return leaf;
  });
  const sizes = tensors.map((t) => t.size);
  const n = sizes.reduce((a, b) => a + b, 0);
  const toTree = (v: Float64Array): Tree => {
    let offset = 0;
    return treeUnflatten(
      def,
      tensors.map((t) => {
        const piece = v.subarray(offset, (offset += t.size));
        return tensor(piece, { shape: t.shape, dtype: t.dtype });
      }),
    );
  };
  const toVector = (tree: unknown): Float64Array => {
    const out = new Float64Array(n);
    let offset = 0;
    for (const leaf of treeFlatten(tree, "curvature")[0]) {
      const data = (leaf as Tensor).data();
      out.set(data, offset);
      offset += data.length;
    }
    return out;
  };
  return { n, toTree, toVector, float32: tensors.some((t) => t.dtype === "float32") };
}

/** w ← w − Σ (q·w) q over the basis, twice: one pass loses orthogonality when w nearly lies in the span ("twice is enough", Parlett). */
function orthogonalize(w: Float64Array, basis: readonly Float64Array[]): void {
  for (let pass = 0; pass < 2; pass++) {
    for (const q of basis) {
      const c = dot(q, w);
      for (let i = 0; i < w.length; i++) w[i]! -= c * q[i]!;
    }
  }
}

interface Cycle {
  basis: Float64Array[];
  values: Float64Array;
  vectors: Float64Array;
  /** Residual norm ‖H y − θ y‖ of each Ritz pair, |β_m · s_{m,i}|. */
  residuals: Float64Array;
}

/**
 * One Lanczos run of `m` steps from `start` with full reorthogonalization (Golub & Van Loan §10.1).
 * On breakdown (an invariant subspace) it continues from a fresh random direction orthogonal to
 * the basis, so that with m = n the tridiagonal matrix holds the whole spectrum.
 */
function lanczos(multiply: (v: Float64Array) => Float64Array, start: Float64Array, m: number, random: () => Float64Array): Cycle {
  const basis: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let q = scaled(start, 1 / Math.sqrt(dot(start, start)));
  let residual = 0;
  for (let j = 0; j < m; j++) {
    basis.push(q);
    const w = multiply(q);
    const a = dot(q, w);
    alpha.push(a);
    orthogonalize(w, basis);
    const b = Math.sqrt(dot(w, w));
    if (j === m - 1) {
      residual = b;
      break;
    }
    if (b > 1e-10 * Math.max(Math.abs(a), ...beta.map(Math.abs), 1e-300)) {
      beta.push(b);
      q = scaled(w, 1 / b);
      continue;
    }
    // Breakdown: the basis spans an invariant subspace, so its Ritz values are exact eigenvalues;
    // a new direction orthogonal to it starts the next block, decoupled (β = 0).
    const fresh = random();
    orthogonalize(fresh, basis);
    const norm = Math.sqrt(dot(fresh, fresh));
    if (norm === 0) break;
    beta.push(0);
    q = scaled(fresh, 1 / norm);
  }
  const size = alpha.length;
  const { values, vectors } = tridiagonalEigen(alpha, beta.slice(0, size - 1));
  const residuals = new Float64Array(size);
  for (let i = 0; i < size; i++) residuals[i] = Math.abs(residual * vectors[(size - 1) * size + i]!);
  return { basis, values, vectors, residuals };
}

function scaled(v: Float64Array, c: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * c;
  return out;
}

/** The Ritz vector Q·s of column `i` of the tridiagonal eigenvectors. */
function ritzVector(cycle: Cycle, i: number): Float64Array {
  const size = cycle.values.length;
  const out = new Float64Array(cycle.basis[0]!.length);
  cycle.basis.forEach((q, j) => {
    const c = cycle.vectors[j * size + i]!;
    for (let r = 0; r < out.length; r++) out[r]! += c * q[r]!;
  });
  return out;
}

function checkCount(name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new ValueError("curvature", `expected ${name} to be a positive integer, got ${String(value)}.`);
  return v;
}

/**
 * The extreme eigenvalues of the Hessian of `f` at `x` and what they predict for gradient descent,
 * by the Lanczos method on Hessian-vector products (`hvp`: the Hessian is never formed). When the
 * parameters number n <= k the Krylov space is the whole space and the spectrum is exact;
 * otherwise up to `iterations` cycles of k steps restart from the extreme Ritz vectors until both
 * extremes have converged.
 *
 * On the quadratic model with Hessian H (positive definite, κ = λmax/λmin), gradient descent with a
 * fixed step diverges beyond 2/λmax, and the step 2/(λmax + λmin) contracts the error by at least
 * (κ − 1)/(κ + 1) per step (Nocedal & Wright, Numerical Optimization, §3.3). With λmin ≈ 0 or
 * below, κ is Infinity and no linear rate is predicted; `note` says which case applies.
 *
 * @param f - maps a parameter tree to a scalar tensor
 * @param x - the point, a tree of float tensors
 * @throws ShapeError if f does not return a scalar; NonFiniteError if f(x) or a product is not finite; ValueError for bad options or an empty x
 * @example
 * // f = x² + 10 y²: the Hessian is diag(2, 20).
 * const report = curvature((p: any) => p.x.square().add(p.y.square().mul(10)).sum(), { x: tensor(1, { dtype: "float64" }), y: tensor(1, { dtype: "float64" }) });
 * [report.lambdaMin, report.lambdaMax, report.conditionNumber];   // => [2, 20, 10]
 * report.maxStableStep;   // => 0.1
 * // x² − y² has a saddle at the origin.
 * curvature((v: Tensor) => v.square().mul(tensor([1, -1])).sum(), tensor([0, 0], { dtype: "float64" })).indefinite;   // => true
 */
export function curvature(f: (x: any) => Tensor, x: Tree, options: CurvatureOptions = {}): CurvatureReport {
  const { n, toTree, toVector, float32 } = flatParameters(x);
  if (n === 0) throw new ValueError("curvature", "expected at least one parameter, got an empty x. Pass the point at which to measure the curvature.");
  const k = checkCount("k", options.k, 20);
  const iterations = checkCount("iterations", options.iterations, 10);
  const seed = options.seed ?? 0;
  const tol = options.tol ?? (float32 ? 1e-5 : 1e-8);
  if (!(tol > 0 && Number.isFinite(tol))) throw new ValueError("curvature", `expected tol to be a positive finite number, got ${tol}.`);

  const value = f(x);
  if (!(value instanceof Tensor) || value.size !== 1 || value.rank !== 0) {
    const got = value instanceof Tensor ? `shape ${formatShape(value.shape)}` : typeof value;
    throw new ShapeError("curvature", `expected f to return a scalar tensor, got ${got}. Sum the output, or measure each output separately.`);
  }
  if (!Number.isFinite(value.item())) throw new NonFiniteError("curvature", `expected f(x) to be finite, got ${value.item()}. Move x into f's domain.`);

  let evaluations = 0;
  const multiply = (v: Float64Array): Float64Array => {
    evaluations++;
    const product = toVector(hvp(f, [x], [toTree(v)]));
    for (let i = 0; i < product.length; i++) {
      if (!Number.isFinite(product[i]!)) throw new NonFiniteError("curvature", `expected finite Hessian-vector products, got ${product[i]} at parameter ${i}. f may not be twice differentiable at x.`);
    }
    return product;
  };
  let draws = 0;
  const random = () => normal(seed + 7919 * draws++, [n], { dtype: "float64" }).data() as Float64Array;

  const m = Math.min(k, n);
  let start = random();
  let cycle = lanczos(multiply, start, m, random);
  let converged = false;
  for (let c = 1; ; c++) {
    const last = cycle.values.length - 1;
    const scale = Math.max(Math.abs(cycle.values[0]!), Math.abs(cycle.values[last]!), Number.MIN_VALUE);
    converged = m === n || (cycle.residuals[0]! <= tol * scale && cycle.residuals[last]! <= tol * scale);
    if (converged || c >= iterations) break;
    // Explicit restart (Saad, Numerical Methods for Large Eigenvalue Problems, §6.2): from a
    // combination of the wanted Ritz vectors, each weighted by its residual so that the extreme
    // still far from converged gets most of the next Krylov space.
    start = ritzVector(cycle, 0);
    const top = ritzVector(cycle, last);
    const [low, high] = [cycle.residuals[0]!, cycle.residuals[last]!];
    for (let i = 0; i < n; i++) start[i] = low * start[i]! + high * top[i]!;
    cycle = lanczos(multiply, start, m, random);
  }

  const eigenvalues = Array.from(cycle.values);
  const lambdaMin = eigenvalues[0]!;
  const lambdaMax = eigenvalues[eigenvalues.length - 1]!;
  return describeCurvature(lambdaMin, lambdaMax, eigenvalues, evaluations, converged, float32 ? 1e-5 : Math.max(tol, 1e-12));
}

function describeCurvature(lambdaMin: number, lambdaMax: number, eigenvalues: number[], hvpEvaluations: number, converged: boolean, relativeZero: number): CurvatureReport {
  // Eigenvalues within this of 0 are rounding: the Ritz values are only that accurate.
  const zero = relativeZero * Math.max(Math.abs(lambdaMax), Math.abs(lambdaMin));
  const positive = lambdaMax > zero;
  const definite = lambdaMin > zero;
  const negativeCurvature = lambdaMin < -zero;
  const kappa = definite ? lambdaMax / lambdaMin : Infinity;
  const common = { lambdaMax, lambdaMin, eigenvalues, hvpEvaluations, converged, negativeCurvature, indefinite: negativeCurvature && positive };
  const maxStableStep = positive ? 2 / lambdaMax : Infinity;
  if (definite) {
    return {
      ...common,
      conditionNumber: kappa,
      maxStableStep,
      bestFixedStep: 2 / (lambdaMax + lambdaMin),
      predictedRate: (kappa - 1) / (kappa + 1),
      note: `positive definite: f curves upward in every direction here (at a stationary point, a strict local minimum). Near here gradient descent diverges with a fixed step above 2/λmax and contracts the error by (κ−1)/(κ+1) per step with step 2/(λmax+λmin).`,
    };
  }
  const why = negativeCurvature
    ? positive
      ? "indefinite (λmin < 0 < λmax): x is near a saddle point, not a minimum; gradient descent leaves it along the negative-curvature direction"
      : "no positive curvature (λmax <= 0): x is near a maximum or on a concave region, and curvature puts no limit on the step"
    : positive
      ? "singular (λmin ≈ 0): f is flat along some direction, where gradient descent makes sublinear progress or none"
      : "zero curvature: f is flat (linear) near x";
  return {
    ...common,
    conditionNumber: Infinity,
    maxStableStep,
    bestFixedStep: undefined,
    predictedRate: undefined,
    note: `${why}. κ is Infinity and no linear rate is predicted.`,
  };
}
