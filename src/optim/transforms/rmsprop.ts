import type { ScalarOrSchedule } from "../schedules.js";
import { chain } from "./chain.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { scaleByLearningRate } from "./scale-by-learning-rate.js";
import { scaleByRms, type ScaleByRmsOptions } from "./scale-by-rms.js";
import { scaleByStddev } from "./scale-by-stddev.js";
import { traceMomentum } from "./trace-momentum.js";

/**
 * Options of `rmsprop`: those of `scaleByRms` plus the centered and momentum variants.
 * @example
 * const options: RmspropOptions = { decay: 0.9, centered: true, momentum: 0.9 };
 * options.centered;   // => true
 */
export interface RmspropOptions extends ScaleByRmsOptions {
  /** Divide by the standard deviation of the gradients instead of their RMS (`scaleByStddev`); default false. */
  centered?: boolean;
  /** Momentum applied after the learning rate, as Optax does; none by default. */
  momentum?: number;
  /** Nesterov's form of that momentum; default false. */
  nesterov?: boolean;
}

/**
 * RMSProp (Tieleman and Hinton, 2012; Optax's `rmsprop`): `scaleByRms` (or `scaleByStddev` when
 * `centered`), then `−learningRate`, then an optional momentum trace.
 * @example
 * const opt = rmsprop(0.1, { decay: 0.75, eps: 0 });
 * const [updates] = opt.update(tensor([2, -4]), opt.init(tensor([0, 0])));
 * updates;   // => tensor([-0.2, 0.2])
 */
export function rmsprop(learningRate: ScalarOrSchedule, options: RmspropOptions = {}): GradientTransformation<unknown[]> {
  const { centered, momentum, nesterov, ...rms } = options;
  const steps: GradientTransformation<any>[] = [centered ? scaleByStddev(rms) : scaleByRms(rms), scaleByLearningRate(learningRate)];
  if (momentum !== undefined) steps.push(traceMomentum({ decay: momentum, nesterov }));
  return chain(...steps);
}
