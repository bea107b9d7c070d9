/**
 * The observed speed of an iteration, read from its history of objective values or gradient norms:
 * the linear rate (how much each step shrinks the error) and the order of convergence.
 */
import { NonFiniteError, ValueError } from "../errors.js";

/**
 * Options of `convergenceRate`.
 * @example
 * const options: ConvergenceRateOptions = { fStar: 0 };
 * options.fStar;   // => 0
 */
export interface ConvergenceRateOptions {
  /**
   * The limit of the sequence (the optimal value, or 0 for gradient norms). Without it the errors
   * are the differences of successive values, |v_{k+1} − v_k|, which shrink at the same rate and order.
   */
  fStar?: number;
}

/**
 * What `convergenceRate` observed.
 * @example
 * const observed: ConvergenceRate = convergenceRate([1, 0.5, 0.25, 0.125], { fStar: 0 });
 * observed.kind;   // => "linear"
 */
export interface ConvergenceRate {
  /** The order q in e_{k+1} ≈ C·e_k^q: 1 for linear (and sublinear), 2 for quadratic convergence. */
  readonly order: number;
  /** The median ratio e_{k+1}/e_k of successive errors: below 1 converges, near 1 crawls, 1 or more does not converge. */
  readonly rate: number;
  /** "quadratic" (q ≥ 1.8), "superlinear" (q ≥ 1.2, or ratios falling towards 0), "sublinear" (ratios creeping up to 1, or at least 1) or "linear". */
  readonly kind: "sublinear" | "linear" | "superlinear" | "quadratic";
  /** How many successive-error ratios the estimate rests on. */
  readonly samples: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function valuesOf(history: readonly (number | { readonly fun: number })[]): number[] {
  if (!Array.isArray(history)) throw new ValueError("convergenceRate", `expected a list of numbers or of records with a fun field, got ${typeof history}.`);
  return history.map((entry, i) => {
    const value = typeof entry === "number" ? entry : typeof entry === "object" && entry !== null ? entry.fun : undefined;
    if (typeof value !== "number") {
      throw new ValueError("convergenceRate", `expected a number or a record with a numeric fun at entry ${i}, got ${entry === null ? "null" : typeof entry}.`);
    }
    if (!Number.isFinite(value)) throw new NonFiniteError("convergenceRate", `expected finite values, got ${value} at entry ${i}. Cut the history before the run diverged.`);
    return value;
  });
}

/**
 * Estimates how fast a sequence converges from its history: the errors e_k are |v_k − fStar|
 * (or, without fStar, the differences of successive values), kept up to the first one at rounding
 * level. The rate is the median of e_{k+1}/e_k; the order q is the median of the local estimates
 * log(e_{k+2}/e_{k+1}) / log(e_{k+1}/e_k), which need no knowledge of the constant C in
 * e_{k+1} ≈ C·e_k^q (the "computational order of convergence", Weerakoon and Fernando, 2000).
 * Medians keep one odd step (a line search's short step, a restart) from deciding the answer.
 *
 * @param history - objective values or gradient norms, or records with a `fun` field such as `minimize`'s history
 * @throws ValueError when fewer than 3 errors lie above rounding level, or an entry is not a number or record
 * @throws NonFiniteError for a NaN or infinite value
 * @example
 * convergenceRate([1, 0.1, 0.01, 0.001, 0.0001], { fStar: 0 });   // => { order: 1, rate: 0.1, kind: "linear", samples: 4 }
 * // Newton's method for √2 doubles the correct digits each step.
 * const newton = [1, 1.5, 1.4166666666666667, 1.4142156862745099, 1.4142135623746899];
 * convergenceRate(newton, { fStar: Math.SQRT2 }).kind;   // => "quadratic"
 */
export function convergenceRate(history: readonly (number | { readonly fun: number })[], options: ConvergenceRateOptions = {}): ConvergenceRate {
  const op = "convergenceRate";
  const values = valuesOf(history);
  const { fStar } = options;
  if (fStar !== undefined && (typeof fStar !== "number" || !Number.isFinite(fStar))) {
    throw new ValueError(op, `expected fStar to be a finite number, got ${String(fStar)}.`);
  }
  const raw = fStar === undefined ? values.slice(1).map((v, k) => Math.abs(v - values[k]!)) : values.map((v) => Math.abs(v - fStar));
  // Errors below a few ulps of the values are rounding, not progress: stop at the first one.
  const floor = 8 * Number.EPSILON * Math.max(...values.map(Math.abs), Math.abs(fStar ?? 0));
  const stop = raw.findIndex((e) => !(e > floor));
  const errors = stop < 0 ? raw : raw.slice(0, stop);
  if (errors.length < 3) {
    throw new ValueError(
      op,
      `expected at least 3 errors above rounding level, got ${errors.length}. Record more iterations before the values settle${fStar === undefined ? ", or pass fStar" : ""}.`,
    );
  }

  const ratios = errors.slice(1).map((e, k) => e / errors[k]!);
  const rate = median(ratios);
  const logRatios = ratios.map(Math.log);
  const localOrders: number[] = [];
  for (let k = 0; k + 1 < logRatios.length; k++) {
    if (logRatios[k] !== 0) localOrders.push(logRatios[k + 1]! / logRatios[k]!);
  }
  const order = localOrders.length ? median(localOrders) : 1;
  return { order, rate, kind: classify(order, ratios, rate), samples: ratios.length };
}

function classify(order: number, ratios: readonly number[], rate: number): ConvergenceRate["kind"] {
  if (order >= 1.8) return "quadratic";
  if (order >= 1.2) return "superlinear";
  // Ratios that keep falling towards 0 (e_k = 1/k!) are superlinear even though each local order is near 1.
  const falling = ratios.length >= 3 && ratios.every((r, k) => k === 0 || r < ratios[k - 1]!) && ratios[ratios.length - 1]! < ratios[0]! / 4;
  if (falling) return "superlinear";
  if (rate >= 1) return "sublinear";
  // Sublinear: 1 − ratio keeps shrinking (e_k = 1/k gives 1 − r ≈ 1/k) while a linear ratio settles.
  const tail = ratios.slice(Math.floor(ratios.length / 2));
  if (tail.length >= 2) {
    const half = Math.floor(tail.length / 2);
    const early = median(tail.slice(0, half).map((r) => 1 - r));
    const late = median(tail.slice(half).map((r) => 1 - r));
    if (late > 0 && early / late >= 1.15 && 1 - late >= 0.8) return "sublinear";
    if (late <= 0) return "sublinear";
  }
  return "linear";
}
