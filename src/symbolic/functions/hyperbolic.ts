/** sinh, cosh, tanh and their inverses. */
import { call } from "../expr/call.js";
import { add, sub } from "../expr/add.js";
import { pow } from "../expr/pow.js";
import { MINUS_ONE, ONE, TWO, ZERO, isOne, isZero, rational } from "../expr/num.js";
import { evenSymmetry, oddSymmetry, unaryFunction } from "./define.js";

const MINUS_HALF = rational(-1n, 2n);

export const sinh = unaryFunction({
  name: "sinh",
  latex: "\\sinh",
  evaluate: Math.sinh,
  derivative: (u) => call(cosh, [u]), // d sinh u = cosh u du
  special: (u) => oddSymmetry(sinh, u),
});

export const cosh = unaryFunction({
  name: "cosh",
  latex: "\\cosh",
  evaluate: Math.cosh,
  derivative: (u) => call(sinh, [u]), // d cosh u = sinh u du
  special: (u) => (isZero(u) ? ONE : evenSymmetry(cosh, u)),
});

export const tanh = unaryFunction({
  name: "tanh",
  latex: "\\tanh",
  evaluate: Math.tanh,
  derivative: (u) => pow(call(cosh, [u]), rational(-2n, 1n)), // d tanh u = sech² u du = du / cosh² u
  special: (u) => oddSymmetry(tanh, u),
});

export const asinh = unaryFunction({
  name: "asinh",
  latex: "\\operatorname{arsinh}",
  evaluate: Math.asinh,
  derivative: (u) => pow(add(pow(u, TWO), ONE), MINUS_HALF), // d asinh u = du / sqrt(u² + 1)
  special: (u) => oddSymmetry(asinh, u),
});

export const acosh = unaryFunction({
  name: "acosh",
  latex: "\\operatorname{arcosh}",
  evaluate: Math.acosh,
  derivative: (u) => pow(sub(pow(u, TWO), ONE), MINUS_HALF), // d acosh u = du / sqrt(u² - 1), u > 1
  special: (u) => (isOne(u) ? ZERO : undefined),
});

export const atanh = unaryFunction({
  name: "atanh",
  latex: "\\operatorname{artanh}",
  evaluate: Math.atanh,
  derivative: (u) => pow(sub(ONE, pow(u, TWO)), MINUS_ONE), // d atanh u = du / (1 - u²)
  special: (u) => oddSymmetry(atanh, u),
});
