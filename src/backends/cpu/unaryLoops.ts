import type { Storage } from "../../tensor/dtype.js";
import { erf } from "../../math/erf.js";

/**
 * One loop per elementwise function. Each loop is its own function so V8 compiles it with the
 * function inlined; a shared loop calling a function argument runs several times slower.
 */
export type UnaryLoop = (x: Storage, out: Storage, n: number) => void;

/** 1 / (1 + e^(−x)), written so that neither branch overflows. */
export function logistic(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** log(1 + eˣ) without overflow: x + log1p(e^(−x)) for x > 0. */
export function softplus(v: number): number {
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}

/** Rounds halves away from zero (Math.round rounds −2.5 to −2). */
export function roundHalfAway(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/** Each function applied to one value, for inputs stored as a single fill value. */
export const unaryScalar: Record<string, (v: number) => number> = {
  neg: (v) => -v,
  exp: (v) => Math.exp(v),
  log: (v) => Math.log(v),
  log1p: (v) => Math.log1p(v),
  expm1: (v) => Math.expm1(v),
  sin: (v) => Math.sin(v),
  cos: (v) => Math.cos(v),
  tan: (v) => Math.tan(v),
  asin: (v) => Math.asin(v),
  acos: (v) => Math.acos(v),
  atan: (v) => Math.atan(v),
  sinh: (v) => Math.sinh(v),
  cosh: (v) => Math.cosh(v),
  tanh: (v) => Math.tanh(v),
  sqrt: (v) => Math.sqrt(v),
  erf: (v) => erf(v),
  logistic: (v) => logistic(v),
  abs: (v) => Math.abs(v),
  sign: (v) => Math.sign(v),
  floor: (v) => Math.floor(v),
  ceil: (v) => Math.ceil(v),
  round: (v) => roundHalfAway(v),
  reciprocal: (v) => 1 / v,
  rsqrt: (v) => 1 / Math.sqrt(v),
  softplus: (v) => softplus(v),
};

export const unaryLoops: Record<string, UnaryLoop> = {
  neg(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = -v;
    }
  },
  exp(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.exp(v);
    }
  },
  log(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.log(v);
    }
  },
  log1p(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.log1p(v);
    }
  },
  expm1(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.expm1(v);
    }
  },
  sin(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.sin(v);
    }
  },
  cos(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.cos(v);
    }
  },
  tan(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.tan(v);
    }
  },
  asin(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.asin(v);
    }
  },
  acos(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.acos(v);
    }
  },
  atan(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.atan(v);
    }
  },
  sinh(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.sinh(v);
    }
  },
  cosh(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.cosh(v);
    }
  },
  tanh(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.tanh(v);
    }
  },
  sqrt(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.sqrt(v);
    }
  },
  erf(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = erf(v);
    }
  },
  logistic(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = logistic(v);
    }
  },
  abs(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.abs(v);
    }
  },
  sign(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.sign(v);
    }
  },
  floor(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.floor(v);
    }
  },
  ceil(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = Math.ceil(v);
    }
  },
  round(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = roundHalfAway(v);
    }
  },
  reciprocal(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = 1 / v;
    }
  },
  rsqrt(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = 1 / Math.sqrt(v);
    }
  },
  softplus(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      o[i] = softplus(v);
    }
  },
};
