/** exp and the logarithms log (natural; `ln` in text too), log10 and log2. */
import type { Expr } from "../expr/expr.js";
import { call } from "../expr/call.js";
import { mul } from "../expr/mul.js";
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
