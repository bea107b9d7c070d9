/**
 * Functions with corners or jumps: abs, sign, heaviside, relu, min, max. Their derivatives are
 * the honest piecewise ones, exact everywhere except at the corner or jump itself, where they
 * take the average of the one-sided values: `abs` has derivative `sign(u)`, `relu` has
 * `heaviside(u)`, with `heaviside(0) = 1/2`.
 */
import type { Expr } from "../expr/expr.js";
import { call } from "../expr/call.js";
import { sub } from "../expr/add.js";
import { compareNum, HALF, MINUS_ONE, ONE, ZERO } from "../expr/num.js";
import { negatedIfNegative, neg } from "../expr/mul.js";
import { binaryFunction, oddSymmetry, unaryFunction } from "./define.js";

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

const numbers = (a: Expr, b: Expr): [Expr & { kind: "num" }, Expr & { kind: "num" }] | undefined =>
  a.kind === "num" && b.kind === "num" ? [a, b] : undefined;

export const min = binaryFunction({
  name: "min",
  latex: "\\min",
  evaluate: Math.min,
  partials: [
    (a, b) => call(heaviside, [sub(b, a)]), // ∂/∂a min(a, b) = H(b - a)
    (a, b) => call(heaviside, [sub(a, b)]), // ∂/∂b min(a, b) = H(a - b)
  ],
  special: (a, b) => { const n = numbers(a, b); return n && (compareNum(n[0], n[1]) <= 0 ? a : b); },
  piecewise: true,
});

export const max = binaryFunction({
  name: "max",
  latex: "\\max",
  evaluate: Math.max,
  partials: [
    (a, b) => call(heaviside, [sub(a, b)]), // ∂/∂a max(a, b) = H(a - b)
    (a, b) => call(heaviside, [sub(b, a)]), // ∂/∂b max(a, b) = H(b - a)
  ],
  special: (a, b) => { const n = numbers(a, b); return n && (compareNum(n[0], n[1]) >= 0 ? a : b); },
  piecewise: true,
});
