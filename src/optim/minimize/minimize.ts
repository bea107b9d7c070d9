import { ValueError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { METHODS } from "./methods/index.js";
import { resolveOptions } from "./options.js";
import { Problem } from "./problem.js";
import { Run } from "./run.js";
import { CONVERGED_REASONS, LEAST_SQUARES_METHODS, type MinimizeOptions, type MinimizeResult, type StopReason } from "./types.js";

/**
 * Minimizes f over a parameter tree, with derivatives by automatic differentiation.
 *
 * Methods (option `method`, default `"bfgs"`): `"gd"` (gradient descent with a backtracking
 * Armijo line search, or a fixed step), `"momentum"`, `"adam"`, `"newton"` (exact Hessian, with its
 * eigenvalues' absolute values where it is not positive definite), `"newton-cg"` (Hessian-vector products and truncated
 * conjugate gradients), `"bfgs"`, `"lbfgs"`, `"cg"` (nonlinear Polak–Ribière+), `"trust-region"`
 * (Steihaug–CG), and for least squares, where f returns a vector of residuals r(x) and the
 * objective is ½‖r(x)‖², `"gauss-newton"` and `"levenberg-marquardt"`.
 *
 * The run is in float64 unless `dtype: "float32"` is given. It always stops: by a tolerance
 * (converged), by the iteration or evaluation limit, by a failed line search or collapsed trust
 * region, on a non-finite value (returning the last finite point), or when the callback returns
 * true; `reason` and `message` say which.
 *
 * @param f - a function of a parameter tree returning a scalar tensor (residuals for least squares)
 * @param x0 - the starting point: a tensor, a number, or a tree of them
 * @throws ValueError for unknown methods or options, invalid option values, or a non-finite x0
 * @throws ShapeError if f does not return a scalar (for a non-least-squares method)
 * @example
 * const rosenbrock = (p: Tensor) => {
 *   const [x, y] = [p.slice(0), p.slice(1)];
 *   return x.neg().add(1).square().add(y.sub(x.square()).square().mul(100));
 * };
 * const result = minimize(rosenbrock, tensor([-1.2, 1]), { method: "gd", maxIter: 5 });
 * result.iterations;   // => 5
 */
export function minimize<T>(f: (x: T) => Tensor, x0: T, options: MinimizeOptions = {}): MinimizeResult<T> {
  if (typeof f !== "function") throw new ValueError("minimize", `expected f to be a function, got ${typeof f}.`);
  const probe = resolveOptions(options, 1);
  const problem = new Problem("minimize", f as (x: unknown) => unknown, x0, probe.dtype, LEAST_SQUARES_METHODS.includes(probe.method));
  const resolved = resolveOptions(options, problem.n);
  const method = METHODS[resolved.method];
  if (method === undefined) throw new ValueError("minimize", `expected an available method, got ${JSON.stringify(resolved.method)}.`);
  const run = new Run(problem, resolved);
  const outcome = method(problem, run);
  const gradNorm = run.gradNorm(outcome.grad);
  return {
    x: problem.toTree<T>(outcome.x),
    fun: outcome.fun,
    grad: problem.toTree<T>(outcome.grad),
    gradNorm,
    iterations: run.iterations,
    evaluations: { ...problem.counts },
    converged: CONVERGED_REASONS.includes(outcome.reason),
    reason: outcome.reason,
    message: describeStop(outcome.reason, resolved, run.iterations, gradNorm),
    method: resolved.method,
    history: run.history,
  };
}

function describeStop(reason: StopReason, options: ReturnType<typeof resolveOptions>, iterations: number, gradNorm: number): string {
  const g = gradNorm.toExponential(2);
  switch (reason) {
    case "gradient-tolerance":
      return `Converged: gradient norm ${g} <= tol ${options.tol} after ${iterations} iterations.`;
    case "function-tolerance":
      return `Converged: f changed by less than ftol ${options.ftol} (relative) after ${iterations} iterations; gradient norm ${g}.`;
    case "step-tolerance":
      return options.method === "newton-cg"
        ? `Converged: the mean absolute step component fell below xtol ${options.xtol} after ${iterations} iterations; gradient norm ${g}.`
        : `Converged: the step was shorter than xtol ${options.xtol} (relative) after ${iterations} iterations; gradient norm ${g}.`;
    case "max-iterations":
      return `Stopped: reached maxIter ${options.maxIter} without convergence; gradient norm ${g}.`;
    case "max-evaluations":
      return `Stopped: reached maxEvaluations ${options.maxEvaluations} without convergence; gradient norm ${g}.`;
    case "line-search-failed":
      return `Stopped: the line search found no step that decreases f enough after ${iterations} iterations; gradient norm ${g} (the tolerance may be below what floating point resolves).`;
    case "trust-region-collapsed":
      return `Stopped: the trust region shrank below floating-point resolution after ${iterations} iterations; gradient norm ${g}.`;
    case "non-finite":
      return `Stopped: f or its gradient became NaN or infinite after ${iterations} iterations; x is the last finite point.`;
    case "callback":
      return `Stopped by the callback after ${iterations} iterations; gradient norm ${g}.`;
  }
}
