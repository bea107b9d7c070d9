import type { MethodOutcome, Run } from "../run.js";
import type { Problem } from "../problem.js";
import { norm2, type Vec } from "../vector.js";

/**
 * The loop shared by the first-order drivers without a line search (momentum, adam): at each
 * iteration `move(grad)` says how far to move from x, one value and gradient are evaluated at the
 * new point, and the run records it. A step that makes f or its gradient non-finite stops the run
 * with the previous point.
 */
export function runFixedSteps(problem: Problem, run: Run, move: (grad: Vec) => Vec): MethodOutcome {
  let x = problem.initial();
  let { fun, grad } = problem.valueAndGrad(x);
  let reason = run.record(fun, run.gradNorm(grad), 0);
  while (reason === null) {
    const delta = move(grad);
    const next = new Float64Array(x.length);
    for (let i = 0; i < next.length; i++) next[i] = x[i]! + delta[i]!;
    const stepLength = norm2(delta);
    const evaluated = problem.valueAndGrad(next);
    if (!Number.isFinite(evaluated.fun) || !evaluated.grad.every(Number.isFinite)) {
      run.record(evaluated.fun, NaN, stepLength);
      reason = "non-finite";
      break;
    }
    const previous = { x, fun };
    x = next;
    fun = evaluated.fun;
    grad = evaluated.grad;
    reason = run.record(fun, run.gradNorm(grad), stepLength) ?? run.progressStop(previous.fun, fun, previous.x, x);
  }
  return { x, fun, grad, reason };
}
