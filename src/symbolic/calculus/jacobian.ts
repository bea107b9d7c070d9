import type { Expr } from "../expr/expr.js";
import { freeVariables, checkVariableName } from "../variables.js";
import { derivative, type DerivativeOptions } from "./derivative.js";
import { toExpr, type ExprLike } from "./input.js";
import { ArgumentError } from "../errors.js";

/**
 * The Jacobian matrix of a list of expressions: row `i` holds the partial derivatives of
 * expression `i` with respect to each variable.
 *
 * @param fs - the expressions (or their text), one per row
 * @param variables - the variables, one per column; by default every variable of any of them
 * @example
 * jacobian(["x*y", "x + y"]).map((row) => row.map(toText));   // => [["y", "x"], ["1", "1"]]
 */
export function jacobian(fs: readonly ExprLike[], variables?: readonly string[], options: DerivativeOptions = {}): Expr[][] {
  if (!Array.isArray(fs) || fs.length === 0) {
    throw new ArgumentError("jacobian", `a non-empty list of expressions, got ${Array.isArray(fs) ? "an empty list" : typeof fs}.`);
  }
  const exprs = fs.map((f) => toExpr("jacobian", f));
  const names = variables ?? freeVariables(...exprs);
  names.forEach((name) => checkVariableName("jacobian", name));
  return exprs.map((e) => names.map((name) => derivative(e, name, options)));
}
