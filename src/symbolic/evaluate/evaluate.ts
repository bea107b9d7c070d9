import type { Expr } from "../expr/expr.js";
import { MissingValueError } from "../errors.js";
import { toExpr, type ExprLike } from "../calculus/input.js";
import { evaluateCall } from "../functions/define.js";

const isHalf = (e: Expr): boolean => e.kind === "num" && e.p === 1n && e.q === 2n;

/**
 * The value of an expression in float64 at a point.
 *
 * @param f - an expression or its text
 * @param values - a number for every variable of `f`
 * @returns the value; `NaN` outside the domain (`log(-1)`), as JavaScript's `Math` does
 * @throws MissingValueError if a variable has no value
 * @example
 * evaluate("x^2*y + z", { x: 1, y: 2, z: 3 });   // => 5
 */
export function evaluate(f: ExprLike, values: Readonly<Record<string, number>>): number {
  const expr = toExpr("evaluate", f);
  const at = (e: Expr): number => {
    switch (e.kind) {
      case "num":
      case "constant": return e.value;
      case "symbol": {
        const value = values[e.name];
        if (typeof value !== "number") {
          throw new MissingValueError("evaluate", `a value for every variable, got none for ${e.name}. Pass { ${e.name}: ... }`);
        }
        return value;
      }
      case "add": {
        let total = 0;
        for (const t of e.terms) total += at(t);
        return total;
      }
      case "mul": {
        let product = 1;
        for (const f of e.factors) product *= at(f);
        return product;
      }
      // sqrt rather than pow for 1/2: pow(-Infinity, 0.5) is Infinity, sqrt gives NaN
      case "pow": return isHalf(e.exponent) ? Math.sqrt(at(e.base)) : Math.pow(at(e.base), at(e.exponent));
      case "call": return e.args.length > 2 ? evaluateCall(e.fn, e.args.map(at)) : e.fn.evaluate(at(e.args[0]!), e.args.length > 1 ? at(e.args[1]!) : 0);
    }
  };
  return at(expr);
}
