import type { ScalarOrSchedule } from "../schedules.js";
import { addDecayedWeights, type ParameterMask } from "./add-decayed-weights.js";
import { chain } from "./chain.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { scaleByLearningRate } from "./scale-by-learning-rate.js";
import { scaleByLion } from "./scale-by-lion.js";

/**
 * Options of `lion`, with Optax's defaults.
 * @example
 * const options: LionOptions = { b1: 0.9, b2: 0.99, weightDecay: 0 };
 * options.b2;   // => 0.99
 */
export interface LionOptions {
  /** Interpolation between gradient and momentum in the sign; default 0.9. */
  b1?: number;
  /** Decay of the momentum; default 0.99. */
  b2?: number;
  /** Decoupled weight decay; default 1e-3. */
  weightDecay?: number;
  /** Which parameters decay; all by default. */
  mask?: ParameterMask;
}

/**
 * Lion (Chen et al., 2023; Optax's `lion`): `scaleByLion`, decoupled weight decay, then
 * −learningRate. Its steps have size learningRate in every coordinate, so it wants a learning rate
 * 3 to 10 times smaller than Adam's.
 * @example
 * const opt = lion(0.01, { weightDecay: 0 });
 * const [updates] = opt.update(tensor([0.2, -5]), opt.init(tensor([0, 0])));
 * updates;   // => tensor([-0.01, 0.01])
 */
export function lion(learningRate: ScalarOrSchedule, options: LionOptions = {}): GradientTransformation<unknown[]> {
  const { weightDecay = 1e-3, mask, b1, b2 } = options;
  return chain(scaleByLion({ b1, b2 }), addDecayedWeights(weightDecay, mask), scaleByLearningRate(learningRate));
}
