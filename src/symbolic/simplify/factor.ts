/**
 * Pulling the common factor out of a sum: `2*x*sin(x) + x^2*cos(x)` is
 * `x*(x*cos(x) + 2*sin(x))`, `exp(x) + x*exp(x)` is `(x + 1)*exp(x)`, `x/2 + y/2` is `(x + y)/2`.
 */
import type { Expr, Num } from "../expr/expr.js";
import { add, splitCoefficient } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { pow, powerParts } from "../expr/pow.js";
import { compareNum, MINUS_ONE, ONE, rational } from "../expr/num.js";
import { equals } from "../expr/order.js";

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The numeric content of the coefficients: gcd of numerators over lcm of denominators. */
function content(coefficients: Num[]): Num {
  let p = 0n;
  let q = 1n;
  for (const c of coefficients) {
    p = gcd(p, c.p);
    q = (q * c.q) / gcd(q, c.q);
  }
  // all negative: take the sign out too, so the sum inside starts positive
  const sign = coefficients.every((c) => c.p < 0n) ? -1n : 1n;
  return rational(sign * p, q);
}

/** The factors of a term as [base, exponent] pairs, the coefficient left out. */
function powers(term: Expr): Array<[Expr, Expr]> {
  const [, rest] = splitCoefficient(term);
  if (rest.kind === "num") return [];
  const factors = rest.kind === "mul" ? rest.factors : [rest];
  return factors.map(powerParts);
}

/**
 * The common factor of the terms of a sum times the sum of what remains, or undefined if the
 * terms have no common factor but 1.
 */
export function factorTerms(e: Expr): Expr | undefined {
  if (e.kind !== "add") return undefined;
  const terms = e.terms;
  const common: Expr[] = [];
  const numeric = content(terms.map((t) => splitCoefficient(t)[0]));
  if (!equals(numeric, ONE)) common.push(numeric);
  const first = powers(terms[0]!);
  for (const [base, exponent] of first) {
    let shared: Expr | undefined = exponent;
    for (const term of terms.slice(1)) {
      const match = powers(term).find(([b]) => equals(b, base));
      if (!match) { shared = undefined; break; }
      shared = smallerExponent(shared!, match[1]);
      if (!shared) break;
    }
    if (shared) common.push(pow(base, shared));
  }
  if (common.length === 0) return undefined;
  const factor = mul(...common);
  if (equals(factor, ONE)) return undefined;
  const inverse = pow(factor, MINUS_ONE);
  return mul(factor, add(...terms.map((t) => mul(t, inverse))));
}

/** The smaller of two numeric exponents, the exponent itself if equal, else undefined. */
function smallerExponent(a: Expr, b: Expr): Expr | undefined {
  if (a.kind === "num" && b.kind === "num") return compareNum(a, b) <= 0 ? a : b;
  return equals(a, b) ? a : undefined;
}
