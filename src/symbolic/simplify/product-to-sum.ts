/**
 * Products of sines and cosines written as sums, which then collect:
 * `2*cos(2*x)*cos(3*x) - 3*sin(2*x)*sin(3*x)` is `5*cos(5*x)/2 - cos(x)/2`.
 */
import type { Expr } from "../expr/expr.js";
import { add, sub } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { call } from "../expr/call.js";
import { HALF } from "../expr/num.js";
import { cos, sin } from "../functions/trigonometric.js";

const isSinOrCos = (e: Expr): e is Expr & { kind: "call" } => e.kind === "call" && (e.fn === sin || e.fn === cos);

/** A term with exactly two sine or cosine factors, rewritten as a sum; otherwise the term itself. */
function termAsSum(term: Expr): Expr {
  if (term.kind !== "mul") return term;
  const trig = term.factors.filter(isSinOrCos);
  if (trig.length !== 2) return term;
  const [p, q] = trig as [Expr & { kind: "call" }, Expr & { kind: "call" }];
  const rest = term.factors.filter((f) => f !== p && f !== q);
  const a = p.args[0]!;
  const b = q.args[0]!;
  let sum: Expr;
  if (p.fn === sin && q.fn === sin) {
    sum = sub(call(cos, [sub(a, b)]), call(cos, [add(a, b)])); // 2 sin a sin b = cos(a - b) - cos(a + b)
  } else if (p.fn === cos && q.fn === cos) {
    sum = add(call(cos, [sub(a, b)]), call(cos, [add(a, b)])); // 2 cos a cos b = cos(a - b) + cos(a + b)
  } else {
    const [s, c] = p.fn === sin ? [a, b] : [b, a];
    sum = add(call(sin, [add(s, c)]), call(sin, [sub(s, c)])); // 2 sin s cos c = sin(s + c) + sin(s - c)
  }
  return mul(HALF, sum, ...rest);
}

/** The sum with every product of two sines or cosines written as a sum, or undefined if none. */
export function productToSum(e: Expr): Expr | undefined {
  if (e.kind !== "add") return undefined;
  const terms = e.terms.map(termAsSum);
  if (terms.every((t, i) => t === e.terms[i])) return undefined;
  return add(...terms.map((t) => (t.kind === "mul" ? distributeHalf(t) : t)));
}

/** `(1/2)*k*(u + v)` as `k*u/2 + k*v/2`, so the halves collect with other terms. */
function distributeHalf(term: Expr & { kind: "mul" }): Expr {
  const sum = term.factors.find((f) => f.kind === "add");
  if (!sum || sum.kind !== "add") return term;
  const others = term.factors.filter((f) => f !== sum);
  return add(...sum.terms.map((t) => mul(t, ...others)));
}
