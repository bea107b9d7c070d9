/** Functions of machine learning and statistics: sigmoid, softplus, erf. */
import { call } from "../expr/call.js";
import { sub } from "../expr/add.js";
import { mul, neg } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { HALF, ONE, TWO, isZero, rational } from "../expr/num.js";
import { PI } from "../expr/symbol.js";
import { oddSymmetry, unaryFunction } from "./define.js";
import { exp, log } from "./exponential.js";

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
  evaluate: erfNumber,
  // d erf u = 2/√π exp(-u²) du
  derivative: (u) => mul(TWO, pow(PI, rational(-1n, 2n)), call(exp, [neg(pow(u, TWO))])),
  special: (u) => oddSymmetry(erf, u),
});

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf in float64 to about 1e-15. For |x| < 3 the series
 * erf x = 2/√π e^(-x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose terms are all positive, so nothing
 * cancels (Abramowitz and Stegun 7.1.6); beyond, the continued fraction of erfc
 * (A&S 7.1.14), evaluated by Lentz's method.
 */
export function erfNumber(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * a * a) / (2 * n + 1);
      sum += term;
    }
    return Math.sign(x) * TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
  }
  // erfc a = e^(-a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + ...)))))
  const tiny = 1e-300;
  let f = a;
  let c = a;
  let d = 0;
  for (let k = 1; k < 200; k++) {
    const coefficient = k / 2;
    d = a + coefficient * d;
    d = d === 0 ? tiny : 1 / d;
    c = a + coefficient / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

