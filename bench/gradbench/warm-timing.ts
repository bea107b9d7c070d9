/**
 * Warm, in-process timing of one eval function, shared by the profiling scripts: the median wall
 * time of `run` and the mean process CPU time per call (user + system, which includes the garbage
 * collector's threads, so it can exceed the wall time). CPU time moves less than wall time on a
 * shared machine, which is why decisions are taken on it.
 */
import type { EvalFunction } from "./eval-module.js";

export interface WarmTimingOptions {
  /** Timed runs; by default as many as fit in `seconds` (between `minRuns` and `maxRuns`). */
  readonly runs?: number | null;
  /** Seconds of timed runs to aim for when `runs` is not given (default 1). */
  readonly seconds?: number;
  /** Warm-up: at least `minWarm` calls, then more until `warmMs` have passed (at most `maxWarm`). */
  readonly minWarm?: number;
  readonly warmMs?: number;
  readonly maxWarm?: number;
  readonly minRuns?: number;
  readonly maxRuns?: number;
}

export interface WarmTiming {
  readonly runs: number;
  /** Median wall time per call, in milliseconds. */
  readonly median: number;
  /** Mean CPU time per call, in milliseconds. */
  readonly cpu: number;
}

function cpuMicroseconds(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Warms `fn` up on `prepared` (letting V8 optimise the kernels), then times its runs. */
export function timeWarm(fn: EvalFunction, prepared: unknown, options: WarmTimingOptions = {}): WarmTiming {
  const { seconds = 1, minWarm = 2, warmMs = 300, maxWarm = 50, minRuns = 3, maxRuns = 1000 } = options;
  const warmStart = performance.now();
  let warm = 0;
  while (warm < minWarm || (performance.now() - warmStart < warmMs && warm < maxWarm)) {
    fn.output(fn.run(prepared));
    warm++;
  }
  const perCall = (performance.now() - warmStart) / warm;
  const runs = options.runs ?? Math.max(minRuns, Math.min(maxRuns, Math.round((1000 * seconds) / perCall)));
  const wall: number[] = [];
  const cpuStart = cpuMicroseconds();
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn.run(prepared);
    wall.push(performance.now() - t0);
  }
  const cpu = (cpuMicroseconds() - cpuStart) / 1000 / runs;
  wall.sort((a, b) => a - b);
  return { runs, median: wall[Math.floor(runs / 2)]!, cpu };
}

/** Milliseconds as `1.234s`, `12.34ms` or `123.4us`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)}s` : ms >= 1 ? `${ms.toFixed(2)}ms` : `${(ms * 1000).toFixed(1)}us`;
}
