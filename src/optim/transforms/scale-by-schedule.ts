import type { Tree } from "../../core/tree.js";
import { NonFiniteError, ValueError } from "../../errors.js";
import type { Schedule } from "../schedules.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { mapLeaves } from "./leaves.js";

/**
 * The state of `scaleBySchedule`: how many updates it has scaled.
 * @example
 * const state: ScaleByScheduleState = { count: 0 };
 * state.count;   // => 0
 */
export interface ScaleByScheduleState {
  readonly count: number;
}

/**
 * Multiplies the updates by `schedule(count)`, where count is the number of updates made before
 * this one (Optax's `scale_by_schedule`).
 * @throws NonFiniteError when the schedule returns a non-finite factor
 * @example
 * const halving = scaleBySchedule((step) => 0.5 ** step);
 * let state = halving.init(null);
 * let updates: any;
 * [updates, state] = halving.update(tensor([8]), state);
 * [updates, state] = halving.update(tensor([8]), state);
 * updates;   // => tensor([4])
 */
export function scaleBySchedule(schedule: Schedule): GradientTransformation<ScaleByScheduleState> {
  if (typeof schedule !== "function") throw new ValueError("scaleBySchedule", `expected a schedule (a function of the step), got ${typeof schedule}.`);
  return {
    init: () => ({ count: 0 }),
    update(updates: Tree, state: ScaleByScheduleState) {
      const factor = schedule(state.count);
      if (typeof factor !== "number" || !Number.isFinite(factor)) {
        throw new NonFiniteError("scaleBySchedule", `expected the schedule to return a finite number at step ${state.count}, got ${String(factor)}.`);
      }
      return [mapLeaves("scaleBySchedule", { updates }, (g) => g.mul(factor)), { count: state.count + 1 }];
    },
  };
}
