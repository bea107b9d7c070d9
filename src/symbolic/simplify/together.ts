/**
 * Writing a sum over one common denominator, the way quotient-rule results are tidied by
 * hand: `1/(x + 1) - x/(x + 1)^2` is `1/(x + 1)^2`. The numerator is multiplied out and
 * collected; common factors of numerator and denominator cancel.
 */
import type { Expr, Num } from "../expr/expr.js";
import { add, splitCoefficient } from "../expr/add.js";
import { mul, neg } from "../expr/mul.js";
import { pow, powerParts } from "../expr/pow.js";
import { compareNum, MINUS_ONE, rational } from "../expr/num.js";
import { equals } from "../expr/order.js";
import { magnitudeIfNegative } from "../print/layout.js";
import { expand } from "./expand.js";
import { factorTerms } from "./factor.js";

/** The denominator of a term: its negative powers, made positive, and the coefficient's denominator. */
function denominatorOf(term: Expr): Array<[Expr, Expr]> {
  const [coefficient, rest] = splitCoefficient(term);
  const result: Array<[Expr, Expr]> = [];
  if (coefficient.q !== 1n) result.push([rational(coefficient.q), rational(1n)]);
  const factors = rest.kind === "mul" ? rest.factors : [rest];
  for (const f of factors) {
    const [base, exponent] = powerParts(f);
    const positive = magnitudeIfNegative(exponent);
    if (positive) result.push([base, positive]);
  }
  return result;
}

/**
 * The candidate forms of a sum over a common denominator: numerator expanded, and the same
 * with its common factor pulled out or its sign flipped so that a factor can cancel. Empty
 * when no term has a denominator or the expansion would be too large.
 */
export function together(e: Expr): Expr[] {
  if (e.kind !== "add") return [];
  // least common denominator: each base to its largest power, numbers by lcm
  const common: Array<[Expr, Expr]> = [];
  let lcm = 1n;
  for (const term of e.terms) {
    for (const [base, exponent] of denominatorOf(term)) {
      if (base.kind === "num" && base.q === 1n && exponent.kind === "num" && exponent.p === 1n) {
        lcm = (lcm * base.p) / gcdBig(lcm, base.p);
        continue;
      }
      const entry = common.find(([b]) => equals(b, base));
      if (!entry) { common.push([base, exponent]); continue; }
      if (entry[1].kind === "num" && exponent.kind === "num") {
        if (compareNum(exponent as Num, entry[1] as Num) > 0) entry[1] = exponent;
      } else if (!equals(entry[1], exponent)) {
        return [];
      }
    }
  }
  if (common.length === 0 && lcm === 1n) return [];
  const denominator = mul(rational(lcm), ...common.map(([b, x]) => pow(b, x)));
  const numerator = expand(add(...e.terms.map((t) => mul(t, denominator))));
  if (!numerator) return [];
  const inverse = pow(denominator, MINUS_ONE);
  const candidates = [mul(numerator, inverse)];
  const factored = factorTerms(numerator);
  if (factored) candidates.push(mul(factored, inverse));
  if (numerator.kind === "add") candidates.push(mul(MINUS_ONE, neg(numerator), inverse));
  return candidates;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
