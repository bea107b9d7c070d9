import type { DType } from "../../tensor/dtype.js";

/**
 * The methods `minimize` knows, by name.
 *
 * @example
 * const method: MethodName = "lbfgs";
 * minimize((x: Tensor) => x.square().sum(), tensor([1, 2]), { method }).converged;   // => true
 */
export type MethodName =
  | "gd"
  | "momentum"
  | "adam"
  | "newton"
  | "newton-cg"
  | "bfgs"
  | "lbfgs"
  | "cg"
  | "trust-region"
  | "gauss-newton"
  | "levenberg-marquardt";

/** Methods whose `f` returns a vector of residuals r(x) and whose objective is ½‖r(x)‖². */
export const LEAST_SQUARES_METHODS: readonly MethodName[] = ["gauss-newton", "levenberg-marquardt"];

/**
 * Why a run stopped. The first three mean convergence; the others say what went wrong or who
 * stopped it.
 * - `"gradient-tolerance"`: the gradient's norm fell to `tol` or below.
 * - `"function-tolerance"`: f changed by less than `ftol` relative to its size.
 * - `"step-tolerance"`: the step changed x by less than `xtol` relative to its size.
 * - `"max-iterations"`: `maxIter` iterations without convergence.
 * - `"max-evaluations"`: `maxEvaluations` function evaluations without convergence.
 * - `"line-search-failed"`: no step along the search direction decreased f enough.
 * - `"trust-region-collapsed"`: the trust radius shrank below what floating point can resolve.
 * - `"non-finite"`: f or its gradient became NaN or infinite; `x` is the last finite point.
 * - `"callback"`: the callback asked to stop.
 *
 * @example
 * minimize((x: Tensor) => x.square().sum(), tensor([1, 2]), { maxIter: 0 }).reason;   // => "max-iterations"
 */
export type StopReason =
  | "gradient-tolerance"
  | "function-tolerance"
  | "step-tolerance"
  | "max-iterations"
  | "max-evaluations"
  | "line-search-failed"
  | "trust-region-collapsed"
  | "non-finite"
  | "callback";

/** The reasons that count as convergence. */
export const CONVERGED_REASONS: readonly StopReason[] = ["gradient-tolerance", "function-tolerance", "step-tolerance"];

/**
 * One line of a run's history, recorded after each iteration (iteration 0 is the start point).
 *
 * @example
 * const { history } = minimize((x: Tensor) => x.square().sum(), tensor([3]), { method: "newton" });
 * history[0].fun;   // => 9
 * history.length;   // => 2
 */
export interface IterationRecord {
  /** 0 for the start point, then 1, 2, ... */
  readonly iteration: number;
  /** f at the iterate. */
  readonly fun: number;
  /** The gradient's norm at the iterate (in the norm of the `norm` option). */
  readonly gradNorm: number;
  /** ‖x_k − x_{k−1}‖₂, the length of the step just taken (0 at iteration 0). */
  readonly stepLength: number;
  /** Method-specific detail: the line-search step size, the trust radius, the damping, ... */
  readonly detail?: Readonly<Record<string, number>>;
}

/**
 * How many times each derivative was evaluated.
 *
 * @example
 * minimize((x: Tensor) => x.square().sum(), tensor([1, 2]), { method: "newton-cg" }).evaluations.hessian;   // => 0
 */
export interface EvaluationCounts {
  /** Evaluations of f (alone or with its gradient). */
  fun: number;
  /** Evaluations of the gradient (or, for least squares, of the Jacobian). */
  grad: number;
  /** Full Hessians formed. */
  hessian: number;
  /** Hessian-vector products. */
  hvp: number;
}

/**
 * Options common to all methods; method-specific ones are listed with each method.
 *
 * @example
 * const options: MinimizeOptions = { method: "gd", learningRate: 0.25, lineSearch: "none", tol: 1e-8 };
 * minimize((x: Tensor) => x.square().sum(), tensor([1]), options).converged;   // => true
 */
export interface MinimizeOptions {
  /** The method (default `"bfgs"`). */
  method?: MethodName;
  /**
   * Stop when the gradient's norm is at most this (default 1e-5, SciPy's `gtol`; 1e-8 for
   * gauss-newton and levenberg-marquardt, as SciPy's `least_squares`, where the gradient is Jᵀr).
   */
  tol?: number;
  /**
   * Stop when |f_k − f_{k+1}| ≤ ftol·max(|f_k|, |f_{k+1}|, 1) (default 0: off, except where a method
   * says otherwise: lbfgs uses 1e7·ε ≈ 2.2e-9, SciPy L-BFGS-B's `factr` of 1e7). gauss-newton and levenberg-marquardt use MINPACK's test instead (default 1e-8):
   * both the actual and the predicted decrease of ½‖r‖² are at most ftol·½‖r‖².
   */
  ftol?: number;
  /**
   * Stop when ‖x_{k+1} − x_k‖ ≤ xtol·(xtol + ‖x_k‖) (default 0: off, except where a method says
   * otherwise: 1e-8 for gauss-newton and levenberg-marquardt). newton-cg reads it as SciPy's
   * Newton-CG does, as an average step: stop when ‖x_{k+1} − x_k‖₁ ≤ n·xtol (default 1e-5; a short
   * step far from the minimizer can trigger it, so pass 0 to stop by `tol` alone).
   */
  xtol?: number;
  /** The gradient norm used by `tol` and reported: `Infinity` (SciPy's default, the largest component) or 2. */
  norm?: number;
  /**
   * Most iterations (default 200·n as SciPy's BFGS and CG, 15 000 for lbfgs as SciPy's L-BFGS-B,
   * 10 000 for the first-order drivers gd, momentum and adam; see each method).
   */
  maxIter?: number;
  /** Most evaluations of f (default: no limit beyond maxIter). */
  maxEvaluations?: number;
  /** Called after each iteration with its record; returning `true` stops the run (reason `"callback"`). */
  callback?: (record: IterationRecord) => boolean | void;
  /** The dtype the parameters are converted to and f is evaluated in (default `"float64"`). */
  dtype?: Extract<DType, "float32" | "float64">;
  /**
   * Step size of the first-order drivers: the fixed step α of momentum and adam (default 1e-3) and
   * of gd with `lineSearch: "none"` (default 1e-3); with gd's default `lineSearch: "armijo"` the
   * first step its backtracking search tries (default 1). Too large a fixed step diverges, which
   * stops the run with reason `"non-finite"`.
   */
  learningRate?: number;
  /** gd's line search: `"armijo"` (default, backtracking from `learningRate` or 1) or `"none"` (fixed step). */
  lineSearch?: "armijo" | "none";
  /** Momentum coefficient β of `momentum`, in [0, 1) (default 0.9): v ← βv − α∇f, x ← x + v. */
  beta?: number;
  /** Adam's decay rates β₁ and β₂ of the first and second moment estimates, in [0, 1) (default 0.9 and 0.999), and ε > 0 added to √v̂ (default 1e-8). */
  beta1?: number;
  beta2?: number;
  eps?: number;
  /**
   * How newton makes an indefinite Hessian positive definite: `"eigenvalue"` (default) replaces
   * each eigenvalue by its absolute value (Greenstadt; Nocedal & Wright §3.4), `"shifted-cholesky"`
   * factors H + τI with the smallest τ from a doubling schedule (N&W Algorithm 3.3).
   */
  hessianModification?: "eigenvalue" | "shifted-cholesky";
  /** L-BFGS memory m, a positive integer (default 10, SciPy's `maxcor`): how many recent (s, y) pairs approximate the inverse Hessian. */
  memory?: number;
  /**
   * Initial trust radius (default 1) and its cap (default 1000) for trust-region, as SciPy's
   * trust-ncg. The radius is quartered after a poor step (actual/predicted decrease below 1/4)
   * and doubled after a good one that reached the boundary; the run stops with
   * "trust-region-collapsed" once it is below 100ε·max(‖x‖, 1).
   * For levenberg-marquardt, `initialRadius` sets the first radius of the scaled step relative to
   * the scaled start point, Δ₀ = initialRadius·‖D x₀‖ (default 100, MINPACK's `factor`; Δ₀ =
   * initialRadius when x₀ = 0); its radius has no cap.
   */
  initialRadius?: number;
  maxRadius?: number;
}

/**
 * What `minimize` returns.
 *
 * @example
 * const result = minimize((p: any) => p.a.sub(1).square().add(p.b.square()).sum(), { a: tensor([0]), b: tensor([2]) });
 * result.converged;   // => true
 * result.reason;   // => "gradient-tolerance"
 */
export interface MinimizeResult<T = unknown> {
  /** The final point, with the structure (and the dtype of the run) of x0. */
  readonly x: T;
  /** f(x); for least squares ½‖r(x)‖². */
  readonly fun: number;
  /** The gradient at x, same structure as x. */
  readonly grad: T;
  /** The gradient's norm at x. */
  readonly gradNorm: number;
  /** Iterations taken. */
  readonly iterations: number;
  readonly evaluations: Readonly<EvaluationCounts>;
  /** Whether it stopped by one of the tolerances. */
  readonly converged: boolean;
  readonly reason: StopReason;
  /** One sentence saying why it stopped, with the numbers. */
  readonly message: string;
  readonly method: MethodName;
  /** One record per iteration, the start point first. */
  readonly history: readonly IterationRecord[];
}
