import type { Problem } from "./problem.js";
import type { IterationRecord, MinimizeOptions, StopReason } from "./types.js";
import { norm2, vectorNorm, type Vec } from "./vector.js";

/** Options after validation, with every default filled in (method-specific ones resolved per method). */
export type ResolvedOptions = Required<Omit<MinimizeOptions, "callback" | "maxEvaluations">> & {
  callback: MinimizeOptions["callback"];
  maxEvaluations: number;
};

/**
 * One run's bookkeeping, shared by all methods: the history, the stopping tests every method
 * applies the same way, and the callback. A method calls `record` once per iterate and stops
 * when it returns a reason.
 */
export class Run {
  readonly history: IterationRecord[] = [];

  constructor(
    readonly problem: Problem,
    readonly options: ResolvedOptions,
  ) {}

  /** The gradient's norm in the norm `tol` is checked in. */
  gradNorm(g: Vec): number {
    return vectorNorm(g, this.options.norm);
  }

  /** Iterations recorded so far (the start point is iteration 0). */
  get iterations(): number {
    return Math.max(0, this.history.length - 1);
  }

  /**
   * Records the current iterate and says whether to stop: non-finite values, the gradient
   * tolerance, the callback, then the iteration and evaluation limits, in that order.
   */
  record(fun: number, gradNorm: number, stepLength: number, detail?: Record<string, number>): StopReason | null {
    const record: IterationRecord = detail
      ? { iteration: this.history.length, fun, gradNorm, stepLength, detail }
      : { iteration: this.history.length, fun, gradNorm, stepLength };
    this.history.push(record);
    if (!Number.isFinite(fun) || !Number.isFinite(gradNorm)) return "non-finite";
    if (gradNorm <= this.options.tol) return "gradient-tolerance";
    if (this.options.callback?.(record) === true) return "callback";
    if (this.iterations >= this.options.maxIter) return "max-iterations";
    if (this.problem.counts.fun >= this.options.maxEvaluations) return "max-evaluations";
    return null;
  }

  /** The function and step tolerances, tested after a step from (xPrev, fPrev) to (x, f). */
  progressStop(fPrev: number, f: number, xPrev: Vec, x: Vec): StopReason | null {
    const { ftol, xtol } = this.options;
    if (ftol > 0 && Math.abs(fPrev - f) <= ftol * Math.max(Math.abs(fPrev), Math.abs(f), 1)) return "function-tolerance";
    if (xtol > 0) {
      let d = 0;
      for (let i = 0; i < x.length; i++) d += (x[i]! - xPrev[i]!) ** 2;
      if (Math.sqrt(d) <= xtol * (xtol + norm2(xPrev))) return "step-tolerance";
    }
    return null;
  }
}

/** What a method hands back: the final point, its value and gradient, and why it stopped. */
export interface MethodOutcome {
  readonly x: Vec;
  readonly fun: number;
  readonly grad: Vec;
  readonly reason: StopReason;
}

/** A minimization method: runs from `problem.initial()` until `run.record` (or its own test) says stop. */
export type Method = (problem: Problem, run: Run) => MethodOutcome;
