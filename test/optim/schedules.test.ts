/** Learning-rate schedules at chosen steps, against their formulas, and their argument errors. */
import { describe, expect, test } from "vitest";
import {
  ValueError,
  constantSchedule,
  cosineDecaySchedule,
  exponentialDecay,
  joinSchedules,
  linearSchedule,
  linearWarmup,
  piecewiseConstantSchedule,
  warmupCosineDecaySchedule,
} from "../../src/index.js";

describe("values at chosen steps", () => {
  test("constantSchedule is constant", () => {
    const lr = constantSchedule(0.3);
    expect([0, 1, 1e6].map(lr)).toEqual([0.3, 0.3, 0.3]);
  });

  test("piecewiseConstantSchedule multiplies at each boundary reached, in step order", () => {
    const lr = piecewiseConstantSchedule(2, { 20: 0.1, 10: 0.5 });
    expect([0, 9, 10, 19, 20, 1000].map(lr)).toEqual([2, 2, 1, 1, 2 * 0.5 * 0.1, 2 * 0.5 * 0.1]);
    expect(piecewiseConstantSchedule(3)(50)).toBe(3);
  });

  test("exponentialDecay, continuous and as a staircase", () => {
    const smooth = exponentialDecay({ init: 0.1, transitionSteps: 100, decayRate: 0.9 });
    expect(smooth(0)).toBe(0.1);
    expect(smooth(50)).toBeCloseTo(0.1 * 0.9 ** 0.5, 15);
    expect(smooth(250)).toBeCloseTo(0.1 * 0.9 ** 2.5, 15);
    const stairs = exponentialDecay({ init: 0.1, transitionSteps: 100, decayRate: 0.9, staircase: true });
    expect(stairs(99)).toBe(0.1);
    expect(stairs(250)).toBeCloseTo(0.1 * 0.81, 15);
  });

  test("exponentialDecay waits for transitionBegin and stops at endValue", () => {
    const delayed = exponentialDecay({ init: 1, transitionSteps: 10, decayRate: 0.5, transitionBegin: 5 });
    expect(delayed(5)).toBe(1);
    expect(delayed(15)).toBeCloseTo(0.5, 15);
    const floored = exponentialDecay({ init: 1, transitionSteps: 1, decayRate: 0.5, endValue: 0.2 });
    expect([1, 2, 3, 10].map(floored)).toEqual([0.5, 0.25, 0.2, 0.2]);
    const capped = exponentialDecay({ init: 1, transitionSteps: 1, decayRate: 2, endValue: 5 });
    expect([1, 2, 3].map(capped)).toEqual([2, 4, 5]);
  });

  test("cosineDecaySchedule follows half a cosine down to alpha·init and stays there", () => {
    const lr = cosineDecaySchedule({ init: 0.2, decaySteps: 100, alpha: 0.1 });
    const at = (t: number) => 0.2 * (0.9 * 0.5 * (1 + Math.cos((Math.PI * t) / 100)) + 0.1);
    for (const t of [0, 25, 50, 75, 100]) expect(lr(t)).toBeCloseTo(at(t), 15);
    expect(lr(1000)).toBeCloseTo(0.02, 15);
    const squared = cosineDecaySchedule({ init: 1, decaySteps: 100, exponent: 2 });
    expect(squared(50)).toBeCloseTo(0.25, 15);
  });

  test("linearSchedule is a straight line between two plateaus", () => {
    const lr = linearSchedule({ init: 1, end: 0, transitionSteps: 4, transitionBegin: 2 });
    expect([0, 2, 3, 4, 6, 100].map(lr)).toEqual([1, 1, 0.75, 0.5, 0, 0]);
  });

  test("joinSchedules restarts each schedule's count at its boundary", () => {
    const lr = joinSchedules([constantSchedule(1), linearSchedule({ init: 0.5, end: 0, transitionSteps: 10 }), constantSchedule(7)], [10, 20]);
    expect([0, 9, 10, 15, 20, 99].map(lr)).toEqual([1, 1, 0.5, 0.25, 7, 7]);
    expect(lr(19)).toBeCloseTo(0.05, 15);
  });

  test("linearWarmup ramps to the schedule that follows and then runs it from its start", () => {
    const lr = linearWarmup(10, exponentialDecay({ init: 1, transitionSteps: 1, decayRate: 0.5 }), 0.5);
    expect([0, 5, 10, 11, 12].map(lr)).toEqual([0.5, 0.75, 1, 0.5, 0.25]);
  });

  test("warmupCosineDecaySchedule counts the warmup in decaySteps", () => {
    const lr = warmupCosineDecaySchedule({ init: 0, peak: 1, warmupSteps: 100, decaySteps: 1100, end: 0.1 });
    expect(lr(0)).toBe(0);
    expect(lr(50)).toBe(0.5);
    expect(lr(100)).toBe(1);
    expect(lr(600)).toBeCloseTo(0.9 * 0.5 + 0.1, 15);
    expect(lr(1100)).toBeCloseTo(0.1, 15);
    expect(lr(5000)).toBeCloseTo(0.1, 15);
  });
});

describe("errors", () => {
  test("steps must be finite and not negative", () => {
    expect(() => constantSchedule(1)(-1)).toThrow(new ValueError("constantSchedule", "expected a finite step >= 0, got -1. Steps count the updates made, from 0."));
    expect(() => cosineDecaySchedule({ init: 1, decaySteps: 10 })(Number.NaN)).toThrow(
      new ValueError("cosineDecaySchedule", "expected a finite step >= 0, got NaN. Steps count the updates made, from 0."),
    );
  });

  test("non-finite values are refused when the schedule is built", () => {
    expect(() => constantSchedule(Number.POSITIVE_INFINITY)).toThrow(new ValueError("constantSchedule", "expected value to be a finite number, got Infinity."));
    expect(() => exponentialDecay({ init: Number.NaN, transitionSteps: 1, decayRate: 0.5 })).toThrow(
      new ValueError("exponentialDecay", "expected init to be a finite number, got NaN."),
    );
  });

  test("step counts must be positive integers and rates positive", () => {
    expect(() => exponentialDecay({ init: 1, transitionSteps: 0, decayRate: 0.5 })).toThrow(
      new ValueError("exponentialDecay", "expected transitionSteps to be a positive integer, got 0."),
    );
    expect(() => exponentialDecay({ init: 1, transitionSteps: 10, decayRate: 0 })).toThrow(
      new ValueError("exponentialDecay", "expected decayRate in (0, Infinity), got 0."),
    );
    expect(() => cosineDecaySchedule({ init: 1, decaySteps: -5 })).toThrow(new ValueError("cosineDecaySchedule", "expected decaySteps to be a positive integer, got -5."));
    expect(() => piecewiseConstantSchedule(1, { [-3]: 0.5 })).toThrow(new ValueError("piecewiseConstantSchedule", "expected boundaries to be integers >= 0, got -3."));
  });

  test("joinSchedules and warmupCosineDecaySchedule check how their pieces fit", () => {
    expect(() => joinSchedules([constantSchedule(1)], [5])).toThrow(
      new ValueError("joinSchedules", "expected one boundary fewer than schedules, got 1 schedules and 1 boundaries."),
    );
    expect(() => joinSchedules([constantSchedule(1), constantSchedule(2), constantSchedule(3)], [5, 5])).toThrow(
      new ValueError("joinSchedules", "expected increasing boundaries, got 5, 5."),
    );
    expect(() => warmupCosineDecaySchedule({ init: 0, peak: 1, warmupSteps: 10, decaySteps: 10 })).toThrow(
      new ValueError("warmupCosineDecaySchedule", "expected decaySteps > warmupSteps, got 10 and 10. decaySteps counts the warmup too."),
    );
    expect(() => warmupCosineDecaySchedule({ init: 0, peak: 0, warmupSteps: 10, decaySteps: 20 })).toThrow(
      new ValueError("warmupCosineDecaySchedule", "expected a non-zero peak, got 0. The decay is a fraction of the peak."),
    );
  });
});
