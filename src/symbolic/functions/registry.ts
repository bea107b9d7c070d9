/** Every function that expression text can call, by name. */
import type { Expr } from "../expr/expr.js";
import { call } from "../expr/call.js";
import { pow, sqrt } from "../expr/pow.js";
import type { FunctionDefinition } from "./define.js";
import { cos, cot, csc, sec, sin, tan } from "./trigonometric.js";
import { acos, asin, atan, atan2 } from "./inverse-trigonometric.js";
import { acosh, asinh, atanh, cosh, sinh, tanh } from "./hyperbolic.js";
import { exp, log, log10, log2, logBase } from "./exponential.js";
import { cbrt } from "./roots.js";
import { abs, heaviside, max, min, relu, sign } from "./piecewise.js";
import { erf, sigmoid, softplus } from "./special.js";

/** The functions that are nodes of their own, in the order the documentation lists them. */
export const FUNCTIONS: readonly FunctionDefinition[] = [
  sin, cos, tan, sec, csc, cot, asin, acos, atan, atan2,
  sinh, cosh, tanh, asinh, acosh, atanh,
  exp, log, log10, log2, cbrt,
  abs, sign, heaviside, relu, min, max,
  sigmoid, softplus, erf,
];

/** A name text may call: how many arguments it takes and what it builds. */
export interface Callable {
  readonly name: string;
  /** The fewest arguments it takes. */
  readonly minArity: number;
  /** The most arguments it takes (`Infinity` for any number). */
  readonly maxArity: number;
  readonly build: (args: readonly Expr[]) => Expr;
}

/** How many arguments a callable takes, in words: `1 argument`, `1 or 2 arguments`, `at least 2 arguments`. */
export function arityText(callable: Pick<Callable, "minArity" | "maxArity">): string {
  const { minArity, maxArity } = callable;
  if (minArity === maxArity) return `${minArity} argument${minArity === 1 ? "" : "s"}`;
  if (maxArity === Infinity) return `at least ${minArity} arguments`;
  return maxArity === minArity + 1 ? `${minArity} or ${maxArity} arguments` : `${minArity} to ${maxArity} arguments`;
}

const callables = new Map<string, Callable>();
for (const fn of FUNCTIONS) {
  const maxArity = fn.variadic ? Infinity : fn.arity;
  callables.set(fn.name, { name: fn.name, minArity: fn.arity, maxArity, build: (args) => call(fn, args) });
}
// names that build other nodes: sqrt and pow are powers, ln is log, log with a base is a quotient
callables.set("sqrt", { name: "sqrt", minArity: 1, maxArity: 1, build: (args) => sqrt(args[0]!) });
callables.set("pow", { name: "pow", minArity: 2, maxArity: 2, build: (args) => pow(args[0]!, args[1]!) });
callables.set("ln", { name: "ln", minArity: 1, maxArity: 1, build: (args) => call(log, args) });
callables.set("log", {
  name: "log", minArity: 1, maxArity: 2,
  build: (args) => (args.length === 1 ? call(log, args) : logBase(args[0]!, args[1]!)),
});

/** The callable named `name`, if any. */
export function lookupFunction(name: string): Callable | undefined {
  return callables.get(name);
}

/** Every name text may call, sorted. */
export function functionNames(): string[] {
  return [...callables.keys()].sort();
}

/** The function node definition named `name`, if any. */
export function functionDefinition(name: string): FunctionDefinition | undefined {
  return FUNCTIONS.find((fn) => fn.name === name);
}
