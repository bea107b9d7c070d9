/**
 * The derivative rules: one partial derivative of a canonical tree, before simplification.
 * Each function's own rule lives beside the function (`functions/`); this file holds only the
 * rules of the node kinds: sum, product, power, and the chain rule through a call.
 */
import type { Expr } from "../expr/expr.js";
import { add } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { call } from "../expr/call.js";
import { MINUS_ONE, ONE, ZERO, isZero } from "../expr/num.js";
import { log } from "../functions/exponential.js";
import { dependsOn } from "../variables.js";

/**
 * ∂e/∂x in canonical form, not yet simplified. Shared subtrees are differentiated once.
 */
export function differentiate(e: Expr, x: string): Expr {
  const memo = new Map<Expr, Expr>();
  const d = (node: Expr): Expr => {
    const known = memo.get(node);
    if (known) return known;
    const result = rule(node, d, x);
    memo.set(node, result);
    return result;
  };
  return d(e);
}

function rule(e: Expr, d: (node: Expr) => Expr, x: string): Expr {
  switch (e.kind) {
    case "num":
    case "constant": return ZERO;
    case "symbol": return e.name === x ? ONE : ZERO;
    case "add": return add(...e.terms.map(d)); // (u + v)' = u' + v'
    case "mul": {
      // (u v w)' = u' v w + u v' w + u v w'
      const terms: Expr[] = [];
      e.factors.forEach((factor, i) => {
        const df = d(factor);
        if (isZero(df)) return;
        terms.push(mul(...e.factors.map((f, j) => (j === i ? df : f))));
      });
      return add(...terms);
    }
    case "pow": {
      const { base: u, exponent: n } = e;
      const baseVaries = dependsOn(u, x);
      const exponentVaries = dependsOn(n, x);
      if (!exponentVaries) {
        if (!baseVaries) return ZERO;
        return mul(n, pow(u, add(n, MINUS_ONE)), d(u)); // (u^n)' = n u^(n-1) u'
      }
      const logU = call(log, [u]);
      if (!baseVaries) return mul(e, logU, d(n)); // (a^v)' = a^v ln(a) v'
      // (u^v)' = u^v (v' ln u + v u'/u)
      return mul(e, add(mul(d(n), logU), mul(n, d(u), pow(u, MINUS_ONE))));
    }
    case "call": {
      // f(u, v)' = ∂f/∂u u' + ∂f/∂v v'
      const terms: Expr[] = [];
      e.args.forEach((arg, i) => {
        const da = d(arg);
        if (!isZero(da)) terms.push(mul(e.fn.derivative(e.args, i), da));
      });
      return add(...terms);
    }
  }
}
