/**
 * Equality and the canonical order of operands. The order is total and consistent with
 * equality, so sorting makes every sum and product unique; it is also the order a person
 * writes: `2*x*y*sin(x)` for factors, `x^2 + 2*x + 1` for terms.
 */
import type { Expr } from "./expr.js";
import { compareNum, ONE } from "./num.js";

/** Structural equality; canonical trees are equal exactly when their meanings are. */
export function equals(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.hash !== b.hash || a.kind !== b.kind) return false;
  switch (a.kind) {
    case "num": return b.kind === "num" && a.p === b.p && a.q === b.q;
    case "constant": return b.kind === "constant" && a.name === b.name;
    case "symbol": return b.kind === "symbol" && a.name === b.name;
    case "pow": return b.kind === "pow" && equals(a.base, b.base) && equals(a.exponent, b.exponent);
    case "add": return b.kind === "add" && equalLists(a.terms, b.terms);
    case "mul": return b.kind === "mul" && equalLists(a.factors, b.factors);
    case "call": return b.kind === "call" && a.fn.name === b.fn.name && equalLists(a.args, b.args);
  }
}

function equalLists(a: readonly Expr[], b: readonly Expr[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!equals(a[i]!, b[i]!)) return false;
  return true;
}

/** Compares names so that `x_2` comes before `x_10`. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const runs = /(\d+|\D+)/g;
  const left = a.match(runs) ?? [];
  const right = b.match(runs) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    if (x === y) continue;
    const bothDigits = /^\d/.test(x) && /^\d/.test(y);
    if (bothDigits) {
      const d = x.length !== y.length ? x.length - y.length : x < y ? -1 : 1;
      return d;
    }
    return x < y ? -1 : 1;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a < b ? -1 : 1;
}

const KIND_RANK = { num: 0, constant: 1, symbol: 2, pow: 3, mul: 4, add: 5, call: 6 } as const;

/** A total order on expressions, used to break every tie below. */
export function compareExpr(a: Expr, b: Expr): number {
  if (a === b) return 0;
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  switch (a.kind) {
    case "num": return compareNum(a, b as typeof a);
    case "constant": return compareNames(a.name, (b as typeof a).name);
    case "symbol": return compareNames(a.name, (b as typeof a).name);
    case "pow": {
      const other = b as typeof a;
      return compareExpr(a.base, other.base) || compareExpr(a.exponent, other.exponent);
    }
    case "add": return compareLists(a.terms, (b as typeof a).terms);
    case "mul": return compareLists(a.factors, (b as typeof a).factors);
    case "call": {
      const other = b as typeof a;
      return compareNames(a.fn.name, other.fn.name) || compareLists(a.args, other.args);
    }
  }
}

function compareLists(a: readonly Expr[], b: readonly Expr[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareExpr(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

const BASE_RANK = { num: 0, constant: 1, symbol: 2, pow: 3, mul: 3, add: 4, call: 5 } as const;

function baseOf(e: Expr): Expr {
  return e.kind === "pow" ? e.base : e;
}

/** Order of factors in a product: number, constants, variables, sums, functions. */
export function compareFactors(a: Expr, b: Expr): number {
  const baseA = baseOf(a);
  const baseB = baseOf(b);
  const rank = BASE_RANK[baseA.kind] - BASE_RANK[baseB.kind];
  if (rank !== 0) return rank;
  return compareExpr(baseA, baseB) || compareExpr(a, b);
}

/** The factors of a term without its numeric coefficient. */
function monomial(term: Expr): readonly Expr[] {
  if (term.kind !== "mul") return [term];
  return term.factors[0]!.kind === "num" ? term.factors.slice(1) : term.factors;
}

/** Total degree in the variables: `x^2*y` has degree 3, `sin(x)` degree 0. */
function degree(factors: readonly Expr[]): number {
  let total = 0;
  for (const f of factors) {
    if (f.kind === "symbol") total += 1;
    else if (f.kind === "pow" && f.base.kind === "symbol" && f.exponent.kind === "num") total += f.exponent.value;
  }
  return total;
}

/** Order of terms in a sum: higher degree first, then by their factors, numbers last. */
export function compareTerms(a: Expr, b: Expr): number {
  if (a.kind === "num" || b.kind === "num") {
    if (a.kind === "num" && b.kind === "num") return compareNum(a, b);
    return a.kind === "num" ? 1 : -1;
  }
  const left = monomial(a);
  const right = monomial(b);
  const byDegree = degree(right) - degree(left);
  if (byDegree !== 0) return byDegree;
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    const byBase = compareFactors(baseOf(x), baseOf(y));
    if (byBase !== 0) return byBase;
    // same base: the higher power first, as in x^2 + x
    const c = compareExpr(y.kind === "pow" ? y.exponent : ONE, x.kind === "pow" ? x.exponent : ONE);
    if (c !== 0) return c;
  }
  if (left.length !== right.length) return right.length - left.length;
  return compareExpr(a, b);
}
