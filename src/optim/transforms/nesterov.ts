import type { ScalarOrSchedule } from "../schedules.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { sgd } from "./sgd.js";

/**
 * Gradient descent with Nesterov momentum in Sutskever et al.'s (2013) form, the update
 * `−learningRate · (g + β·t)` with the trace `t ← g + β·t`: `sgd(learningRate, { momentum: beta, nesterov: true })`.
 * @param beta - the momentum coefficient in [0, 1]; default 0.9
 * @example
 * const opt = nesterov(0.1, 0.5);
 * const [updates] = opt.update(tensor([1]), opt.init(tensor([0])));
 * updates;   // => tensor([-0.15])
 */
export function nesterov(learningRate: ScalarOrSchedule, beta = 0.9): GradientTransformation<unknown[]> {
  return sgd(learningRate, { momentum: beta, nesterov: true });
}
