import { mixHash, type Expr, type Mul, type Num } from "./expr.js";
import { MINUS_ONE, mulNum, negNum, ONE, ZERO } from "./num.js";
import { add } from "./add.js";
import { pow, powerParts } from "./pow.js";
import { compareFactors, equals } from "./order.js";

/** Builds a product node from factors already canonical and in order; no checks. */
export function makeMul(factors: readonly Expr[]): Mul {
  let hash = 7;
  for (const f of factors) hash = mixHash(hash, f.hash);
  return { kind: "mul", factors, hash };
}

interface Group { base: Expr; exponents: Expr[]; original: Expr }

/**
 * The canonical product of `factors`: nested products flattened, numbers multiplied exactly
 * into one leading coefficient, powers of the same base collected (`x*x^2` is `x^3`, `x/x` is
 * `1`), factors in canonical order. A sum that is a factor starts with a positive term (the
 * sign moves to the coefficient), and a product of -1 and a single sum is distributed, so
 * `-(x - y)` is `y - x` and `(y - x)/z` is `-(x - y)/z`: one form for each product.
 */
export function mul(...factors: Expr[]): Expr {
  let coefficient: Num = ONE;
  const groups = new Map<number, Group[]>();
  const order: Group[] = [];
  const visit = (factor: Expr): void => {
    if (factor.kind === "mul") { for (const f of factor.factors) visit(f); return; }
    if (factor.kind === "num") { coefficient = mulNum(coefficient, factor); return; }
    if (factor.kind === "add" && startsNegative(factor)) {
      // a sum is a factor with its first term positive: (1 - x)*y is -(x - 1)*y
      coefficient = negNum(coefficient);
      factor = add(...factor.terms.map((t) => mul(MINUS_ONE, t)));
    }
    const [base, exponent] = powerParts(factor);
    let bucket = groups.get(base.hash);
    if (!bucket) groups.set(base.hash, bucket = []);
    for (const group of bucket) {
      if (equals(group.base, base)) { group.exponents.push(exponent); return; }
    }
    const group = { base, exponents: [exponent], original: factor };
    bucket.push(group);
    order.push(group);
  };
  for (const f of factors) visit(f);
  if (coefficient.p === 0n) return ZERO;

  const result: Expr[] = [];
  let needsRebuild = false;
  for (const { base, exponents, original } of order) {
    const factor = exponents.length === 1 ? original : pow(base, add(...exponents));
    if (factor.kind === "num") { coefficient = mulNum(coefficient, factor); continue; }
    if (factor.kind === "mul") needsRebuild = true;
    result.push(factor);
  }
  if (needsRebuild) return mul(coefficient, ...result);
  if (coefficient.p === 0n) return ZERO;
  if (result.length === 0) return coefficient;
  const unit = coefficient.p === 1n && coefficient.q === 1n;
  if (result.length === 1 && unit) return result[0]!;
  if (result.length === 1 && result[0]!.kind === "add" && coefficient.p === -1n && coefficient.q === 1n) {
    return add(...result[0]!.terms.map((t) => mul(MINUS_ONE, t)));
  }
  result.sort(compareFactors);
  if (!unit) result.unshift(coefficient);
  return makeMul(result);
}

/** Whether a sum's first term, in canonical order, has a negative coefficient. */
export function startsNegative(sum: Expr & { kind: "add" }): boolean {
  const first = sum.terms[0]!;
  if (first.kind === "num") return first.p < 0n;
  return first.kind === "mul" && first.factors[0]!.kind === "num" && first.factors[0]!.p < 0n;
}

/** `-a`. */
export function neg(a: Expr): Expr {
  return mul(MINUS_ONE, a);
}

/** `a / b`. */
export function div(a: Expr, b: Expr): Expr {
  return mul(a, pow(b, MINUS_ONE));
}

/**
 * If `e` reads as negative (a negative number, or a product with a negative coefficient),
 * its negation; otherwise `undefined`. Used for the symmetries `sin(-x) = -sin(x)`.
 */
export function negatedIfNegative(e: Expr): Expr | undefined {
  if (e.kind === "num") return e.p < 0n ? mul(MINUS_ONE, e) : undefined;
  if (e.kind === "mul" && e.factors[0]!.kind === "num" && e.factors[0]!.p < 0n) return mul(MINUS_ONE, e);
  return undefined;
}
