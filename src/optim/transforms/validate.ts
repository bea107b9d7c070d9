/** Checks of hyperparameters at construction, so a bad value fails where it is written, not steps later. */
import { ValueError } from "../../errors.js";

/** @internal */
export function checkFinite(op: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ValueError(op, `expected ${name} to be a finite number, got ${String(value)}.`);
  }
  return value;
}

/**
 * `value` in the interval from `low` to `high`; `open` says which ends are excluded.
 * @internal
 */
export function checkInterval(op: string, name: string, value: unknown, low: number, high: number, open: "none" | "high" | "low" | "both" = "none"): number {
  const v = checkFinite(op, name, value);
  const lowOpen = open === "low" || open === "both";
  const highOpen = open === "high" || open === "both";
  const below = lowOpen ? v <= low : v < low;
  const above = highOpen ? v >= high : v > high;
  if (below || above) {
    const range = `${lowOpen ? "(" : "["}${low}, ${high === Infinity ? "Infinity" : high}${highOpen ? ")" : "]"}`;
    throw new ValueError(op, `expected ${name} in ${range}, got ${v}.`);
  }
  return v;
}
