import type { ScalarOrSchedule } from "../schedules.js";
import { chain } from "./chain.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { scaleByLearningRate } from "./scale-by-learning-rate.js";
import { traceMomentum } from "./trace-momentum.js";

/**
 * Stochastic gradient descent (Optax's `sgd`): `−learningRate · g`, or with `momentum` β the
 * heavy-ball trace `t ← g + β·t` (Nesterov's form with `nesterov`) scaled by −learningRate.
 * @param learningRate - a number or a schedule of the update count
 * @example
 * const opt = sgd(0.1);
 * const params = tensor([1, 2]);
 * const [updates] = opt.update(tensor([1, 1]), opt.init(params));
 * applyUpdates(params, updates);   // => tensor([0.9, 1.9])
 */
export function sgd(learningRate: ScalarOrSchedule, options: { momentum?: number; nesterov?: boolean } = {}): GradientTransformation<unknown[]> {
  const rate = scaleByLearningRate(learningRate);
  if (options.momentum === undefined) return chain(rate);
  return chain(traceMomentum({ decay: options.momentum, nesterov: options.nesterov }), rate);
}
