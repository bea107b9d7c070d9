/**
 * The simplifier. Canonical construction already collects like terms and powers and folds
 * numbers exactly; on top of that, this pass rewrites by the identities in `rules.ts` and, at
 * each sum, considers other forms (over a common denominator, common factor pulled out,
 * multiplied out), at each quotient of polynomials in one variable their common factor
 * cancelled, and keeps the one with the fewest operations as printed. It repeats until
 * nothing improves, so it is idempotent: simplifying a simplified expression returns it.
 */
import type { Expr } from "../expr/expr.js";
import { add } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { call } from "../expr/call.js";
import { equals } from "../expr/order.js";
import { ArgumentError } from "../errors.js";
import { countOperations } from "../print/operations.js";
import { parse } from "../parse/parse.js";
import { expand } from "./expand.js";
import { factorTerms } from "./factor.js";
import { together } from "./together.js";
import { productToSum } from "./product-to-sum.js";
import { cancelCommonFactor } from "./cancel.js";
import { rewrite, type RewriteRule } from "./pattern.js";
import { RULES } from "./rules.js";

let compiledRules: Map<Expr["kind"], RewriteRule[]> | undefined;

/** The rules, parsed once, grouped by the kind of node their pattern matches. */
function rulesByKind(): Map<Expr["kind"], RewriteRule[]> {
  if (!compiledRules) {
    compiledRules = new Map();
    for (const [from, to] of RULES) {
      const rule = { from: parse(from), to: parse(to) };
      const list = compiledRules.get(rule.from.kind) ?? [];
      list.push(rule);
      compiledRules.set(rule.from.kind, list);
    }
  }
  return compiledRules;
}

/**
 * The form `build` returns, or undefined if it would divide by zero: an expression such as
 * `1/(sin(x)^2 + cos(x)^2 - 1)` keeps its unsimplified form rather than become an error.
 */
function guarded<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (error instanceof ArgumentError) return undefined;
    throw error;
  }
}

/**
 * A product with each sum among its factors (or their integer powers) written over a common
 * denominator, so that factors cancel across them: `(1/x^2 + 1)*x^2` is `x^2 + 1`.
 */
function togetherFactors(product: Expr & { kind: "mul" }): Expr | undefined {
  let changed = false;
  const factors = product.factors.map((f) => {
    const [base, exponent] = f.kind === "pow" ? [f.base, f.exponent] : [f, undefined];
    if (base.kind !== "add" || (exponent && !(exponent.kind === "num" && exponent.q === 1n))) return f;
    const combined = together(base)[0];
    if (!combined) return f;
    changed = true;
    return exponent ? pow(combined, exponent) : combined;
  });
  return changed ? mul(...factors) : undefined;
}

/** Passes stop after this many rounds even if something still improves. */
const MAX_PASSES = 16;


class Simplifier {
  private readonly memo = new Map<Expr, Expr>();

  run(e: Expr): Expr {
    const known = this.memo.get(e);
    if (known) return known;
    const result = this.node(e);
    this.memo.set(e, result);
    this.memo.set(result, result);
    return result;
  }

  private node(e: Expr): Expr {
    const rebuilt = guarded(() => this.rebuild(e)) ?? e;
    // the rebuilt node may have changed kind (x*x^-1 is 1); its children are all simplified
    let best = rebuilt;
    let bestOps = countOperations(best);
    const consider = (candidate: Expr | undefined): void => {
      if (!candidate) return;
      const ops = countOperations(candidate);
      if (ops < bestOps) { best = candidate; bestOps = ops; }
    };
    for (const rule of rulesByKind().get(rebuilt.kind) ?? []) consider(guarded(() => rewrite(rule, rebuilt)));
    if (best.kind === "add") {
      const sum = best;
      (guarded(() => together(sum)) ?? []).forEach(consider);
      consider(guarded(() => factorTerms(sum)));
      consider(guarded(() => expand(sum)));
      consider(guarded(() => productToSum(sum)));
    } else if (best.kind === "mul") {
      const product = best;
      if (product.factors.some((f) => f.kind === "add")) consider(guarded(() => expand(product)));
      consider(guarded(() => togetherFactors(product)));
      consider(guarded(() => cancelCommonFactor(product)));
    }
    return best;
  }

  /** The node rebuilt from its simplified children. */
  private rebuild(e: Expr): Expr {
    switch (e.kind) {
      case "num":
      case "constant":
      case "symbol": return e;
      case "call": return call(e.fn, e.args.map((a) => this.run(a)));
      case "pow": return pow(this.run(e.base), this.run(e.exponent));
      case "mul": return mul(...e.factors.map((f) => this.run(f)));
      case "add": return add(...e.terms.map((t) => this.run(t)));
    }
  }
}

/**
 * Simplifies an expression to the form a person would write: like terms and powers
 * collected, numbers exact, identities applied (`sin(x)^2 + cos(x)^2` is `1`), sums over a
 * common denominator or with common factors pulled out when that is shorter. The result has
 * the same value as the input wherever the input is defined, and simplifying it again
 * changes nothing.
 *
 * @example
 * toText(simplify(parse("1/(x + 1) - x/(x + 1)^2")));   // => "1/(x + 1)^2"
 * toText(simplify(parse("2*x*sin(x) + x^2*cos(x)")));   // => "x*(x*cos(x) + 2*sin(x))"
 */
export function simplify(e: Expr): Expr {
  let current = e;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = new Simplifier().run(current);
    if (equals(next, current)) return next;
    current = next;
  }
  return current;
}
