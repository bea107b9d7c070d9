/** asin, acos, atan and the two-argument atan2. */
import { call } from "../expr/call.js";
import { add, sub } from "../expr/add.js";
import { div, neg } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { MINUS_ONE, ONE, TWO, ZERO, isZero, rational } from "../expr/num.js";
import { PI } from "../expr/symbol.js";
import type { Expr } from "../expr/expr.js";
import { binaryFunction, oddSymmetry, unaryFunction } from "./define.js";

const MINUS_HALF = rational(-1n, 2n);
const oneMinusSquare = (u: Expr): Expr => sub(ONE, pow(u, TWO));

export const asin = unaryFunction({
  name: "asin",
  latex: "\\arcsin",
  evaluate: Math.asin,
  derivative: (u) => pow(oneMinusSquare(u), MINUS_HALF), // d asin u = du / sqrt(1 - u²)
  special: (u) => oddSymmetry(asin, u),
});

export const acos = unaryFunction({
  name: "acos",
  latex: "\\arccos",
  evaluate: Math.acos,
  derivative: (u) => neg(pow(oneMinusSquare(u), MINUS_HALF)), // d acos u = -du / sqrt(1 - u²)
  special: (u) => (isZero(u) ? div(PI, TWO) : undefined),
});

export const atan = unaryFunction({
  name: "atan",
  latex: "\\arctan",
  evaluate: Math.atan,
  derivative: (u) => pow(add(ONE, pow(u, TWO)), MINUS_ONE), // d atan u = du / (1 + u²)
  special: (u) => oddSymmetry(atan, u),
});

/** atan2(y, x): the angle of the point (x, y), in (-π, π]. */
export const atan2 = binaryFunction({
  name: "atan2",
  evaluate: Math.atan2,
  partials: [
    (y, x) => div(x, add(pow(x, TWO), pow(y, TWO))), // ∂/∂y atan2(y, x) = x / (x² + y²)
    (y, x) => neg(div(y, add(pow(x, TWO), pow(y, TWO)))), // ∂/∂x atan2(y, x) = -y / (x² + y²)
  ],
  special: (y, x) => (isZero(y) && x.kind === "num" && x.p > 0n ? ZERO : undefined),
});
