import type { ScalarOrSchedule } from "../schedules.js";
import { chain } from "./chain.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { scaleByAdam, type ScaleByAdamOptions } from "./scale-by-adam.js";
import { scaleByLearningRate } from "./scale-by-learning-rate.js";

/**
 * Adam (Kingma and Ba, 2015; Optax's `adam`): `scaleByAdam` followed by `−learningRate`. Defaults
 * b1 = 0.9, b2 = 0.999, eps = 1e-8.
 * @example
 * const opt = adam(0.1);
 * const params = { w: tensor([1, 2]) };
 * const [updates] = opt.update({ w: tensor([0.5, -0.5]) }, opt.init(params), params);
 * updates.w;   // => tensor([-0.1, 0.1])
 */
export function adam(learningRate: ScalarOrSchedule, options: ScaleByAdamOptions = {}): GradientTransformation<unknown[]> {
  return chain(scaleByAdam(options), scaleByLearningRate(learningRate));
}
