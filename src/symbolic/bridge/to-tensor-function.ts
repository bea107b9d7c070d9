/**
 * The bridge from a symbolic expression to a nabla tensor function, so that symbolic and
 * automatic derivatives of the same formula can be compared. It is the only file of the
 * symbolic module that loads the tensor core, and `nabla/symbolic` does not export it: it is
 * part of the main `nabla` surface.
 */
import {
  abs, acos, add, asin, atan, atan2, cos, cosh, div, erf, exp, log, maximum, minimum, mul, neg,
  pow, reciprocal, relu, scalar, sigmoid, sign, sin, sinh, softplus, sqrt, square, sub, tan, tanh,
  type Tensor, type TensorLike,
} from "../../index.js";
import type { Expr } from "../expr/expr.js";
import { equals } from "../expr/order.js";
import { fraction, signedTerms } from "../print/layout.js";
import { freeVariables, checkVariableName } from "../variables.js";
import { toExpr, type ExprLike } from "../calculus/input.js";
import { ArgumentError } from "../errors.js";
import { evaluate } from "../evaluate/evaluate.js";

type Unary = (x: TensorLike) => Tensor;

// Functions the core has as primitives or ops, and compositions for the others.
const UNARY: Readonly<Record<string, Unary>> = {
  sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, abs, sign, erf, sigmoid, softplus, relu,
  sec: (x) => reciprocal(cos(x)),
  csc: (x) => reciprocal(sin(x)),
  cot: (x) => div(cos(x), sin(x)),
  asinh: (x) => log(add(x, sqrt(add(square(x), 1)))),
  acosh: (x) => log(add(x, sqrt(sub(square(x), 1)))),
  atanh: (x) => mul(0.5, log(div(add(1, x), sub(1, x)))),
  log10: (x) => div(log(x), Math.LN10),
  log2: (x) => div(log(x), Math.LN2),
  cbrt: (x) => mul(sign(x), pow(abs(x), 1 / 3)),
  heaviside: (x) => mul(0.5, add(sign(x), 1)),
};

const BINARY: Readonly<Record<string, (a: TensorLike, b: TensorLike) => Tensor>> = {
  atan2, min: minimum, max: maximum,
};

/**
 * A tensor function made from an expression; `variables` gives the order of its arguments.
 * @example toTensorFunction("y*x + z").variables // => ["x", "y", "z"]
 */
export type TensorFunction = ((...inputs: TensorLike[]) => Tensor) & { readonly variables: readonly string[] };

/**
 * Turns an expression into a nabla tensor function of its variables, built from nabla's ops,
 * so that `grad`, `jvp`, `vmap` and the rest apply to it. Elementwise: the arguments broadcast.
 *
 * @param f - an expression or its text
 * @param variables - the argument order; by default the variables of `f` in natural order
 * @example
 * const f = toTensorFunction("x^2*y + z");
 * grad(f, { argnums: [0, 1, 2] })(scalar(1, "float64"), scalar(2, "float64"), scalar(3, "float64"));
 * // => [tensor(4), tensor(1), tensor(1)], as gradient("x^2*y + z") says: [2*x*y, x^2, 1]
 */
export function toTensorFunction(f: ExprLike, variables?: readonly string[]): TensorFunction {
  const expr = toExpr("toTensorFunction", f);
  const names = variables ? [...variables] : freeVariables(expr);
  names.forEach((name) => checkVariableName("toTensorFunction", name));
  const missing = freeVariables(expr).filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new ArgumentError("toTensorFunction", `every variable among the arguments, got none for ${missing.join(", ")}. Add it to the variables`);
  }
  const fn = (...inputs: TensorLike[]): Tensor => {
    if (inputs.length !== names.length) {
      throw new ArgumentError("toTensorFunction", `${names.length} inputs (${names.join(", ")}), got ${inputs.length}.`);
    }
    // constants take the inputs' dtype: a bare number would enter the core as float32
    const first = inputs.find((x): x is Tensor => typeof x !== "number");
    const dtype = first && first.dtype === "float64" ? "float64" : "float32";
    const constant = (value: number): Tensor => scalar(value, dtype);
    const seen: Array<[Expr, TensorLike]> = [];
    const build = (e: Expr): TensorLike => {
      const known = seen.find(([node]) => equals(node, e));
      if (known) return known[1];
      // constant subexpressions in float64 JavaScript numbers, never as float32 tensors
      const value = freeVariables(e).length === 0 ? constant(evaluate(e, {})) : lower(e);
      seen.push([e, value]);
      return value;
    };
    const product = (e: Expr): TensorLike => {
      const { negative, numerator, denominator } = fraction(e);
      let top: TensorLike = numerator.length === 0 ? constant(1) : build(numerator[0]!);
      for (const factor of numerator.slice(1)) top = mul(top, build(factor));
      for (const factor of denominator) top = div(top, build(factor));
      return negative ? neg(top) : top;
    };
    const lower = (e: Expr): TensorLike => {
      switch (e.kind) {
        case "num":
        case "constant": return constant(e.value);
        case "symbol": return inputs[names.indexOf(e.name)]!;
        case "add": {
          const terms = signedTerms(e.terms);
          let total: TensorLike = build(terms[0]!.magnitude);
          if (terms[0]!.negative) total = neg(total);
          for (const t of terms.slice(1)) total = t.negative ? sub(total, build(t.magnitude)) : add(total, build(t.magnitude));
          return total;
        }
        case "mul": return product(e);
        case "pow": {
          const x = e.exponent;
          if (x.kind === "num" && x.p < 0n) return product(e);
          if (x.kind === "num" && x.value === 2) return square(build(e.base));
          if (x.kind === "num" && x.value === 0.5) return sqrt(build(e.base));
          return pow(build(e.base), build(x));
        }
        case "call": {
          const unary = UNARY[e.fn.name];
          if (unary) return unary(build(e.args[0]!));
          const binary = BINARY[e.fn.name]!;
          // a variadic function folds from the left: max(a, b, c) = max(max(a, b), c)
          return e.args.slice(1).reduce<TensorLike>((result, arg) => binary(result, build(arg)), build(e.args[0]!));
        }
      }
    };
    const result = build(expr);
    return typeof result === "number" ? constant(result) : result;
  };
  return Object.assign(fn, { variables: names });
}
