import type { Method } from "../run.js";
import { runFixedSteps } from "./fixed-step-driver.js";

/**
 * Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1) as a
 * deterministic driver: moment estimates m ← β₁m + (1 − β₁)g and v ← β₂v + (1 − β₂)g², their
 * bias-corrected forms m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ), and the step x ← x − α m̂/(√v̂ + ε), with
 * α = `learningRate` (default 1e-3), `beta1`, `beta2`, `eps`. Each coordinate moves by about α at
 * most, so α sets the resolution: expect to reach the minimum to roughly α's scale unless the
 * gradient tolerance is met first. A non-finite f or gradient stops the run with the previous point.
 */
export const adam: Method = (problem, run) => {
  const { learningRate, beta1, beta2, eps } = run.options;
  const first = new Float64Array(problem.n);
  const second = new Float64Array(problem.n);
  let step = 0;
  return runFixedSteps(problem, run, (grad) => {
    step++;
    const firstCorrection = 1 - beta1 ** step;
    const secondCorrection = 1 - beta2 ** step;
    const move = new Float64Array(problem.n);
    for (let i = 0; i < move.length; i++) {
      const g = grad[i]!;
      first[i] = beta1 * first[i]! + (1 - beta1) * g;
      second[i] = beta2 * second[i]! + (1 - beta2) * g * g;
      move[i] = (-learningRate * (first[i]! / firstCorrection)) / (Math.sqrt(second[i]! / secondCorrection) + eps);
    }
    return move;
  });
};
