/**
 * Learning-rate schedules: functions from the update count (0, 1, 2, ...) to a number, with the
 * formulas and defaults of Optax's schedules (https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html).
 * Arguments are checked when the schedule is built, the step each time it is evaluated.
 */
import { ValueError } from "../errors.js";
import { checkFinite, checkInterval } from "./transforms/validate.js";

/**
 * A schedule maps the number of updates made so far (from 0) to a value, usually a learning rate.
 * @example
 * const halving: Schedule = (step) => 0.1 * 0.5 ** step;
 * halving(2);   // => 0.025
 */
export type Schedule = (step: number) => number;

/**
 * A learning rate given as a constant or as a schedule of the update count.
 * @example
 * const rates: ScalarOrSchedule[] = [0.1, constantSchedule(0.1)];
 * rates.length;   // => 2
 */
export type ScalarOrSchedule = number | Schedule;

function checkStep(op: string, step: number): number {
  if (typeof step !== "number" || !Number.isFinite(step) || step < 0) {
    throw new ValueError(op, `expected a finite step >= 0, got ${String(step)}. Steps count the updates made, from 0.`);
  }
  return step;
}

function checkSteps(op: string, name: string, value: unknown): number {
  const v = checkFinite(op, name, value);
  if (v <= 0 || !Number.isInteger(v)) throw new ValueError(op, `expected ${name} to be a positive integer, got ${v}.`);
  return v;
}

/**
 * The same value at every step.
 * @throws ValueError if `value` is not a finite number
 * @example
 * constantSchedule(0.1)(1000);   // => 0.1
 */
export function constantSchedule(value: number): Schedule {
  const v = checkFinite("constantSchedule", "value", value);
  return (step) => (checkStep("constantSchedule", step), v);
}

/**
 * Starts at `init` and multiplies the value by `scale` once the step reaches each boundary
 * (Optax's `piecewise_constant_schedule`): with `{ 100: 0.1, 200: 0.1 }` the value is `init` before
 * step 100, `init/10` from 100 and `init/100` from 200.
 * @param boundariesAndScales - step boundary (a non-negative integer) → factor applied from that step on
 * @throws ValueError for a negative or fractional boundary, or a non-finite value
 * @example
 * const lr = piecewiseConstantSchedule(1, { 10: 0.5, 20: 0.1 });
 * [lr(9), lr(10), lr(25)];   // => [1, 0.5, 0.05]
 */
export function piecewiseConstantSchedule(init: number, boundariesAndScales: Readonly<Record<number, number>> = {}): Schedule {
  const op = "piecewiseConstantSchedule";
  const start = checkFinite(op, "init", init);
  const pieces = Object.entries(boundariesAndScales).map(([boundary, scale]) => {
    const b = Number(boundary);
    if (!Number.isInteger(b) || b < 0) throw new ValueError(op, `expected boundaries to be integers >= 0, got ${boundary}.`);
    return [b, checkFinite(op, `the scale at boundary ${boundary}`, scale)] as const;
  });
  pieces.sort((a, b) => a[0] - b[0]);
  return (step) => {
    checkStep(op, step);
    let value = start;
    for (const [boundary, scale] of pieces) if (step >= boundary) value *= scale;
    return value;
  };
}

/**
 * Options of `exponentialDecay`.
 * @example
 * const options: ExponentialDecayOptions = { init: 1, transitionSteps: 10, decayRate: 0.5 };
 * exponentialDecay(options)(10);   // => 0.5
 */
export interface ExponentialDecayOptions {
  /** The value at step 0. */
  init: number;
  /** Steps over which the value is multiplied by `decayRate` once. */
  transitionSteps: number;
  /** The factor per `transitionSteps` steps: below 1 decays, above 1 grows. */
  decayRate: number;
  /** Steps before the decay starts (the value stays `init`); default 0. */
  transitionBegin?: number;
  /** Decay in whole transitions (a staircase) instead of continuously; default false. */
  staircase?: boolean;
  /** A floor (when decaying) or ceiling (when growing) the value never passes. */
  endValue?: number;
}

/**
 * `init · decayRate^((step − transitionBegin) / transitionSteps)`, as Optax's `exponential_decay`:
 * continuous or in whole transitions (`staircase`), bounded by `endValue` when given.
 * @throws ValueError for non-positive `transitionSteps` or `decayRate`, or non-finite arguments
 * @example
 * const lr = exponentialDecay({ init: 1, transitionSteps: 10, decayRate: 0.5 });
 * [lr(0), lr(5), lr(20)];   // => [1, 0.707107, 0.25]
 * exponentialDecay({ init: 1, transitionSteps: 10, decayRate: 0.5, staircase: true })(15);   // => 0.5
 * exponentialDecay({ init: 1, transitionSteps: 10, decayRate: 0.5, endValue: 0.3 })(100);   // => 0.3
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const op = "exponentialDecay";
  const init = checkFinite(op, "init", options.init);
  const transitionSteps = checkSteps(op, "transitionSteps", options.transitionSteps);
  const decayRate = checkInterval(op, "decayRate", options.decayRate, 0, Infinity, "both");
  const begin = options.transitionBegin === undefined ? 0 : checkInterval(op, "transitionBegin", options.transitionBegin, 0, Infinity, "high");
  const end = options.endValue === undefined ? undefined : checkFinite(op, "endValue", options.endValue);
  const staircase = options.staircase ?? false;
  return (step) => {
    checkStep(op, step);
    const elapsed = Math.max(step - begin, 0);
    const transitions = staircase ? Math.floor(elapsed / transitionSteps) : elapsed / transitionSteps;
    const value = init * decayRate ** transitions;
    if (end === undefined) return value;
    return decayRate < 1 ? Math.max(value, end) : Math.min(value, end);
  };
}

/**
 * Options of `cosineDecaySchedule`.
 * @example
 * const options: CosineDecayOptions = { init: 1, decaySteps: 100 };
 * cosineDecaySchedule(options)(100);   // => 0
 */
export interface CosineDecayOptions {
  /** The value at step 0. */
  init: number;
  /** Steps over which the value falls to `alpha · init`; constant after. */
  decaySteps: number;
  /** The final value as a fraction of `init`; default 0. */
  alpha?: number;
  /** Power applied to the cosine factor; default 1. */
  exponent?: number;
}

/**
 * Half a cosine from `init` down to `alpha · init` over `decaySteps` steps (Loshchilov and Hutter,
 * SGDR, 2017; Optax's `cosine_decay_schedule`): `init · ((1 − α)·(½(1 + cos(π·t/T)))^p + α)` with
 * t = min(step, T).
 * @throws ValueError for a non-positive `decaySteps` or non-finite arguments
 * @example
 * const lr = cosineDecaySchedule({ init: 1, decaySteps: 100, alpha: 0.1 });
 * [lr(0), lr(50), lr(100), lr(500)];   // => [1, 0.55, 0.1, 0.1]
 */
export function cosineDecaySchedule(options: CosineDecayOptions): Schedule {
  const op = "cosineDecaySchedule";
  const init = checkFinite(op, "init", options.init);
  const decaySteps = checkSteps(op, "decaySteps", options.decaySteps);
  const alpha = checkFinite(op, "alpha", options.alpha ?? 0);
  const exponent = checkFinite(op, "exponent", options.exponent ?? 1);
  return (step) => {
    checkStep(op, step);
    const t = Math.min(step, decaySteps);
    const cosine = 0.5 * (1 + Math.cos((Math.PI * t) / decaySteps));
    return init * ((1 - alpha) * cosine ** exponent + alpha);
  };
}

/**
 * Options of `linearSchedule`.
 * @example
 * const options: LinearScheduleOptions = { init: 0, end: 1, transitionSteps: 4 };
 * linearSchedule(options)(1);   // => 0.25
 */
export interface LinearScheduleOptions {
  /** The value up to `transitionBegin`. */
  init: number;
  /** The value from `transitionBegin + transitionSteps` on. */
  end: number;
  /** Steps the straight line from `init` to `end` takes. */
  transitionSteps: number;
  /** Steps spent at `init` before the line starts; default 0. */
  transitionBegin?: number;
}

/**
 * A straight line from `init` to `end` over `transitionSteps` steps, constant on either side
 * (Optax's `linear_schedule`).
 * @throws ValueError for a non-positive `transitionSteps` or non-finite arguments
 * @example
 * const lr = linearSchedule({ init: 1, end: 0.1, transitionSteps: 10 });
 * [lr(0), lr(5), lr(10), lr(50)];   // => [1, 0.55, 0.1, 0.1]
 */
export function linearSchedule(options: LinearScheduleOptions): Schedule {
  const op = "linearSchedule";
  const init = checkFinite(op, "init", options.init);
  const end = checkFinite(op, "end", options.end);
  const transitionSteps = checkSteps(op, "transitionSteps", options.transitionSteps);
  const begin = options.transitionBegin === undefined ? 0 : checkInterval(op, "transitionBegin", options.transitionBegin, 0, Infinity, "high");
  return (step) => {
    checkStep(op, step);
    const t = Math.min(Math.max(step - begin, 0), transitionSteps);
    return init + ((end - init) * t) / transitionSteps;
  };
}

/**
 * Follows `schedules[0]` until `boundaries[0]`, then `schedules[1]` restarted from step 0, and so
 * on (Optax's `join_schedules`): each schedule sees the steps since its own boundary.
 * @param boundaries - increasing steps, one fewer than the schedules
 * @throws ValueError when the counts do not fit or the boundaries do not increase
 * @example
 * const lr = joinSchedules([constantSchedule(1), constantSchedule(0.1)], [5]);
 * [lr(4), lr(5)];   // => [1, 0.1]
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  const op = "joinSchedules";
  if (schedules.length === 0 || boundaries.length !== schedules.length - 1) {
    throw new ValueError(op, `expected one boundary fewer than schedules, got ${schedules.length} schedules and ${boundaries.length} boundaries.`);
  }
  boundaries.forEach((b, i) => {
    checkInterval(op, `boundary ${i}`, b, 0, Infinity, "high");
    if (i > 0 && b <= boundaries[i - 1]!) throw new ValueError(op, `expected increasing boundaries, got ${boundaries.join(", ")}.`);
  });
  return (step) => {
    checkStep(op, step);
    let piece = 0;
    while (piece < boundaries.length && step >= boundaries[piece]!) piece++;
    return schedules[piece]!(piece === 0 ? step : step - boundaries[piece - 1]!);
  };
}

/**
 * A linear ramp from `init` (default 0) to the first value of `after` over `warmupSteps`, then
 * `after` counted from the end of the warmup: the warmup commonly put before Adam's schedule.
 * @param after - the schedule (or constant) that follows the warmup
 * @throws ValueError for a non-positive `warmupSteps`
 * @example
 * const lr = linearWarmup(4, 0.1);
 * [lr(0), lr(2), lr(4), lr(100)];   // => [0, 0.05, 0.1, 0.1]
 */
export function linearWarmup(warmupSteps: number, after: ScalarOrSchedule, init = 0): Schedule {
  const op = "linearWarmup";
  const steps = checkSteps(op, "warmupSteps", warmupSteps);
  const rest = typeof after === "number" ? constantSchedule(after) : after;
  if (typeof rest !== "function") throw new ValueError(op, `expected after to be a number or a schedule, got ${typeof after}.`);
  return joinSchedules([linearSchedule({ init: checkFinite(op, "init", init), end: rest(0), transitionSteps: steps }), rest], [steps]);
}

/**
 * Options of `warmupCosineDecaySchedule`.
 * @example
 * const options: WarmupCosineDecayOptions = { init: 0, peak: 1, warmupSteps: 10, decaySteps: 110 };
 * warmupCosineDecaySchedule(options)(10);   // => 1
 */
export interface WarmupCosineDecayOptions {
  /** The value at step 0. */
  init: number;
  /** The value reached at the end of the warmup. */
  peak: number;
  /** Steps of the linear warmup from `init` to `peak`. */
  warmupSteps: number;
  /** Total steps, warmup included, until the value reaches `end`. */
  decaySteps: number;
  /** The final value; default 0. */
  end?: number;
  /** Power of the cosine factor; default 1. */
  exponent?: number;
}

/**
 * A linear warmup from `init` to `peak`, then a cosine decay to `end`; `decaySteps` counts the warmup
 * too (Optax's `warmup_cosine_decay_schedule`).
 * @throws ValueError when `decaySteps` is not greater than `warmupSteps`, `peak` is 0, or an argument is not finite
 * @example
 * const lr = warmupCosineDecaySchedule({ init: 0, peak: 1, warmupSteps: 10, decaySteps: 110 });
 * [lr(5), lr(10), lr(60), lr(110)];   // => [0.5, 1, 0.5, 0]
 */
export function warmupCosineDecaySchedule(options: WarmupCosineDecayOptions): Schedule {
  const op = "warmupCosineDecaySchedule";
  const peak = checkFinite(op, "peak", options.peak);
  const end = checkFinite(op, "end", options.end ?? 0);
  const warmupSteps = checkSteps(op, "warmupSteps", options.warmupSteps);
  const decaySteps = checkSteps(op, "decaySteps", options.decaySteps);
  if (peak === 0) throw new ValueError(op, "expected a non-zero peak, got 0. The decay is a fraction of the peak.");
  if (decaySteps <= warmupSteps) {
    throw new ValueError(op, `expected decaySteps > warmupSteps, got ${decaySteps} and ${warmupSteps}. decaySteps counts the warmup too.`);
  }
  return joinSchedules(
    [
      linearSchedule({ init: options.init, end: peak, transitionSteps: warmupSteps }),
      cosineDecaySchedule({ init: peak, decaySteps: decaySteps - warmupSteps, alpha: end / peak, exponent: options.exponent }),
    ],
    [warmupSteps],
  );
}
