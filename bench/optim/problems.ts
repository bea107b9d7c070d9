/**
 * The standard unconstrained minimization problems the optimizers are tested and benchmarked on,
 * defined once: the tests (`test/optim/problems.ts` re-exports this module), the SciPy comparison
 * (`bench/optim/compare-scipy.ts`), and, through the data it exports as JSON, the Python side
 * (`scripts/compare-scipy.py` mirrors the formulas, reading x0 and the data from that JSON).
 *
 * Every objective is written with nabla tensor ops in the dtype of its argument, so the same
 * function runs in float64 and float32. Where a problem is a sum of squares, `residuals` gives
 * r(x) with objective(x) = ½‖r(x)‖² exactly (the least-squares methods' convention, and SciPy's
 * `least_squares` cost), so both views share one minimum.
 *
 * Formulas: Moré, Garbow & Hillstrom, "Testing Unconstrained Optimization Software" (ACM TOMS
 * 7(1), 1981) for Rosenbrock, Beale, Powell singular; Himmelblau (1972); Booth's function as in
 * the usual test-function lists.
 */
import { concatenate, grad, hessian, matmul, tensor, valueAndGrad, type Tensor } from "../../src/index.js";
import { luFactor, luSolve } from "../../src/linalg/dense.js";
import { uniform } from "../rng.js";

export interface OptimProblem {
  readonly name: string;
  /** Number of parameters. */
  readonly n: number;
  /** The start point. */
  readonly x0: readonly number[];
  /** The scalar objective, a function of a 1-D tensor of length n. */
  readonly objective: (x: Tensor) => Tensor;
  /** For sums of squares: r(x), with objective(x) = ½‖r(x)‖². */
  readonly residuals?: (x: Tensor) => Tensor;
  /** The minimizers the methods are expected to reach (any one of them). */
  readonly minimizers: readonly (readonly number[])[];
  /** The minimum value f*. */
  readonly minimum: number;
  /** How the minimizer is known: in closed form, or computed here by Newton's method (then tests also check ∇f ≈ 0). */
  readonly minimizerSource: "exact" | "computed";
  /** Data the objective closes over (exported for the Python mirror). */
  readonly data?: Readonly<Record<string, readonly number[]>>;
}

/** A constant with the dtype of the parameters, so float32 runs stay float32. */
function constant(like: Tensor, values: readonly number[] | Float64Array, shape?: readonly number[]): Tensor {
  return tensor(Float64Array.from(values), { dtype: like.dtype, shape: shape ?? [values.length] });
}

/** Element i of a 1-D tensor, as a 0-d tensor. */
const at = (x: Tensor, i: number): Tensor => x.slice(i);

/** ½‖r‖² of a 1-D residual tensor. */
const halfSumOfSquares = (r: Tensor): Tensor => r.square().sum().mul(0.5);

function sumOfSquares(name: string, residuals: (x: Tensor) => Tensor, rest: Omit<OptimProblem, "name" | "objective" | "residuals" | "n">): OptimProblem {
  return { name, n: rest.x0.length, objective: (x) => halfSumOfSquares(residuals(x)), residuals, ...rest };
}

const SQRT2 = Math.SQRT2;

/**
 * Extended Rosenbrock, SciPy's `rosen`: Σᵢ 100(x_{i+1} − x_i²)² + (1 − x_i)², i < n − 1, minimum 0 at
 * (1, …, 1). Residuals √2·10(x_{i+1} − x_i²) and √2(1 − x_i).
 */
function rosenbrock(n: number, x0: readonly number[]): OptimProblem {
  const residuals = (x: Tensor) => {
    const head = x.slice([0, n - 1]);
    const tail = x.slice([1, n]);
    return concatenate([tail.sub(head.square()).mul(10 * SQRT2), head.neg().add(1).mul(SQRT2)]);
  };
  return sumOfSquares(n === 2 ? "rosenbrock-2d" : `rosenbrock-${n}d`, residuals, { x0, minimizers: [Array(n).fill(1)], minimum: 0, minimizerSource: "exact" });
}

/** Beale: Σ (c_i − x + x yⁱ)², c = (1.5, 2.25, 2.625), minimum 0 at (3, 0.5). */
const beale = sumOfSquares(
  "beale",
  (p) => {
    const [x, y] = [at(p, 0), at(p, 1)];
    return stack0([1.5, 2.25, 2.625].map((c, i) => x.mul(y.pow(i + 1)).sub(x).add(c).mul(SQRT2)));
  },
  { x0: [1, 1], minimizers: [[3, 0.5]], minimum: 0, minimizerSource: "exact" },
);

/** Himmelblau: (x² + y − 11)² + (x + y² − 7)², four minima of value 0. */
const himmelblau = sumOfSquares(
  "himmelblau",
  (p) => {
    const [x, y] = [at(p, 0), at(p, 1)];
    return stack0([x.square().add(y).sub(11).mul(SQRT2), x.add(y.square()).sub(7).mul(SQRT2)]);
  },
  {
    x0: [0, 0],
    // (3, 2) exactly; the others to 10 digits (roots of the quartic from ∇f = 0).
    minimizers: [[3, 2], [-2.805118087, 3.131312518], [-3.779310253, -3.283185991], [3.584428340, -1.848126527]],
    minimum: 0,
    minimizerSource: "exact",
  },
);

/** Booth: (x + 2y − 7)² + (2x + y − 5)², a convex quadratic, minimum 0 at (1, 3). */
const booth = sumOfSquares(
  "booth",
  (p) => {
    const [x, y] = [at(p, 0), at(p, 1)];
    return stack0([x.add(y.mul(2)).sub(7).mul(SQRT2), x.mul(2).add(y).sub(5).mul(SQRT2)]);
  },
  { x0: [0, 0], minimizers: [[1, 3]], minimum: 0, minimizerSource: "exact" },
);

/**
 * Powell singular: (x₁ + 10x₂)² + 5(x₃ − x₄)² + (x₂ − 2x₃)⁴ + 10(x₁ − x₄)⁴, minimum 0 at 0, where
 * the Hessian is singular, so Newton-type methods converge only linearly there.
 */
const powellSingular = sumOfSquares(
  "powell-singular",
  (p) => {
    const [a, b, c, d] = [at(p, 0), at(p, 1), at(p, 2), at(p, 3)];
    return stack0([
      a.add(b.mul(10)).mul(SQRT2),
      c.sub(d).mul(Math.sqrt(10)),
      b.sub(c.mul(2)).square().mul(SQRT2),
      a.sub(d).square().mul(Math.sqrt(20)),
    ]);
  },
  { x0: [3, -1, 0, 1], minimizers: [[0, 0, 0, 0]], minimum: 0, minimizerSource: "exact" },
);

/** Stacks 0-d tensors into a 1-D tensor. */
function stack0(parts: Tensor[]): Tensor {
  return concatenate(parts.map((t) => t.reshape([1])));
}

// Logistic regression: 60 samples, 3 features plus an intercept (the design matrix's last column
// is ones), labels drawn from a known model so the classes overlap and the minimizer is finite;
// a small L2 term λ/2‖w‖² (intercept included) makes it unique.
const LOGISTIC_SAMPLES = 60;
const LOGISTIC_FEATURES = 3;
const LOGISTIC_L2 = 1e-3;
const logisticData = (() => {
  const features = uniform(7101, LOGISTIC_SAMPLES * LOGISTIC_FEATURES, -2, 2, Float64Array);
  const draws = uniform(7102, LOGISTIC_SAMPLES, 0, 1, Float64Array);
  const trueWeights = [1.5, -2, 0.5, 0.3];
  const d = LOGISTIC_FEATURES + 1;
  const design = new Float64Array(LOGISTIC_SAMPLES * d);
  const labels = new Float64Array(LOGISTIC_SAMPLES);
  for (let i = 0; i < LOGISTIC_SAMPLES; i++) {
    let z = trueWeights[LOGISTIC_FEATURES]!;
    for (let j = 0; j < LOGISTIC_FEATURES; j++) {
      design[i * d + j] = features[i * LOGISTIC_FEATURES + j]!;
      z += trueWeights[j]! * features[i * LOGISTIC_FEATURES + j]!;
    }
    design[i * d + LOGISTIC_FEATURES] = 1;
    labels[i] = draws[i]! < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { design, labels };
})();

/** Mean logistic loss mean(softplus(z) − y z), z = A w, plus λ/2‖w‖². */
function logisticObjective(w: Tensor): Tensor {
  const d = LOGISTIC_FEATURES + 1;
  const z = matmul(constant(w, logisticData.design, [LOGISTIC_SAMPLES, d]), w);
  const loss = z.softplus().sub(z.mul(constant(w, logisticData.labels))).mean();
  return loss.add(w.square().sum().mul(LOGISTIC_L2 / 2));
}

// Exponential decay y = a·exp(−b t) + c: 25 times in [0, 4], generated from (a, b, c) = (2.5, 1.3, 0.5)
// with uniform noise in [−0.05, 0.05], so the fit does not pass through the data (a non-zero
// residual problem, where Gauss–Newton is not quadratically convergent).
const DECAY_POINTS = 25;
const decayData = (() => {
  const noise = uniform(7201, DECAY_POINTS, -0.05, 0.05, Float64Array);
  const t = Float64Array.from({ length: DECAY_POINTS }, (_, i) => (4 * i) / (DECAY_POINTS - 1));
  const y = t.map((ti, i) => 2.5 * Math.exp(-1.3 * ti) + 0.5 + noise[i]!);
  return { t, y };
})();

/** r_i = a·exp(−b t_i) + c − y_i. */
function decayResiduals(p: Tensor): Tensor {
  const [a, b, c] = [at(p, 0), at(p, 1), at(p, 2)];
  return constant(p, decayData.t).mul(b.neg()).exp().mul(a).add(c).sub(constant(p, decayData.y));
}

/**
 * Newton's method in float64 from a start near the minimizer, to full precision: the reference
 * minimizer of the problems whose minimizer has no closed form. Throws if it does not converge,
 * so a reference is never silently wrong.
 */
export function newtonReference(objective: (x: Tensor) => Tensor, start: readonly number[]): number[] {
  let x = Float64Array.from(start);
  const gradient = grad(objective);
  for (let k = 0; k < 50; k++) {
    const xt = tensor(x, { dtype: "float64" });
    const g = Float64Array.from((gradient(xt) as Tensor).data());
    const h = Float64Array.from((hessian(objective)(xt) as Tensor).data());
    const step = luSolve(luFactor(h), g);
    x = x.map((xi, i) => xi - step[i]!);
    if (Math.max(...step.map(Math.abs)) <= 1e-15 * Math.max(1, ...x.map(Math.abs))) break;
  }
  const [, g] = valueAndGrad(objective)(tensor(x, { dtype: "float64" })) as [Tensor, Tensor];
  const gmax = Math.max(...Array.from(g.data(), Math.abs));
  if (!(gmax <= 1e-12)) throw new Error(`newtonReference: expected convergence, got gradient norm ${gmax}.`);
  return Array.from(x);
}

function computed(name: string, objective: (x: Tensor) => Tensor, x0: readonly number[], near: readonly number[], extra: Partial<OptimProblem>): OptimProblem {
  const xstar = newtonReference(objective, near);
  const minimum = (objective(tensor(Float64Array.from(xstar), { dtype: "float64" })) as Tensor).item();
  return { name, n: x0.length, x0, objective, minimizers: [xstar], minimum, minimizerSource: "computed", ...extra };
}

let logisticCache: OptimProblem | undefined;
let decayCache: OptimProblem | undefined;

/** The logistic regression (convex; its minimizer computed by Newton from 0). */
export function logisticRegression(): OptimProblem {
  logisticCache ??= computed("logistic-regression", logisticObjective, [0, 0, 0, 0], [0, 0, 0, 0], {
    data: { design: Array.from(logisticData.design), labels: Array.from(logisticData.labels), l2: [LOGISTIC_L2] },
  });
  return logisticCache;
}

/** The exponential-decay fit (minimizer computed by Newton from the generating parameters); x0 = (1, 1, 0). */
export function exponentialDecayFit(): OptimProblem {
  decayCache ??= computed("exp-decay-fit", (p) => halfSumOfSquares(decayResiduals(p)), [1, 1, 0], [2.5, 1.3, 0.5], {
    residuals: decayResiduals,
    data: { t: Array.from(decayData.t), y: Array.from(decayData.y) },
  });
  return decayCache;
}

export const ROSENBROCK_2D = rosenbrock(2, [-1.2, 1]);
/** 10-D from the classical start of the extended Rosenbrock function, (−1.2, 1) repeated. */
export const ROSENBROCK_10D = rosenbrock(10, Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? -1.2 : 1)));
export const BEALE = beale;
export const HIMMELBLAU = himmelblau;
export const BOOTH = booth;
export const POWELL_SINGULAR = powellSingular;

/** Every standard problem, in a fixed order. */
export function standardProblems(): OptimProblem[] {
  return [ROSENBROCK_2D, ROSENBROCK_10D, BEALE, HIMMELBLAU, BOOTH, POWELL_SINGULAR, logisticRegression(), exponentialDecayFit()];
}

/** The distance from x to the nearest known minimizer (Euclidean). */
export function distanceToMinimizer(problem: OptimProblem, x: ArrayLike<number>): number {
  return Math.min(...problem.minimizers.map((m) => Math.sqrt(m.reduce((s, mi, i) => s + (mi - x[i]!) ** 2, 0))));
}
