/**
 * Functions with corners or jumps: abs, sign, heaviside, relu, and min and max of two or more
 * arguments. Their derivatives are
 * the honest piecewise ones, exact everywhere except at the corner or jump itself, where they
 * take the average of the one-sided values: `abs` has derivative `sign(u)`, `relu` has
 * `heaviside(u)`, with `heaviside(0) = 1/2`.
 */
import type { Expr, Num } from "../expr/expr.js";
import { equals } from "../expr/order.js";
import { call } from "../expr/call.js";
import { sub } from "../expr/add.js";
import { compareNum, HALF, MINUS_ONE, ONE, ZERO } from "../expr/num.js";
import { negatedIfNegative, neg } from "../expr/mul.js";
import { oddSymmetry, unaryFunction, variadicFunction, type FunctionDefinition } from "./define.js";

const signOf = (u: Expr): Expr | undefined =>
  u.kind === "num" ? (u.p > 0n ? ONE : u.p < 0n ? MINUS_ONE : ZERO)
    : u.kind === "constant" ? ONE
    : undefined;

export const abs = unaryFunction({
  name: "abs",
  latex: "\\left|",
  evaluate: Math.abs,
  derivative: (u) => call(sign, [u]), // d |u| = sign(u) du, for u ≠ 0
  special: (u) => {
    if (u.kind === "num" || u.kind === "constant") return u.kind === "num" && u.p < 0n ? neg(u) : u;
    if (u.kind === "call" && u.fn === abs) return u; // |(|u|)| = |u|
    const positive = negatedIfNegative(u);
    return positive && call(abs, [positive]);
  },
  piecewise: true,
});

/** sign(u): -1, 0 or 1. */
export const sign = unaryFunction({
  name: "sign",
  latex: "\\operatorname{sign}",
  evaluate: Math.sign,
  derivative: () => ZERO, // constant on each side of 0
  special: (u) => signOf(u) ?? oddSymmetry(sign, u),
  piecewise: true,
});

/** The Heaviside step: 0 for u < 0, 1 for u > 0, and 1/2 at 0. */
export const heaviside = unaryFunction({
  name: "heaviside",
  latex: "\\theta",
  evaluate: (x) => (x > 0 ? 1 : x < 0 ? 0 : x === 0 ? 0.5 : Number.NaN),
  derivative: () => ZERO, // constant on each side of 0
  special: (u) => {
    const s = signOf(u);
    return s && (s === ONE ? ONE : s === MINUS_ONE ? ZERO : HALF);
  },
  piecewise: true,
});

/** max(0, u). */
export const relu = unaryFunction({
  name: "relu",
  evaluate: (x) => (x > 0 ? x : x <= 0 ? 0 : Number.NaN),
  derivative: (u) => call(heaviside, [u]), // d relu(u) = H(u) du
  special: (u) => (u.kind === "num" ? (u.p > 0n ? u : ZERO) : undefined),
  piecewise: true,
});

/**
 * The exact form of `min` or `max` of these arguments (`better(a, b)` tells whether the number
 * `a` wins over `b`): nested calls of the same function flattened, numbers folded into the
 * winning one, repeated arguments dropped, a single argument returned as it is. `undefined`
 * when nothing changes.
 */
function extremum(fn: FunctionDefinition, args: readonly Expr[], better: (a: Num, b: Num) => boolean): Expr | undefined {
  const kept: Expr[] = [];
  let numberAt = -1;
  const visit = (arg: Expr): void => {
    if (arg.kind === "call" && arg.fn === fn) { arg.args.forEach(visit); return; }
    if (arg.kind === "num") {
      if (numberAt < 0) { numberAt = kept.length; kept.push(arg); return; }
      if (better(arg, kept[numberAt] as Num)) kept[numberAt] = arg;
      return;
    }
    if (!kept.some((k) => equals(k, arg))) kept.push(arg);
  };
  args.forEach(visit);
  if (kept.length === 1) return kept[0];
  const unchanged = kept.length === args.length && kept.every((k, i) => k === args[i]);
  return unchanged ? undefined : call(fn, kept);
}

/** The arguments other than the one at `index`, as one expression: `max(b, c)`, or `b` alone. */
function others(fn: FunctionDefinition, args: readonly Expr[], index: number): Expr {
  const rest = args.filter((_, i) => i !== index);
  return rest.length === 1 ? rest[0]! : call(fn, rest);
}

/** min(a, b, ...): the least argument. */
export const min: FunctionDefinition = variadicFunction({
  name: "min",
  latex: "\\min",
  evaluate: Math.min,
  // ∂/∂a min(a, b, ...) = H(min(b, ...) - a): 1 where a is the least, 1/2 at a tie of two
  partial: (args, index) => call(heaviside, [sub(others(min, args, index), args[index]!)]),
  special: (args) => extremum(min, args, (a, b) => compareNum(a, b) < 0),
  piecewise: true,
});

/** max(a, b, ...): the greatest argument. */
export const max: FunctionDefinition = variadicFunction({
  name: "max",
  latex: "\\max",
  evaluate: Math.max,
  // ∂/∂a max(a, b, ...) = H(a - max(b, ...)): 1 where a is the greatest, 1/2 at a tie of two
  partial: (args, index) => call(heaviside, [sub(args[index]!, others(max, args, index))]),
  special: (args) => extremum(max, args, (a, b) => compareNum(a, b) > 0),
  piecewise: true,
});
