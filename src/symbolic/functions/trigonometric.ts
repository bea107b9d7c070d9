/** sin, cos, tan and their reciprocals sec, csc, cot. */
import type { Expr } from "../expr/expr.js";
import { call } from "../expr/call.js";
import { mul, neg } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { equals } from "../expr/order.js";
import { MINUS_ONE, ONE, TWO, ZERO, isZero } from "../expr/num.js";
import { PI } from "../expr/symbol.js";
import { evenSymmetry, oddSymmetry, unaryFunction } from "./define.js";

const isPi = (u: Expr): boolean => equals(u, PI);

export const sin = unaryFunction({
  name: "sin",
  latex: "\\sin",
  evaluate: Math.sin,
  derivative: (u) => call(cos, [u]), // d sin u = cos u du
  special: (u) => (isPi(u) ? ZERO : oddSymmetry(sin, u)),
});

export const cos = unaryFunction({
  name: "cos",
  latex: "\\cos",
  evaluate: Math.cos,
  derivative: (u) => neg(call(sin, [u])), // d cos u = -sin u du
  special: (u) => (isZero(u) ? ONE : isPi(u) ? MINUS_ONE : evenSymmetry(cos, u)),
});

export const tan = unaryFunction({
  name: "tan",
  latex: "\\tan",
  evaluate: Math.tan,
  derivative: (u) => pow(call(sec, [u]), TWO), // d tan u = sec² u du
  special: (u) => (isPi(u) ? ZERO : oddSymmetry(tan, u)),
});

export const sec = unaryFunction({
  name: "sec",
  latex: "\\sec",
  evaluate: (x) => 1 / Math.cos(x),
  derivative: (u) => mul(call(sec, [u]), call(tan, [u])), // d sec u = sec u tan u du
  special: (u) => (isZero(u) ? ONE : isPi(u) ? MINUS_ONE : evenSymmetry(sec, u)),
});

export const csc = unaryFunction({
  name: "csc",
  latex: "\\csc",
  evaluate: (x) => 1 / Math.sin(x),
  derivative: (u) => mul(MINUS_ONE, call(csc, [u]), call(cot, [u])), // d csc u = -csc u cot u du
  special: (u) => oddSymmetry(csc, u, false),
});

export const cot = unaryFunction({
  name: "cot",
  latex: "\\cot",
  evaluate: (x) => 1 / Math.tan(x),
  derivative: (u) => neg(pow(call(csc, [u]), TWO)), // d cot u = -csc² u du
  special: (u) => oddSymmetry(cot, u, false),
});
