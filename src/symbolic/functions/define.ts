/**
 * How a function is declared: its float64 value, its partial derivatives, and the exact
 * values it simplifies to, all in one place, so a function's whole truth is one declaration.
 */
import type { Expr } from "../expr/expr.js";
import { negatedIfNegative, neg } from "../expr/mul.js";
import { isZero } from "../expr/num.js";
import { call } from "../expr/call.js";

/** A named function that expressions can call. */
export interface FunctionDefinition {
  /** The name used in text, for example `"sin"`. */
  readonly name: string;
  /** How many arguments it takes (for a variadic function, the fewest). */
  readonly arity: number;
  /**
   * Whether it takes any number of arguments from `arity` on (`max(x, y, z)`); its value is then
   * `evaluate` folded over them from the left.
   */
  readonly variadic?: boolean;
  /** Its value in float64. Unary functions ignore the second argument. */
  readonly evaluate: (a: number, b: number) => number;
  /** The partial derivative with respect to argument `index`, as an expression of the arguments. */
  readonly derivative: (args: readonly Expr[], index: number) => Expr;
  /** An exact simplification for these arguments (`sin(0) = 0`, `cos(-x) = cos(x)`), if any. */
  readonly special?: (args: readonly Expr[]) => Expr | undefined;
  /** The LaTeX operator, for example `\sin` or `\operatorname{sigmoid}`. */
  readonly latex: string;
  /** Whether the derivative holds everywhere except at isolated points (`abs`, `relu`). */
  readonly piecewise: boolean;
}

interface UnarySpec {
  name: string;
  evaluate: (x: number) => number;
  /** d f(u) / du, as an expression of u. */
  derivative: (u: Expr) => Expr;
  special?: (u: Expr) => Expr | undefined;
  latex?: string;
  piecewise?: boolean;
}

interface BinarySpec {
  name: string;
  evaluate: (a: number, b: number) => number;
  /** The two partial derivatives, ∂f/∂a and ∂f/∂b, as expressions of a and b. */
  partials: [(a: Expr, b: Expr) => Expr, (a: Expr, b: Expr) => Expr];
  special?: (a: Expr, b: Expr) => Expr | undefined;
  latex?: string;
  piecewise?: boolean;
}

interface VariadicSpec {
  name: string;
  /** The value of two arguments; more are folded from the left. */
  evaluate: (a: number, b: number) => number;
  /** The partial derivative with respect to argument `index`, as an expression of all of them. */
  partial: (args: readonly Expr[], index: number) => Expr;
  special?: (args: readonly Expr[]) => Expr | undefined;
  latex?: string;
  piecewise?: boolean;
}

/** Declares a function of two or more arguments, associative like `max`. */
export function variadicFunction(spec: VariadicSpec): FunctionDefinition {
  return {
    name: spec.name,
    arity: 2,
    variadic: true,
    evaluate: spec.evaluate,
    derivative: spec.partial,
    special: spec.special,
    latex: spec.latex ?? `\\operatorname{${spec.name}}`,
    piecewise: spec.piecewise ?? false,
  };
}

/** The value of `fn` at float64 arguments, folding a variadic function over all of them. */
export function evaluateCall(fn: FunctionDefinition, values: readonly number[]): number {
  let result = fn.evaluate(values[0]!, values.length > 1 ? values[1]! : 0);
  for (let i = 2; i < values.length; i++) result = fn.evaluate(result, values[i]!);
  return result;
}

/** Declares a function of one argument. */
export function unaryFunction(spec: UnarySpec): FunctionDefinition {
  const { special } = spec;
  return {
    name: spec.name,
    arity: 1,
    evaluate: spec.evaluate,
    derivative: (args) => spec.derivative(args[0]!),
    special: special && ((args) => special(args[0]!)),
    latex: spec.latex ?? `\\operatorname{${spec.name}}`,
    piecewise: spec.piecewise ?? false,
  };
}

/** Declares a function of two arguments. */
export function binaryFunction(spec: BinarySpec): FunctionDefinition {
  const { special } = spec;
  return {
    name: spec.name,
    arity: 2,
    evaluate: spec.evaluate,
    derivative: (args, index) => spec.partials[index]!(args[0]!, args[1]!),
    special: special && ((args) => special(args[0]!, args[1]!)),
    latex: spec.latex ?? `\\operatorname{${spec.name}}`,
    piecewise: spec.piecewise ?? false,
  };
}

/**
 * Exact values of an odd function: `f(-u) = -f(u)`, and `f(0) = 0` unless the function is
 * singular there (`csc`, `cot`).
 */
export function oddSymmetry(fn: FunctionDefinition, u: Expr, zeroAtZero = true): Expr | undefined {
  if (isZero(u)) return zeroAtZero ? u : undefined;
  const positive = negatedIfNegative(u);
  return positive && neg(call(fn, [positive]));
}

/** Exact values of an even function: `f(-u) = f(u)`. */
export function evenSymmetry(fn: FunctionDefinition, u: Expr): Expr | undefined {
  const positive = negatedIfNegative(u);
  return positive && call(fn, [positive]);
}
