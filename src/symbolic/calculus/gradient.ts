import type { Expr } from "../expr/expr.js";
import { freeVariables, checkVariableName } from "../variables.js";
import { derivative, type DerivativeOptions } from "./derivative.js";
import { toExpr, type ExprLike } from "./input.js";

/**
 * The gradient of `f`: its partial derivatives with respect to each variable.
 *
 * @param f - an expression or its text
 * @param variables - the variables, in order; by default every variable of `f` in natural order
 * @returns one derivative per variable
 * @example
 * gradient("x^2*y + z").map(toText);   // => ["2*x*y", "x^2", "1"]
 */
export function gradient(f: ExprLike, variables?: readonly string[], options: DerivativeOptions = {}): Expr[] {
  const expr = toExpr("gradient", f);
  const names = variables ?? freeVariables(expr);
  names.forEach((name) => checkVariableName("gradient", name));
  return names.map((name) => derivative(expr, name, options));
}
