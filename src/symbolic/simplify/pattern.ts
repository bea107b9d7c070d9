/**
 * Rewrite rules as data: a rule is two lines of expression text, `from` and `to`, whose
 * variables are wildcards (`sin(a)^2 + cos(a)^2` → `1`). Matching knows that sums and products
 * are unordered: at the top of a pattern, the matched operands may be any of the sum's or
 * product's operands, and the others are kept (`x + sin(y)^2 + cos(y)^2` becomes `x + 1`).
 */
import type { Expr } from "../expr/expr.js";
import { add } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { call } from "../expr/call.js";
import { ONE, mulNum, isNum, rational } from "../expr/num.js";
import { equals } from "../expr/order.js";

type Bindings = ReadonlyMap<string, Expr>;

function bind(bindings: Bindings, name: string, value: Expr): Bindings | undefined {
  const bound = bindings.get(name);
  if (bound) return equals(bound, value) ? bindings : undefined;
  const next = new Map(bindings);
  next.set(name, value);
  return next;
}

/** Matches `pattern` against all of `e`; returns the wildcard bindings, or undefined. */
export function match(pattern: Expr, e: Expr, bindings: Bindings = new Map()): Bindings | undefined {
  switch (pattern.kind) {
    case "symbol": return bind(bindings, pattern.name, e);
    case "num":
    case "constant": return equals(pattern, e) ? bindings : undefined;
    case "call":
      if (e.kind !== "call" || e.fn !== pattern.fn) return undefined;
      return matchInOrder(pattern.args, e.args, bindings);
    case "pow": {
      if (e.kind === "pow") {
        const afterBase = match(pattern.base, e.base, bindings);
        const result = afterBase && match(pattern.exponent, e.exponent, afterBase);
        if (result) return result;
      }
      // a wildcard exponent also matches an unwritten 1: sin(a)^n matches sin(x) with n = 1
      if (pattern.exponent.kind === "symbol") {
        const afterBase = match(pattern.base, e, bindings);
        return afterBase && bind(afterBase, pattern.exponent.name, ONE);
      }
      return undefined;
    }
    case "mul": {
      // k*n, a wildcard times a number, matches a number: -n matches -2 with n = 2
      const [k, n] = pattern.factors;
      if (pattern.factors.length === 2 && isNum(k!) && n!.kind === "symbol" && isNum(e)) {
        return bind(bindings, n!.name, mulNum(e, rational(k!.q, k!.p)));
      }
      if (e.kind !== "mul") return undefined;
      const found = matchUnordered(pattern.factors, e.factors, bindings);
      return found && found.rest.length === 0 ? found.bindings : undefined;
    }
    case "add": {
      if (e.kind !== "add") return undefined;
      const found = matchUnordered(pattern.terms, e.terms, bindings);
      return found && found.rest.length === 0 ? found.bindings : undefined;
    }
  }
}

function matchInOrder(patterns: readonly Expr[], items: readonly Expr[], bindings: Bindings): Bindings | undefined {
  let current: Bindings | undefined = bindings;
  for (let i = 0; i < patterns.length && current; i++) current = match(patterns[i]!, items[i]!, current);
  return current;
}

/** Matches each pattern to a different item, in any order; the unmatched items are `rest`. */
function matchUnordered(
  patterns: readonly Expr[], items: readonly Expr[], bindings: Bindings,
): { bindings: Bindings; rest: Expr[] } | undefined {
  if (patterns.length > items.length) return undefined;
  const used = new Array<boolean>(items.length).fill(false);
  const search = (i: number, current: Bindings): Bindings | undefined => {
    if (i === patterns.length) return current;
    for (let j = 0; j < items.length; j++) {
      if (used[j]) continue;
      const next = match(patterns[i]!, items[j]!, current);
      if (!next) continue;
      used[j] = true;
      const done = search(i + 1, next);
      if (done) return done;
      used[j] = false;
    }
    return undefined;
  };
  const found = search(0, bindings);
  return found && { bindings: found, rest: items.filter((_, j) => !used[j]) };
}

/** Replaces the wildcards of `template` by their bindings, rebuilding canonically. */
export function substitute(template: Expr, bindings: Bindings): Expr {
  switch (template.kind) {
    case "symbol": return bindings.get(template.name) ?? template;
    case "num":
    case "constant": return template;
    case "add": return add(...template.terms.map((t) => substitute(t, bindings)));
    case "mul": return mul(...template.factors.map((f) => substitute(f, bindings)));
    case "pow": return pow(substitute(template.base, bindings), substitute(template.exponent, bindings));
    case "call": return call(template.fn, template.args.map((a) => substitute(a, bindings)));
  }
}

/** A compiled rewrite rule. */
export interface RewriteRule {
  readonly from: Expr;
  readonly to: Expr;
}

/**
 * Rewrites `e` by `rule` if the rule's pattern matches all of `e`, or (for a sum or product
 * pattern) some of its operands; otherwise `undefined`.
 */
export function rewrite(rule: RewriteRule, e: Expr): Expr | undefined {
  const { from } = rule;
  if ((from.kind === "add" || from.kind === "mul") && e.kind === from.kind) {
    const patterns = from.kind === "add" ? from.terms : from.factors;
    const items = e.kind === "add" ? e.terms : (e as Expr & { kind: "mul" }).factors;
    const found = matchUnordered(patterns, items, new Map());
    if (!found) return undefined;
    const replaced = substitute(rule.to, found.bindings);
    return from.kind === "add" ? add(replaced, ...found.rest) : mul(replaced, ...found.rest);
  }
  const bindings = match(from, e);
  return bindings && substitute(rule.to, bindings);
}
