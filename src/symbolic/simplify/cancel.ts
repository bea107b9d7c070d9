/**
 * Cancelling a common polynomial factor of a quotient's numerator and denominator, in one
 * variable with rational coefficients: `(x^2 - 1)/(x + 1)` is `x - 1`. The greatest common
 * divisor comes from Euclid's algorithm, and both sides are divided by it exactly, so the value
 * is unchanged wherever the quotient is defined.
 */
import type { Expr, Num } from "../expr/expr.js";
import { add } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { addNum, MINUS_ONE, mulNum, negNum, num, ONE, rational, ZERO } from "../expr/num.js";
import { symbol } from "../expr/symbol.js";

/** Coefficients from the constant term up, with no trailing zero (the zero polynomial is `[]`). */
type Polynomial = Num[];

/** Polynomials of higher degree are left alone. */
const MAX_DEGREE = 32;

function trim(p: Polynomial): Polynomial {
  let n = p.length;
  while (n > 0 && p[n - 1]!.p === 0n) n--;
  return n === p.length ? p : p.slice(0, n);
}

function plus(a: Polynomial, b: Polynomial): Polynomial {
  const result: Num[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) result.push(addNum(a[i] ?? ZERO, b[i] ?? ZERO));
  return trim(result);
}

function times(a: Polynomial, b: Polynomial): Polynomial | undefined {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length + b.length - 2 > MAX_DEGREE) return undefined;
  const result: Num[] = new Array<Num>(a.length + b.length - 1).fill(ZERO);
  a.forEach((x, i) => b.forEach((y, j) => { result[i + j] = addNum(result[i + j]!, mulNum(x, y)); }));
  return trim(result);
}

function inverse(a: Num): Num {
  return rational(a.q, a.p);
}

/** Quotient and remainder of `a` by a nonzero `b`. */
function divide(a: Polynomial, b: Polynomial): [Polynomial, Polynomial] {
  const lead = inverse(b[b.length - 1]!);
  let rest = a;
  const quotient: Num[] = new Array<Num>(Math.max(0, a.length - b.length + 1)).fill(ZERO);
  while (rest.length >= b.length) {
    const shift = rest.length - b.length;
    const factor = mulNum(rest[rest.length - 1]!, lead);
    quotient[shift] = factor;
    const next = rest.slice();
    b.forEach((c, i) => { next[i + shift] = addNum(next[i + shift]!, negNum(mulNum(factor, c))); });
    next.length = rest.length - 1; // the leading term cancels exactly
    rest = trim(next);
  }
  return [trim(quotient), rest];
}

/** The monic greatest common divisor of two nonzero polynomials. */
function gcd(a: Polynomial, b: Polynomial): Polynomial {
  while (b.length > 0) [a, b] = [b, divide(a, b)[1]];
  const lead = inverse(a[a.length - 1]!);
  return a.map((c) => mulNum(c, lead));
}

/** `e` as a polynomial in the variable `x`, or undefined if it is not one. */
function polynomial(e: Expr, x: string): Polynomial | undefined {
  switch (e.kind) {
    case "num": return trim([e]);
    case "symbol": return e.name === x ? [ZERO, ONE] : undefined;
    case "add": {
      let total: Polynomial = [];
      for (const t of e.terms) {
        const p = polynomial(t, x);
        if (!p) return undefined;
        total = plus(total, p);
      }
      return total;
    }
    case "mul": return product(e.factors, x);
    case "pow": {
      const n = e.exponent;
      if (n.kind !== "num" || n.q !== 1n || n.p < 0n || n.p > BigInt(MAX_DEGREE)) return undefined;
      return product(new Array<Expr>(Number(n.p)).fill(e.base), x);
    }
    default: return undefined;
  }
}

function product(factors: readonly Expr[], x: string): Polynomial | undefined {
  let result: Polynomial | undefined = [ONE];
  for (const f of factors) {
    const p = polynomial(f, x);
    if (!p) return undefined;
    result = times(result, p);
    if (!result) return undefined;
  }
  return result;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/**
 * The polynomial as its content times a primitive polynomial, one with coprime integer
 * coefficients and a positive leading one: `6*x^2 + 3` is `3*(2*x^2 + 1)`, a form that
 * prints with fewer operations than the coefficients spread over the terms.
 */
function toExpr(p: Polynomial, x: string): Expr {
  let numerators = 0n;
  let denominators = 1n;
  for (const c of p) {
    numerators = gcdBig(numerators, c.p);
    denominators = (denominators * c.q) / gcdBig(denominators, c.q);
  }
  const content = rational(p[p.length - 1]!.p < 0n ? -numerators : numerators, denominators);
  const variable = symbol(x);
  const primitive = add(...p.map((c, k) => mul(mulNum(c, inverse(content)), pow(variable, num(k)))));
  return mul(content, primitive);
}

/** The one variable of a product whose factors are all polynomials or their reciprocals, if any. */
function variableOf(e: Expr, found: Set<string>): boolean {
  switch (e.kind) {
    case "num": return true;
    case "symbol": found.add(e.name); return found.size === 1;
    case "add": return e.terms.every((t) => variableOf(t, found));
    case "mul": return e.factors.every((f) => variableOf(f, found));
    case "pow": return e.exponent.kind === "num" && e.exponent.q === 1n && variableOf(e.base, found);
    default: return false;
  }
}

/**
 * The quotient with the common polynomial factor of its numerator and denominator cancelled,
 * or undefined when they have none, or the quotient is not one of polynomials in one variable.
 */
export function cancelCommonFactor(e: Expr & { kind: "mul" }): Expr | undefined {
  const numerator: Expr[] = [];
  const denominator: Expr[] = [];
  for (const f of e.factors) {
    if (f.kind === "pow" && f.exponent.kind === "num" && f.exponent.p < 0n) denominator.push(pow(f.base, negNum(f.exponent)));
    else numerator.push(f);
  }
  if (denominator.length === 0) return undefined;
  const variables = new Set<string>();
  if (!variableOf(e, variables) || variables.size !== 1) return undefined;
  const [x] = variables;
  const top = product(numerator, x!);
  const bottom = product(denominator, x!);
  if (!top || !bottom || top.length === 0 || bottom.length < 2) return undefined;
  const common = gcd(top, bottom);
  if (common.length < 2) return undefined;
  const [reducedTop] = divide(top, common);
  const [reducedBottom] = divide(bottom, common);
  return mul(toExpr(reducedTop, x!), pow(toExpr(reducedBottom, x!), MINUS_ONE));
}
