import type { ScalarOrSchedule } from "../schedules.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { sgd } from "./sgd.js";

/**
 * Gradient descent with heavy-ball momentum (Polyak, 1964): `sgd(learningRate, { momentum: beta })`.
 * @param beta - the momentum coefficient in [0, 1]; default 0.9
 * @example
 * const opt = momentum(0.1, 0.5);
 * let state = opt.init(tensor([0]));
 * let updates: any;
 * [updates, state] = opt.update(tensor([1]), state);
 * [updates, state] = opt.update(tensor([1]), state);
 * updates;   // => tensor([-0.15])
 */
export function momentum(learningRate: ScalarOrSchedule, beta = 0.9): GradientTransformation<unknown[]> {
  return sgd(learningRate, { momentum: beta });
}
