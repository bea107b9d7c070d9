/**
 * Expansion: products of sums multiplied out and small integer powers of sums expanded,
 * `(x + 1)^2` to `x^2 + 2*x + 1`. Gives up (returns undefined) past a size bound, so that a
 * candidate form never costs more than it can save.
 */
import type { Expr } from "../expr/expr.js";
import { add } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { ONE } from "../expr/num.js";

/** Expansion stops when a sum would have more terms than this. */
export const MAX_EXPANDED_TERMS = 64;
const MAX_POWER = 8;

/** The terms of `e` fully multiplied out at the top level, or undefined if too many. */
function expandedTerms(e: Expr): Expr[] | undefined {
  if (e.kind === "add") {
    const terms: Expr[] = [];
    for (const t of e.terms) {
      const inner = expandedTerms(t);
      if (!inner || terms.length + inner.length > MAX_EXPANDED_TERMS) return undefined;
      terms.push(...inner);
    }
    return terms;
  }
  if (e.kind === "pow" && e.base.kind === "add" && e.exponent.kind === "num" && e.exponent.q === 1n &&
      e.exponent.p > 1n && e.exponent.p <= BigInt(MAX_POWER)) {
    const base = expandedTerms(e.base);
    if (!base) return undefined;
    let result: Expr[] = base;
    for (let k = 1n; k < e.exponent.p; k++) {
      const next = multiplyOut(result, base);
      if (!next) return undefined;
      result = next;
    }
    return result;
  }
  if (e.kind === "mul") {
    let result: Expr[] = [ONE];
    for (const f of e.factors) {
      const inner = expandedTerms(f);
      const next = inner && multiplyOut(result, inner);
      if (!next) return undefined;
      result = next;
    }
    return result;
  }
  return [e];
}

function multiplyOut(left: Expr[], right: Expr[]): Expr[] | undefined {
  if (left.length * right.length > MAX_EXPANDED_TERMS) return undefined;
  const collected = add(...left.flatMap((a) => right.map((b) => mul(a, b))));
  return collected.kind === "add" ? [...collected.terms] : [collected];
}

/**
 * `e` with products of sums multiplied out and like terms collected, or undefined when the
 * result would exceed the size bound.
 */
export function expand(e: Expr): Expr | undefined {
  const terms = expandedTerms(e);
  return terms && add(...terms);
}
