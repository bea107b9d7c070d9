/** exp and the logarithms log (natural; `ln` in text too), log10, log2, and `log(x, b)` in any base. */
import type { Expr } from "../expr/expr.js";
import { call } from "../expr/call.js";
import { div, mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { MINUS_ONE, ONE, ZERO, isOne, isZero, num } from "../expr/num.js";
import { unaryFunction } from "./define.js";

export const exp = unaryFunction({
  name: "exp",
  latex: "\\exp",
  evaluate: Math.exp,
  derivative: (u) => call(exp, [u]), // d exp u = exp u du
  special: (u) => (isZero(u) ? ONE : undefined),
});

export const log = unaryFunction({
  name: "log",
  latex: "\\ln",
  evaluate: Math.log,
  derivative: (u) => pow(u, MINUS_ONE), // d log u = du / u
  special: (u) => (isOne(u) ? ZERO : u.kind === "constant" && u.name === "e" ? ONE : undefined),
});

/** `1 / (u log b)`, the derivative of the base-b logarithm. */
const logDerivative = (u: Expr, b: number): Expr => pow(mul(u, call(log, [num(b)])), MINUS_ONE);

/** The exponent k when `u` is the number b^k for an integer k ≥ 0. */
function exactLog(u: Expr, b: bigint): Expr | undefined {
  if (u.kind !== "num" || u.q !== 1n || u.p < 1n) return undefined;
  let k = 0n;
  let rest = u.p;
  while (rest % b === 0n) { rest /= b; k++; }
  return rest === 1n ? num(k) : undefined;
}

export const log10 = unaryFunction({
  name: "log10",
  latex: "\\log_{10}",
  evaluate: Math.log10,
  derivative: (u) => logDerivative(u, 10), // d log10 u = du / (u ln 10)
  special: (u) => exactLog(u, 10n),
});

export const log2 = unaryFunction({
  name: "log2",
  latex: "\\log_{2}",
  evaluate: Math.log2,
  derivative: (u) => logDerivative(u, 2), // d log2 u = du / (u ln 2)
  special: (u) => exactLog(u, 2n),
});

/**
 * The logarithm of `u` in base `b`, `log(u, b)` in text: not a node of its own but the quotient
 * `log(u)/log(b)`, so that it has one form and its derivative follows from the quotient rule.
 * Bases 10, 2 and e give log10, log2 and log, and a power of an integer base its exponent:
 * `log(8, 2) = 3`, `log(x, 10) = log10(x)`.
 *
 * @throws ArgumentError for base 1, whose logarithm is 0
 */
export function logBase(u: Expr, b: Expr): Expr {
  if (b.kind === "constant" && b.name === "e") return call(log, [u]);
  if (b.kind === "num" && b.q === 1n) {
    if (b.p === 10n) return call(log10, [u]);
    if (b.p === 2n) return call(log2, [u]);
    if (b.p > 1n) {
      const exact = exactLog(u, b.p);
      if (exact) return exact;
    }
  }
  return div(call(log, [u]), call(log, [b]));
}
