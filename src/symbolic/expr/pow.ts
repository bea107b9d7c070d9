import { mixHash, type Expr, type Pow } from "./expr.js";
import {
  isEvenInteger, isInteger, isOne, isZero, MINUS_ONE, ONE, powNum, powNumInteger, rational, ZERO,
} from "./num.js";
import { mul } from "./mul.js";
import { exp } from "../functions/exponential.js";
import { call } from "./call.js";

/** Builds a power node from canonical parts; no checks. */
export function makePow(base: Expr, exponent: Expr): Pow {
  return { kind: "pow", base, exponent, hash: mixHash(mixHash(11, base.hash), exponent.hash) };
}

/** A factor as base and exponent: `x^2` is `[x, 2]`, `x` is `[x, 1]`. */
export function powerParts(e: Expr): [Expr, Expr] {
  return e.kind === "pow" ? [e.base, e.exponent] : [e, ONE];
}

/**
 * The canonical power `base ^ exponent`: `x^0 = 1`, `x^1 = x`, `1^x = 1`, exact rational
 * powers (`4^(1/2) = 2`, `2^(3/2) = 2*sqrt(2)`), `(x^a)^b = x^(a*b)` where that holds for every
 * real `x` (so `(x^2)^(1/2)` stays: it is `|x|`), integer powers of products distributed
 * (`(2*x)^2 = 4*x^2`), and `e^u` written `exp(u)`.
 */
export function pow(base: Expr, exponent: Expr): Expr {
  if (isZero(exponent)) return ONE;
  if (isOne(exponent)) return base;
  if (isOne(base)) return ONE;
  if (base.kind === "num" && exponent.kind === "num") {
    if (isZero(base)) return exponent.p > 0n ? ZERO : makePow(base, exponent);
    const exact = powNum(base, exponent);
    if (exact) return exact;
    if (exponent.q !== 1n && base.p > 0n) {
      // split off the integer part of the exponent: 2^(3/2) = 2 * 2^(1/2)
      const whole = exponent.p / exponent.q - (exponent.p < 0n ? 1n : 0n);
      const fraction = rational(exponent.p - whole * exponent.q, exponent.q);
      const integerPart = whole === 0n ? undefined : powNumInteger(base, whole);
      if (integerPart) return mul(integerPart, makePow(base, fraction));
    }
    return makePow(base, exponent);
  }
  if (base.kind === "constant" && base.name === "e") return call(exp, [exponent]);
  if (base.kind === "pow") {
    const inner = base.exponent;
    if (isInteger(exponent) || (inner.kind === "num" && !isEvenInteger(inner))) {
      return pow(base.base, mul(inner, exponent));
    }
  }
  if (base.kind === "mul" && isInteger(exponent)) {
    return mul(...base.factors.map((f) => pow(f, exponent)));
  }
  return makePow(base, exponent);
}

/** `1 / a`. */
export function reciprocal(a: Expr): Expr {
  return pow(a, MINUS_ONE);
}

/** `sqrt(a)`, which is `a^(1/2)`. */
export function sqrt(a: Expr): Expr {
  return pow(a, rational(1n, 2n));
}
