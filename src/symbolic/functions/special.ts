/** Functions of machine learning and statistics: sigmoid, softplus, erf. */
import { call } from "../expr/call.js";
import { sub } from "../expr/add.js";
import { mul, neg } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { HALF, ONE, TWO, isZero, rational } from "../expr/num.js";
import { PI } from "../expr/symbol.js";
import { oddSymmetry, unaryFunction } from "./define.js";
import { exp, log } from "./exponential.js";
import { erf as erfFloat64 } from "../../math/erf.js";

/** The logistic function 1 / (1 + exp(-u)). */
export const sigmoid = unaryFunction({
  name: "sigmoid",
  latex: "\\sigma",
  // two branches so exp never overflows
  evaluate: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  derivative: (u) => mul(call(sigmoid, [u]), sub(ONE, call(sigmoid, [u]))), // σ' = σ (1 - σ)
  special: (u) => (isZero(u) ? HALF : undefined),
});

/** log(1 + exp(u)), a smooth relu. */
export const softplus = unaryFunction({
  name: "softplus",
  // max(u, 0) + log1p(exp(-|u|)) neither overflows nor loses the small tail
  evaluate: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  derivative: (u) => call(sigmoid, [u]), // d softplus u = σ(u) du
  special: (u) => (isZero(u) ? call(log, [TWO]) : undefined),
});

/** The error function 2/√π ∫₀ᵘ exp(-t²) dt. */
export const erf = unaryFunction({
  name: "erf",
  latex: "\\operatorname{erf}",
  evaluate: erfFloat64,
  // d erf u = 2/√π exp(-u²) du
  derivative: (u) => mul(TWO, pow(PI, rational(-1n, 2n)), call(exp, [neg(pow(u, TWO))])),
  special: (u) => oddSymmetry(erf, u),
});


