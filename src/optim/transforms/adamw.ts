import type { ScalarOrSchedule } from "../schedules.js";
import { addDecayedWeights, type ParameterMask } from "./add-decayed-weights.js";
import { chain } from "./chain.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { scaleByAdam, type ScaleByAdamOptions } from "./scale-by-adam.js";
import { scaleByLearningRate } from "./scale-by-learning-rate.js";

/**
 * Options of `adamw`: Adam's plus the decoupled weight decay.
 * @example
 * const options: AdamwOptions = { weightDecay: 0.01, mask: { w: true, b: false } };
 * options.weightDecay;   // => 0.01
 */
export interface AdamwOptions extends ScaleByAdamOptions {
  /** The decay rate λ; default 1e-4 (Optax's). */
  weightDecay?: number;
  /** Which parameters decay (see `ParameterMask`); all by default. */
  mask?: ParameterMask;
}

/**
 * AdamW (Loshchilov and Hutter, 2019; Optax's `adamw`): Adam's direction plus λ·params, all scaled
 * by −learningRate, so the decay is not divided by Adam's second moment as an L2 penalty would be.
 * @example
 * const opt = adamw(0.1, { weightDecay: 0.5 });
 * const params = tensor([2]);
 * const [updates] = opt.update(tensor([3]), opt.init(params), params);
 * updates;   // => tensor([-0.2])
 */
export function adamw(learningRate: ScalarOrSchedule, options: AdamwOptions = {}): GradientTransformation<unknown[]> {
  const { weightDecay = 1e-4, mask, ...adamOptions } = options;
  return chain(scaleByAdam(adamOptions), addDecayedWeights(weightDecay, mask), scaleByLearningRate(learningRate));
}
