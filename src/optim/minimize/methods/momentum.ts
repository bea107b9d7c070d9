import type { Method } from "../run.js";
import { runFixedSteps } from "./fixed-step-driver.js";

/**
 * Gradient descent with heavy-ball momentum (Polyak 1964; Nocedal & Wright §5.1 discuss it beside
 * CG): v ← β v − α ∇f(x), x ← x + v, with the fixed step α = `learningRate` (default 1e-3) and
 * β = `beta` (default 0.9). One gradient per iteration, no line search: a step that makes f or
 * its gradient non-finite stops the run with the previous point.
 */
export const momentum: Method = (problem, run) => {
  const { learningRate, beta } = run.options;
  const velocity = new Float64Array(problem.n);
  return runFixedSteps(problem, run, (grad) => {
    for (let i = 0; i < velocity.length; i++) velocity[i] = beta * velocity[i]! - learningRate * grad[i]!;
    return velocity;
  });
};
