import type { Expr } from "../expr/expr.js";
import { simplify } from "../simplify/simplify.js";
import { checkVariableName } from "../variables.js";
import { differentiate } from "./differentiate.js";
import { toExpr, type ExprLike } from "./input.js";

/** Options of the derivative functions. */
export interface DerivativeOptions {
  /** Simplify the result (default `true`); `false` returns the canonical but unsimplified form. */
  readonly simplify?: boolean;
}

/**
 * The partial derivative of `f` with respect to one variable, or a higher or mixed partial
 * derivative with respect to several in turn. Other variables are held constant.
 *
 * @param f - an expression or its text, for example `"x^2*y + z"`
 * @param wrt - a variable name, or a list of names to differentiate by in turn:
 *   `["x", "x"]` is ∂²f/∂x², `["x", "y"]` is ∂²f/∂y∂x
 * @param options - `simplify: false` to skip simplification
 * @returns the derivative, simplified
 * @throws ParseError if `f` is malformed text; ArgumentError if a name is not a variable name
 * @example
 * toText(derivative("x^2*y + z", "x"));          // => "2*x*y"
 * toText(derivative("x^2*y + z", "y"));          // => "x^2"
 * toText(derivative("x^2*y + z", ["x", "y"]));   // => "2*x"
 */
export function derivative(f: ExprLike, wrt: string | readonly string[], options: DerivativeOptions = {}): Expr {
  const names = typeof wrt === "string" ? [wrt] : wrt;
  names.forEach((name) => checkVariableName("derivative", name));
  let result = toExpr("derivative", f);
  for (const name of names) {
    result = differentiate(result, name);
    if (options.simplify !== false) result = simplify(result);
  }
  return result;
}
