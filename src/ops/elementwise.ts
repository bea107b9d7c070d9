import { bind } from "../core/trace.js";
import type { Primitive } from "../core/primitive.js";
import { Tensor, filled, type TensorLike } from "../tensor/tensor.js";
import { isFloat, type DType } from "../tensor/dtype.js";
import { DTypeError } from "../errors.js";
import { astype, broadcastTo, prepareOperands, toTensor } from "./convert.js";
import { broadcastShapes } from "../tensor/shape.js";
import { primitives as p } from "../primitives/index.js";

function unary(op: string, prim: Primitive<any>, x: TensorLike, floatOnly = true): Tensor {
  let t = toTensor(op, x);
  if (floatOnly && !isFloat(t.dtype)) t = astype(t, t.dtype === "bool" ? "float32" : "float64");
  return bind(prim, [t], {});
}

const NO_PARAMS = {};

function binary(op: string, prim: Primitive<any>, a: TensorLike, b: TensorLike, float = false): Tensor {
  // Fast paths for the common cases inside models: two tensors of one shape and dtype, and a
  // float tensor with a plain number (the number becomes a constant of the tensor's shape, stored
  // once, so no broadcast is recorded for it).
  if (a instanceof Tensor) {
    if (b instanceof Tensor) {
      if (a.dtype === b.dtype && a.shape.length === b.shape.length && sameDims(a, b) && (!float || isFloat(a.dtype))) {
        return bind(prim, [a, b], NO_PARAMS);
      }
    } else if (typeof b === "number" && isFloat(a.dtype)) {
      return bind(prim, [a, filled(b, a.shape, a.dtype)], NO_PARAMS);
    }
  } else if (typeof a === "number" && b instanceof Tensor && isFloat(b.dtype)) {
    return bind(prim, [filled(a, b.shape, b.dtype), b], NO_PARAMS);
  }
  let [x, y] = prepareOperands(op, [a, b]);
  if (float && !isFloat(x!.dtype)) {
    const target: DType = x!.dtype === "bool" ? "float32" : "float64";
    x = astype(x!, target);
    y = astype(y!, target);
  }
  return bind(prim, [x!, y!], {});
}

function sameDims(a: Tensor, b: Tensor): boolean {
  for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false;
  return true;
}

/** Elementwise a + b with broadcasting. @example add(tensor([1, 2]), 1) // => tensor([2, 3]) */
export const add = (a: TensorLike, b: TensorLike): Tensor => binary("add", p.add, a, b);
/** Elementwise a − b with broadcasting. @example sub(tensor([3, 4]), tensor([1, 1])) // => tensor([2, 3]) */
export const sub = (a: TensorLike, b: TensorLike): Tensor => binary("sub", p.sub, a, b);
/** Elementwise a · b with broadcasting. @example mul(tensor([1, 2]), 3) // => tensor([3, 6]) */
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary("mul", p.mul, a, b);
/**
 * Elementwise a / b with broadcasting. Integer operands divide as float64 (true division, exact).
 * @example div(tensor([1, 2]), 2) // => tensor([0.5, 1])
 */
export const div = (a: TensorLike, b: TensorLike): Tensor => binary("div", p.div, a, b, true);
/** Elementwise aᵇ with broadcasting. @example pow(tensor([2, 3]), 2) // => tensor([4, 9]) */
export const pow = (a: TensorLike, b: TensorLike): Tensor => binary("pow", p.pow, a, b);
/** Elementwise maximum; ties share the derivative equally. @example maximum(tensor([1, 5]), 3) // => tensor([3, 5]) */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binary("maximum", p.max, a, b);
/** Elementwise minimum; ties share the derivative equally. @example minimum(tensor([1, 5]), 3) // => tensor([1, 3]) */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binary("minimum", p.min, a, b);
/** Elementwise angle atan2(y, x) in (−π, π]. @example atan2(tensor([1]), tensor([1])) // => tensor([0.785398]) */
export const atan2 = (y: TensorLike, x: TensorLike): Tensor => binary("atan2", p.atan2, y, x, true);

/** x < y elementwise (bool). @example less(tensor([1, 3]), 2) // => tensor([true, false]) */
export const less = (a: TensorLike, b: TensorLike): Tensor => binary("less", p.less, a, b);
/** x ≤ y elementwise (bool). @example lessEqual(tensor([1, 2]), 2) // => tensor([true, true]) */
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor => binary("lessEqual", p.lessEqual, a, b);
/** x > y elementwise (bool). @example greater(tensor([1, 3]), 2) // => tensor([false, true]) */
export const greater = (a: TensorLike, b: TensorLike): Tensor => binary("greater", p.greater, a, b);
/** x ≥ y elementwise (bool). @example greaterEqual(tensor([1, 2]), 2) // => tensor([false, true]) */
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor => binary("greaterEqual", p.greaterEqual, a, b);
/** x = y elementwise (bool). @example equal(tensor([1, 2]), 2) // => tensor([false, true]) */
export const equal = (a: TensorLike, b: TensorLike): Tensor => binary("equal", p.equal, a, b);
/** x ≠ y elementwise (bool). @example notEqual(tensor([1, 2]), 2) // => tensor([true, false]) */
export const notEqual = (a: TensorLike, b: TensorLike): Tensor => binary("notEqual", p.notEqual, a, b);

/** −x. @example neg(tensor([1, -2])) // => tensor([-1, 2]) */
export const neg = (x: TensorLike): Tensor => unary("neg", p.neg, x, false);
/** |x|; derivative sign(x) (0 at 0). @example abs(tensor([-1, 2])) // => tensor([1, 2]) */
export const abs = (x: TensorLike): Tensor => unary("abs", p.abs, x, false);
/** −1, 0 or 1; derivative 0. @example sign(tensor([-3, 0, 2])) // => tensor([-1, 0, 1]) */
export const sign = (x: TensorLike): Tensor => unary("sign", p.sign, x, false);
/** eˣ. @example exp(tensor([0])) // => tensor([1]) */
export const exp = (x: TensorLike): Tensor => unary("exp", p.exp, x);
/** Natural logarithm. @example log(tensor([1])) // => tensor([0]) */
export const log = (x: TensorLike): Tensor => unary("log", p.log, x);
/** log(1 + x), accurate near 0. @example log1p(tensor([1e-10], { dtype: "float64" })).item() // => 1e-10 */
export const log1p = (x: TensorLike): Tensor => unary("log1p", p.log1p, x);
/** eˣ − 1, accurate near 0. @example expm1(tensor([1e-10], { dtype: "float64" })).item() // => 1e-10 */
export const expm1 = (x: TensorLike): Tensor => unary("expm1", p.expm1, x);
/** Sine. @example sin(tensor([0])) // => tensor([0]) */
export const sin = (x: TensorLike): Tensor => unary("sin", p.sin, x);
/** Cosine. @example cos(tensor([0])) // => tensor([1]) */
export const cos = (x: TensorLike): Tensor => unary("cos", p.cos, x);
/** Tangent. @example tan(tensor([0])) // => tensor([0]) */
export const tan = (x: TensorLike): Tensor => unary("tan", p.tan, x);
/** Inverse sine. @example asin(tensor([1])) // => tensor([1.570796]) */
export const asin = (x: TensorLike): Tensor => unary("asin", p.asin, x);
/** Inverse cosine. @example acos(tensor([1])) // => tensor([0]) */
export const acos = (x: TensorLike): Tensor => unary("acos", p.acos, x);
/** Inverse tangent. @example atan(tensor([1])) // => tensor([0.785398]) */
export const atan = (x: TensorLike): Tensor => unary("atan", p.atan, x);
/** Hyperbolic sine. @example sinh(tensor([0])) // => tensor([0]) */
export const sinh = (x: TensorLike): Tensor => unary("sinh", p.sinh, x);
/** Hyperbolic cosine. @example cosh(tensor([0])) // => tensor([1]) */
export const cosh = (x: TensorLike): Tensor => unary("cosh", p.cosh, x);
/** Hyperbolic tangent. @example tanh(tensor([0])) // => tensor([0]) */
export const tanh = (x: TensorLike): Tensor => unary("tanh", p.tanh, x);
/** Square root. @example sqrt(tensor([4])) // => tensor([2]) */
export const sqrt = (x: TensorLike): Tensor => unary("sqrt", p.sqrt, x);
/** 1/√x. @example rsqrt(tensor([4])) // => tensor([0.5]) */
export const rsqrt = (x: TensorLike): Tensor => unary("rsqrt", p.rsqrt, x);
/** 1/x. @example reciprocal(tensor([4])) // => tensor([0.25]) */
export const reciprocal = (x: TensorLike): Tensor => unary("reciprocal", p.reciprocal, x);
/** The error function, float64-accurate. @example erf(tensor([0])) // => tensor([0]) */
export const erf = (x: TensorLike): Tensor => unary("erf", p.erf, x);
/** The logistic sigmoid 1/(1 + e^(−x)), finite for any input. @example sigmoid(tensor([0])) // => tensor([0.5]) */
export const sigmoid = (x: TensorLike): Tensor => unary("sigmoid", p.logistic, x);
/** log(1 + eˣ), finite for any input. @example softplus(tensor([0])) // => tensor([0.693147]) */
export const softplus = (x: TensorLike): Tensor => unary("softplus", p.softplus, x);
/** Largest integer ≤ x; derivative 0. @example floor(tensor([1.5])) // => tensor([1]) */
export const floor = (x: TensorLike): Tensor => unary("floor", p.floor, x, false);
/** Smallest integer ≥ x; derivative 0. @example ceil(tensor([1.5])) // => tensor([2]) */
export const ceil = (x: TensorLike): Tensor => unary("ceil", p.ceil, x, false);
/** Nearest integer, halves away from zero; derivative 0. @example round(tensor([2.5])) // => tensor([3]) */
export const round = (x: TensorLike): Tensor => unary("round", p.round, x, false);

/** x². @example square(tensor([3])) // => tensor([9]) */
export function square(x: TensorLike): Tensor {
  const t = toTensor("square", x);
  return mul(t, t);
}

/** max(x, 0); derivative 0 at 0 (as in PyTorch and JAX). @example relu(tensor([-1, 2])) // => tensor([0, 2]) */
export function relu(x: TensorLike): Tensor {
  const t = toTensor("relu", x);
  return where(greater(t, 0), t, 0);
}

/** Limits x to [min, max]. @example clip(tensor([-2, 0.5, 3]), 0, 1) // => tensor([0, 0.5, 1]) */
export function clip(x: TensorLike, min: TensorLike, max: TensorLike): Tensor {
  return minimum(maximum(x, min), max);
}

/**
 * `condition ? x : y` elementwise, with broadcasting of all three. The derivative flows to the
 * chosen branch only.
 * @example where(tensor([true, false]), 1, tensor([5, 6])) // => tensor([1, 6])
 */
export function where(condition: TensorLike, x: TensorLike, y: TensorLike): Tensor {
  const c = toTensor("where", condition);
  if (c.dtype !== "bool") {
    throw new DTypeError("where", `expected a bool condition, got ${c.dtype}. Compare first, for example x.greater(0).`);
  }
  const [a, b] = prepareOperands("where", [x, y]);
  const shape = broadcastShapes("where", c.shape, a!.shape);
  return bind(p.select, [broadcastTo(c, shape), broadcastTo(a!, shape), broadcastTo(b!, shape)], {});
}
