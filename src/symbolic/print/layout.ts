/**
 * How a canonical tree is laid out for reading, shared by every printer and by the operation
 * count: which terms of a sum print with a minus, and which factors of a product go below the
 * fraction bar. Keeping this in one place keeps the printers and the count in agreement.
 */
import type { Expr, Num } from "../expr/expr.js";
import { rational } from "../expr/num.js";
import { makePow } from "../expr/pow.js";
import { makeMul, mul } from "../expr/mul.js";
import { add } from "../expr/add.js";
import { MINUS_ONE } from "../expr/num.js";

/** A term of a sum as printed: its sign and its magnitude. */
export interface SignedTerm {
  readonly negative: boolean;
  readonly magnitude: Expr;
}

/** The negation of `term` when it reads as negative (negative number or coefficient), else undefined. */
export function magnitudeIfNegative(term: Expr): Expr | undefined {
  if (term.kind === "num") return term.p < 0n ? rational(-term.p, term.q) : undefined;
  if (term.kind === "mul") {
    const first = term.factors[0]!;
    if (first.kind !== "num" || first.p >= 0n) return undefined;
    if (first.p === -1n && first.q === 1n) {
      return term.factors.length === 2 ? term.factors[1]! : makeMul(term.factors.slice(1));
    }
    return makeMul([rational(-first.p, first.q), ...term.factors.slice(1)]);
  }
  return undefined;
}

/**
 * The terms of a sum in printing order: canonical order, except that a sum starting with a
 * negative term starts with its first positive one instead (`y - x`, not `-x + y`).
 */
export function signedTerms(terms: readonly Expr[]): SignedTerm[] {
  const signed = terms.map((term): SignedTerm => {
    const magnitude = magnitudeIfNegative(term);
    return magnitude ? { negative: true, magnitude } : { negative: false, magnitude: term };
  });
  if (signed[0]!.negative) {
    const firstPositive = signed.findIndex((t) => !t.negative);
    if (firstPositive > 0) signed.unshift(...signed.splice(firstPositive, 1));
  }
  return signed;
}

/** A product as printed: `sign · numerator / denominator`. */
export interface Fraction {
  readonly negative: boolean;
  /** Factors above the bar; a number, if present, is first. Empty means 1. */
  readonly numerator: Expr[];
  /** Factors below the bar, exponents made positive; a number, if present, is first. */
  readonly denominator: Expr[];
}

/** The exponent with its sign flipped if it reads as negative, else undefined. */
function positiveExponent(exponent: Expr): Expr | undefined {
  return magnitudeIfNegative(exponent);
}

/** Splits a product (or a single power) into what goes above and below the fraction bar. */
export function fraction(e: Expr): Fraction {
  const factors = e.kind === "mul" ? e.factors : [e];
  const numerator: Expr[] = [];
  const denominator: Expr[] = [];
  let negative = false;
  for (const factor of factors) {
    if (factor.kind === "num") {
      const c: Num = factor;
      negative = c.p < 0n;
      const p = negative ? -c.p : c.p;
      if (p !== 1n) numerator.push(rational(p));
      if (c.q !== 1n) denominator.push(rational(c.q));
      continue;
    }
    if (factor.kind === "pow") {
      const flipped = positiveExponent(factor.exponent);
      if (flipped) {
        denominator.push(flipped.kind === "num" && flipped.p === 1n && flipped.q === 1n ? factor.base : makePow(factor.base, flipped));
        continue;
      }
    }
    numerator.push(factor);
  }
  // a minus sign goes into a sum when that adds no minus signs: (1 - x)*y rather than
  // -(x - 1)*y, and 1/(1 - x^2) rather than -1/(x^2 - 1); but -y/(x^2 + y^2), not
  // y/(-x^2 - y^2)
  if (negative) {
    for (const side of [numerator, denominator]) {
      const sum = side.findIndex((f) => f.kind === "add" && 2 * f.terms.filter((t) => magnitudeIfNegative(t) !== undefined).length >= f.terms.length);
      if (sum < 0) continue;
      side[sum] = add(...(side[sum] as Expr & { kind: "add" }).terms.map((t) => mul(MINUS_ONE, t)));
      negative = false;
      break;
    }
  }
  return { negative, numerator, denominator };
}

/** Whether a power prints as a fraction (`1/x^2`, `1/sqrt(x)`). */
export function isReciprocalPower(e: Expr): boolean {
  return e.kind === "pow" && positiveExponent(e.exponent) !== undefined;
}

/** Whether the power is a square root. */
export function isSquareRoot(e: Expr): boolean {
  return e.kind === "pow" && e.exponent.kind === "num" && e.exponent.p === 1n && e.exponent.q === 2n;
}
