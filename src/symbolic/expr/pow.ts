import { mixHash, type Expr, type Pow } from "./expr.js";
import { ArgumentError } from "../errors.js";
import {
  isEvenInteger, isInteger, isOne, isZero, MINUS_ONE, ONE, powNum, powNumInteger, rational, rootFactors, ZERO,
} from "./num.js";
import { mul, startsNegative } from "./mul.js";
import { add } from "./add.js";
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
 * powers (`4^(1/2) = 2`, `2^(3/2) = 2*sqrt(2)`), k-th powers out of roots of numbers
 * (`8^(1/2) = 2*sqrt(2)`, `(1/8)^(1/2) = sqrt(2)/4`, no root left in a denominator), `(x^a)^b = x^(a*b)` where that holds for every
 * real `x` (so `(x^2)^(1/2)` stays: it is `|x|`), integer powers of products distributed
 * (`(2*x)^2 = 4*x^2`), and `e^u` written `exp(u)`.
 *
 * @throws ArgumentError for a negative power of the number 0, a division by zero
 */
export function pow(base: Expr, exponent: Expr): Expr {
  if (isZero(exponent)) return ONE;
  if (isOne(exponent)) return base;
  if (isOne(base)) return ONE;
  if (base.kind === "num" && exponent.kind === "num") {
    if (isZero(base)) {
      if (exponent.p > 0n) return ZERO;
      throw new ArgumentError("pow", `a nonzero base for the power ${exponent.p}/${exponent.q}, got 0. Division by zero has no value`);
    }
    const exact = powNum(base, exponent);
    if (exact) return exact;
    if (exponent.q !== 1n && base.p > 0n) {
      // split off the integer part of the exponent, 2^(3/2) = 2 * 2^(1/2), and the k-th
      // powers inside the root, 8^(1/2) = 2 * 2^(1/2), and a root out of a denominator,
      // (1/8)^(1/2) = 2^(1/2)/4 (for a root's first power, as 2^(2/3) has no simpler form)
      const whole = exponent.p / exponent.q - (exponent.p < 0n ? 1n : 0n);
      const fraction = rational(exponent.p - whole * exponent.q, exponent.q);
      const integerPart = whole === 0n ? ONE : powNumInteger(base, whole);
      const [outside, inside] = rootFactors(base, fraction.q, fraction.p === 1n);
      const outsidePart = powNumInteger(outside, fraction.p);
      if (integerPart && outsidePart) {
        return mul(integerPart, outsidePart, isOne(inside) ? ONE : makePow(inside, fraction));
      }
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
  if (base.kind === "add" && isInteger(exponent) && startsNegative(base)) {
    // (y - x)^n = (-1)^n (x - y)^n: sums under integer powers start positive, as factors do
    const flipped = add(...base.terms.map((t) => mul(MINUS_ONE, t)));
    return mul(exponent.p % 2n === 0n ? ONE : MINUS_ONE, pow(flipped, exponent));
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
