import type { Expr } from "../expr/expr.js";
import { add } from "../expr/add.js";
import { mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { num, rational } from "../expr/num.js";
import { simplify } from "../simplify/simplify.js";
import { checkVariableName } from "../variables.js";
import { derivative } from "./derivative.js";
import { toExpr, type ExprLike } from "./input.js";

/** Options of `directionalDerivative`. */
export interface DirectionalOptions {
  /** Divide the direction by its length first, for the rate of change per unit distance (default `false`). */
  readonly normalize?: boolean;
}

/**
 * The directional derivative of `f` along `direction`: Σᵢ vᵢ ∂f/∂xᵢ.
 *
 * @param f - an expression or its text
 * @param direction - the component along each variable, as a number, an expression or its text;
 *   variables not named have component 0
 * @param options - `normalize: true` to use the unit vector along `direction`
 * @example
 * toText(directionalDerivative("x^2*y", { x: 1, y: 2 }));   // => "2*x*(x + y)"
 */
export function directionalDerivative(
  f: ExprLike, direction: Readonly<Record<string, number | ExprLike>>, options: DirectionalOptions = {},
): Expr {
  const expr = toExpr("directionalDerivative", f);
  const components = Object.entries(direction).map(([name, value]): [string, Expr] => {
    checkVariableName("directionalDerivative", name);
    return [name, typeof value === "number" ? num(value) : toExpr("directionalDerivative", value)];
  });
  let result = add(...components.map(([name, v]) => mul(v, derivative(expr, name))));
  if (options.normalize) {
    const length = pow(add(...components.map(([, v]) => pow(v, num(2)))), rational(1n, 2n));
    result = mul(result, pow(length, num(-1)));
  }
  return simplify(result);
}
