import type { Expr } from "../expr/expr.js";
import { freeVariables, checkVariableName } from "../variables.js";
import { derivative, type DerivativeOptions } from "./derivative.js";
import { toExpr, type ExprLike } from "./input.js";

/**
 * The Hessian matrix of `f`: entry `[i][j]` is ∂²f/∂xᵢ∂xⱼ. Each pair is computed once
 * and mirrored, so the matrix is exactly symmetric.
 *
 * @param f - an expression or its text
 * @param variables - the variables; by default every variable of `f` in natural order
 * @example
 * hessian("x^2*y + z").map((row) => row.map(toText));
 * // => [["2*y", "2*x", "0"], ["2*x", "0", "0"], ["0", "0", "0"]]
 */
export function hessian(f: ExprLike, variables?: readonly string[], options: DerivativeOptions = {}): Expr[][] {
  const expr = toExpr("hessian", f);
  const names = variables ?? freeVariables(expr);
  names.forEach((name) => checkVariableName("hessian", name));
  const first = names.map((name) => derivative(expr, name, options));
  const matrix: Expr[][] = names.map(() => []);
  for (let i = 0; i < names.length; i++) {
    for (let j = i; j < names.length; j++) {
      const entry = derivative(first[i]!, names[j]!, options);
      matrix[i]![j] = entry;
      matrix[j]![i] = entry;
    }
  }
  return matrix;
}
