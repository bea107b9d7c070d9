import { ValueError } from "../../errors.js";
import type { ScalarOrSchedule } from "../schedules.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { scale } from "./scale.js";
import { scaleBySchedule, type ScaleByScheduleState } from "./scale-by-schedule.js";
import { checkFinite } from "./validate.js";

/**
 * Multiplies the updates by −learningRate, turning a descent direction into a step to add to the
 * parameters (Optax's `scale_by_learning_rate`; `flipSign: false` keeps the sign, for ascent).
 * @param learningRate - a number, or a schedule evaluated at the update count
 * @throws ValueError if the rate is neither a finite number nor a function
 * @example
 * const [updates] = scaleByLearningRate(0.1).update(tensor([1, -2]), null);
 * updates;   // => tensor([-0.1, 0.2])
 */
export function scaleByLearningRate(learningRate: ScalarOrSchedule, options: { flipSign?: boolean } = {}): GradientTransformation<ScaleByScheduleState | null> {
  const sign = options.flipSign === false ? 1 : -1;
  if (typeof learningRate === "function") return scaleBySchedule((step) => sign * learningRate(step)) as GradientTransformation<ScaleByScheduleState | null>;
  if (typeof learningRate !== "number") {
    throw new ValueError("scaleByLearningRate", `expected a learning rate that is a number or a schedule, got ${typeof learningRate}.`);
  }
  return scale(sign * checkFinite("scaleByLearningRate", "learningRate", learningRate)) as GradientTransformation<ScaleByScheduleState | null>;
}
