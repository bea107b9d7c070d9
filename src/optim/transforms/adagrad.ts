import type { ScalarOrSchedule } from "../schedules.js";
import { chain } from "./chain.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { scaleByLearningRate } from "./scale-by-learning-rate.js";
import { scaleByRss } from "./scale-by-rss.js";

/**
 * Adagrad (Duchi et al., 2011; Optax's `adagrad`): each coordinate's step is divided by the root of
 * the sum of its squared gradients so far, `−lr · g / √(s + eps)` with `s ← s + g²`.
 * @param options - `initialAccumulatorValue` (default 0.1) and `eps` (default 1e-7)
 * @example
 * const opt = adagrad(1, { initialAccumulatorValue: 0, eps: 0 });
 * const [updates] = opt.update(tensor([3, -0.5]), opt.init(tensor([0, 0])));
 * updates;   // => tensor([-1, 1])
 */
export function adagrad(learningRate: ScalarOrSchedule, options: { initialAccumulatorValue?: number; eps?: number } = {}): GradientTransformation<unknown[]> {
  return chain(scaleByRss(options), scaleByLearningRate(learningRate));
}
