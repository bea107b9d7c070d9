import { mixHash, type Add, type Expr, type Num } from "./expr.js";
import { addNum, MINUS_ONE, ONE, ZERO } from "./num.js";
import { makeMul, mul } from "./mul.js";
import { compareTerms, equals } from "./order.js";

/** Builds a sum node from terms already canonical and in order; no checks. */
export function makeAdd(terms: readonly Expr[]): Add {
  let hash = 5;
  for (const t of terms) hash = mixHash(hash, t.hash);
  return { kind: "add", terms, hash };
}

/** Splits a term into its numeric coefficient and the rest: `3*x*y` is `3` and `x*y`. */
export function splitCoefficient(term: Expr): [Num, Expr] {
  if (term.kind === "num") return [term, ONE];
  if (term.kind === "mul" && term.factors[0]!.kind === "num") {
    const rest = term.factors.length === 2 ? term.factors[1]! : makeMul(term.factors.slice(1));
    return [term.factors[0]!, rest];
  }
  return [ONE, term];
}

interface Group { rest: Expr; coefficient: Num; original: Expr }

/**
 * The canonical sum of `terms`: nested sums flattened, numbers added exactly, like terms
 * collected (`2*x + 3*x` is `5*x`), zero terms dropped, terms in canonical order.
 */
export function add(...terms: Expr[]): Expr {
  let constant: Num = ZERO;
  const groups = new Map<number, Group[]>();
  const order: Group[] = [];
  const visit = (term: Expr): void => {
    if (term.kind === "add") { for (const t of term.terms) visit(t); return; }
    if (term.kind === "num") { constant = addNum(constant, term); return; }
    const [coefficient, rest] = splitCoefficient(term);
    let bucket = groups.get(rest.hash);
    if (!bucket) groups.set(rest.hash, bucket = []);
    for (const group of bucket) {
      if (equals(group.rest, rest)) { group.coefficient = addNum(group.coefficient, coefficient); return; }
    }
    const group = { rest, coefficient, original: term };
    bucket.push(group);
    order.push(group);
  };
  for (const t of terms) visit(t);

  const result: Expr[] = [];
  let needsRebuild = false;
  for (const { rest, coefficient, original } of order) {
    if (coefficient.p === 0n) continue;
    const [originalCoefficient] = splitCoefficient(original);
    const term = originalCoefficient === coefficient ? original : mul(coefficient, rest);
    if (term.kind === "add" || term.kind === "num") needsRebuild = true;
    result.push(term);
  }
  if (constant.p !== 0n) result.push(constant);
  if (needsRebuild) return add(...result);
  if (result.length === 0) return ZERO;
  if (result.length === 1) return result[0]!;
  result.sort(compareTerms);
  return makeAdd(result);
}

/** `a - b`. */
export function sub(a: Expr, b: Expr): Expr {
  return add(a, mul(MINUS_ONE, b));
}
