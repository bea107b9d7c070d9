/**
 * Step-by-step derivations: the partial derivative worked the way a student writes it on
 * paper, naming at each step the rule used (constant, sum, constant multiple, product,
 * quotient, power, exponential, chain with its inner and outer functions).
 */
import type { Expr } from "../expr/expr.js";
import { add } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { call } from "../expr/call.js";
import { MINUS_ONE, ONE, ZERO, num } from "../expr/num.js";
import { symbol } from "../expr/symbol.js";
import { log } from "../functions/exponential.js";
import { fraction, signedTerms } from "../print/layout.js";
import { simplify } from "../simplify/simplify.js";
import { differentiate } from "../calculus/differentiate.js";
import { dependsOn, checkVariableName } from "../variables.js";
import { toExpr, type ExprLike } from "../calculus/input.js";

/** The rules an explanation names. */
export type DerivativeRule =
  | "constant" | "variable" | "sum" | "constant multiple" | "product" | "quotient"
  | "power" | "exponential" | "general power" | "function" | "chain";

/** A formula in the middle of a derivation: expressions and derivatives still to work out. */
export type Formula =
  | { readonly kind: "expr"; readonly expr: Expr }
  | { readonly kind: "derivative"; readonly of: Expr }
  | { readonly kind: "sum"; readonly terms: ReadonlyArray<{ readonly negative: boolean; readonly formula: Formula }> }
  | { readonly kind: "product"; readonly factors: readonly Formula[] }
  | { readonly kind: "quotient"; readonly numerator: Formula; readonly denominator: Formula };

/** A piece of a note: words, an expression, or the operator ∂/∂name (d/dname for one variable). */
export type NotePart = string | Expr | { readonly derivativeBy: string; readonly partial: boolean };

/** One step: the derivative of `expression` by `rule`, written as `formula`, worked out below. */
export interface ExplanationStep {
  readonly rule: DerivativeRule;
  /** What is differentiated in this step. */
  readonly expression: Expr;
  /** The rule applied: the derivative in terms of smaller derivatives. */
  readonly formula: Formula;
  /** Why the rule applies, or the rule itself, for example `y does not depend on x`. */
  readonly note: readonly NotePart[];
  /** The derivatives `formula` needs, each worked out. */
  readonly steps: readonly ExplanationStep[];
  /** The simplified derivative of `expression`. */
  readonly result: Expr;
}

/** A derivation of ∂f/∂x. */
export interface Explanation {
  readonly expression: Expr;
  readonly variable: string;
  readonly root: ExplanationStep;
  /** The simplified derivative; the same as `derivative(f, x)`. */
  readonly result: Expr;
}

const expr = (e: Expr): Formula => ({ kind: "expr", expr: e });
const d = (e: Expr): Formula => ({ kind: "derivative", of: e });
const product = (...factors: Formula[]): Formula => ({ kind: "product", factors });
const by = (name: string, partial = true): NotePart => ({ derivativeBy: name, partial });
const plus = (...terms: Formula[]): Formula => ({ kind: "sum", terms: terms.map((formula) => ({ negative: false, formula })) });

/** A placeholder name for the inner function of the chain rule, not clashing with the expression's. */
function innerName(e: Expr, x: string): string {
  for (const candidate of ["u", "w", "v", "t", "s"]) if (candidate !== x && !dependsOn(e, candidate)) return candidate;
  let i = 1;
  while (dependsOn(e, `u_${i}`) || `u_${i}` === x) i++;
  return `u_${i}`;
}

class Deriver {
  constructor(private readonly x: string) {}

  step(e: Expr): ExplanationStep {
    const x = this.x;
    const X = symbol(x);
    const finish = (rule: DerivativeRule, formula: Formula, note: NotePart[], steps: ExplanationStep[] = []): ExplanationStep =>
      ({ rule, expression: e, formula, note, steps, result: simplify(differentiate(e, x)) });

    if (!dependsOn(e, x)) {
      return finish("constant", expr(ZERO), e.kind === "num" || e.kind === "constant"
        ? ["the derivative of a constant is 0"] : [e, ` does not depend on ${x}`]);
    }
    switch (e.kind) {
      case "symbol": return finish("variable", expr(ONE), [by(x), X, " = 1"]);
      case "add": {
        const terms = signedTerms(e.terms);
        return finish("sum", { kind: "sum", terms: terms.map((t) => ({ negative: t.negative, formula: d(t.magnitude) })) },
          ["the derivative of a sum is the sum of the derivatives"], terms.map((t) => this.step(t.magnitude)));
      }
      case "mul": {
        const constant = e.factors.filter((f) => !dependsOn(f, x));
        const varying = e.factors.filter((f) => dependsOn(f, x));
        if (constant.length > 0) {
          const c = mul(...constant);
          const rest = mul(...varying);
          return finish("constant multiple", product(expr(c), d(rest)),
            [c, ` does not depend on ${x}`], [this.step(rest)]);
        }
        const { negative, numerator, denominator } = fraction(e);
        if (numerator.length > 0 && denominator.length > 0 && !negative) {
          const u = mul(...numerator);
          const v = mul(...denominator);
          const formula: Formula = {
            kind: "quotient",
            numerator: { kind: "sum", terms: [
              { negative: false, formula: product(d(u), expr(v)) },
              { negative: true, formula: product(expr(u), d(v)) },
            ] },
            denominator: expr(pow(v, num(2))),
          };
          return finish("quotient", formula, [by(x), "(u/v) = (", by(x), "u·v − u·", by(x), "v)/v^2"],
            [this.step(u), this.step(v)]);
        }
        const formula = plus(...varying.map((f, i) => product(...varying.map((g, j) => (i === j ? d(g) : expr(g))))));
        return finish("product", formula, [by(x), "(u·v) = ", by(x), "u·v + u·", by(x), "v"], varying.map((f) => this.step(f)));
      }
      case "pow": {
        const { base: u, exponent: n } = e;
        if (!dependsOn(n, x)) {
          const outer = mul(n, pow(u, add(n, MINUS_ONE)));
          const N = symbol("n");
          if (u.kind === "symbol") return finish("power", expr(outer), [by(x), pow(X, N), " = ", mul(N, pow(X, add(N, MINUS_ONE)))]);
          const w = symbol(innerName(e, x));
          return finish("chain", product(expr(outer), d(u)),
            ["outer ", pow(w, n), ", inner ", w, " = ", u, "; ", by(w.name, false), pow(w, n), " = ", mul(n, pow(w, add(n, MINUS_ONE)))],
            [this.step(u)]);
        }
        if (!dependsOn(u, x)) {
          const outer = mul(e, call(log, [u]));
          const A = symbol("a");
          if (n.kind === "symbol") return finish("exponential", expr(outer), [by(x), pow(A, X), " = ", mul(pow(A, X), call(log, [A]))]);
          const w = symbol(innerName(e, x));
          return finish("chain", product(expr(outer), d(n)),
            ["outer ", pow(u, w), ", inner ", w, " = ", n, "; ", by(w.name, false), pow(u, w), " = ", mul(pow(u, w), call(log, [u]))],
            [this.step(n)]);
        }
        const formula = product(expr(e), plus(product(d(n), expr(call(log, [u]))),
          { kind: "quotient", numerator: product(expr(n), d(u)), denominator: expr(u) }));
        return finish("general power", formula,
          ["u^v = exp(v·log(u)), so ", by(x), "u^v = u^v·(", by(x), "v·log(u) + v·", by(x), "u/u)"],
          [this.step(n), this.step(u)]);
      }
      case "call": {
        const { fn, args } = e;
        if (args.length === 1 && args[0]!.kind === "symbol") {
          return finish("function", expr(fn.derivative(args, 0)),
            [by(x), e, " = ", fn.derivative(args, 0), ...(fn.piecewise ? [` (except where ${fn.name} has a corner or jump)`] : [])]);
        }
        const names = args.map((_, i) => symbol(args.length === 1 ? innerName(e, x) : `${innerName(e, x)}_${i + 1}`));
        const outer = call(fn, names);
        const terms = args.flatMap((arg, i) => (dependsOn(arg, x) ? [product(expr(fn.derivative(args, i)), d(arg))] : []));
        const note: NotePart[] = ["outer ", outer, ", inner "];
        args.forEach((arg, i) => note.push(...(i > 0 ? [", "] : []), names[i]!, " = ", arg));
        names.forEach((name, i) => note.push(i === 0 ? "; " : ", ", by(name.name, args.length > 1), outer, " = ", fn.derivative(names, i)));
        return finish("chain", terms.length === 1 ? terms[0]! : plus(...terms), note,
          args.filter((arg) => dependsOn(arg, x)).map((arg) => this.step(arg)));
      }
      default:
        return finish("constant", expr(ZERO), ["the derivative of a constant is 0"]);
    }
  }
}

/**
 * A step-by-step derivation of the partial derivative of `f` with respect to `x`.
 *
 * @param f - an expression or its text
 * @param x - the variable
 * @returns the steps as a tree; format them with `formatExplanation`
 * @example
 * console.log(formatExplanation(explain("x^2*y + z", "x")));
 * // ∂/∂x(x^2*y + z) = ∂/∂x(x^2*y) + ∂/∂x(z)   [sum rule: ...]
 * //   ...
 * // so ∂/∂x(x^2*y + z) = 2*x*y
 */
export function explain(f: ExprLike, x: string): Explanation {
  const expression = toExpr("explain", f);
  checkVariableName("explain", x);
  const root = new Deriver(x).step(expression);
  return { expression, variable: x, root, result: root.result };
}
