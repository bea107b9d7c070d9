import { bind } from "../core/trace.js";
import { ValueError } from "../errors.js";
import { Tensor, type TensorLike } from "../tensor/tensor.js";
import { isFloat } from "../tensor/dtype.js";
import { normalizeAxes, normalizeAxis, formatShape } from "../tensor/shape.js";
import { keepAxes } from "../primitives/shapes.js";
import { primitives as p } from "../primitives/index.js";
import { astype, toTensor } from "./convert.js";
import { reshape, slice, concatenate } from "./shape.js";
import { mul, sub, add, log, exp, where, div } from "./elementwise.js";
import { stopGradient } from "./stopGradient.js";

/**
 * Options of the reductions (`sum`, `mean`, `max`, ...).
 * @example
 * sum(tensor([[1, 2], [3, 4]]), 1, { keepdims: true });   // => tensor([[3], [7]])
 */
export interface ReduceOptions {
  /** Keep reduced axes as size-1 axes (so the result broadcasts against the input). */
  keepdims?: boolean;
}

/** @inline The axes to reduce: one, a list, or null/undefined for all of them. */
type Axes = number | readonly number[] | null | undefined;

function finish(op: string, result: Tensor, x: Tensor, axes: number[], options?: ReduceOptions): Tensor {
  return options?.keepdims ? reshape(result, keepAxes(x.shape, axes)) : result;
}

/**
 * Sum over `axes` (all axes by default). Bool and int32 sum to int32.
 * @example sum(tensor([[1, 2], [3, 4]]), 0) // => tensor([4, 6])
 */
export function sum(x: TensorLike, axes?: Axes, options?: ReduceOptions): Tensor {
  let t = toTensor("sum", x);
  if (t.dtype === "bool") t = astype(t, "int32");
  const ax = normalizeAxes("sum", axes, t.rank);
  const result = ax.length === 0 ? t : bind(p.sum, [t], { axes: ax });
  return finish("sum", result, t, ax, options);
}

/**
 * Arithmetic mean over `axes` (all by default); integers average in float64.
 * @example mean(tensor([1, 2, 3, 4])) // => tensor(2.5)
 */
export function mean(x: TensorLike, axes?: Axes, options?: ReduceOptions): Tensor {
  let t = toTensor("mean", x);
  if (!isFloat(t.dtype)) t = astype(t, "float64");
  const ax = normalizeAxes("mean", axes, t.rank);
  let count = 1;
  for (const a of ax) count *= t.shape[a]!;
  return div(sum(t, ax, options), count);
}

/**
 * Options of `variance` and `std`.
 * @example
 * variance(tensor([1, 2, 3, 4]), null, { ddof: 1 }).item();   // => 1.666667
 */
export interface VarianceOptions extends ReduceOptions {
  /** Delta degrees of freedom: divide by N − ddof (default 0; 1 gives the unbiased sample variance). */
  ddof?: number;
}

/**
 * Variance over `axes` (all by default): the mean squared deviation from the mean.
 * @example variance(tensor([1, 2, 3, 4])).item() // => 1.25
 */
export function variance(x: TensorLike, axes?: Axes, options: VarianceOptions = {}): Tensor {
  let t = toTensor("variance", x);
  if (!isFloat(t.dtype)) t = astype(t, "float64");
  const ax = normalizeAxes("variance", axes, t.rank);
  let count = 1;
  for (const a of ax) count *= t.shape[a]!;
  const ddof = options.ddof ?? 0;
  if (!Number.isInteger(ddof) || ddof < 0) throw new ValueError("variance", `expected a non-negative integer ddof, got ${ddof}.`);
  const deviation = sub(t, mean(t, ax, { keepdims: true }));
  return div(sum(mul(deviation, deviation), ax, options), count - ddof);
}

/**
 * Standard deviation over `axes` (all by default): the square root of `variance`.
 * @example std(tensor([1, 2, 3, 4])).item() // => 1.118034
 */
export function std(x: TensorLike, axes?: Axes, options: VarianceOptions = {}): Tensor {
  return variance(x, axes, options).sqrt();
}

function extremum(op: string, prim: typeof p.reduceMax, x: TensorLike, axes: Axes, options?: ReduceOptions): Tensor {
  const t = toTensor(op, x);
  const ax = normalizeAxes(op, axes, t.rank);
  for (const a of ax) {
    if (t.shape[a] === 0) {
      throw new ValueError(op, `expected non-empty axes to reduce, got size 0 at axis ${a} of shape ${formatShape(t.shape)}. An empty ${op} has no value.`);
    }
  }
  const result = ax.length === 0 ? t : bind(prim, [t], { axes: ax });
  return finish(op, result, t, ax, options);
}

/**
 * Maximum over `axes` (all by default); the derivative goes to the largest element (averaged over ties).
 * @example max(tensor([[1, 5], [3, 2]]), 1) // => tensor([5, 3])
 */
export function max(x: TensorLike, axes?: Axes, options?: ReduceOptions): Tensor {
  return extremum("max", p.reduceMax, x, axes, options);
}

/**
 * Minimum over `axes` (all by default); the derivative goes to the smallest element (averaged over ties).
 * @example min(tensor([[1, 5], [3, 2]]), 1) // => tensor([1, 2])
 */
export function min(x: TensorLike, axes?: Axes, options?: ReduceOptions): Tensor {
  return extremum("min", p.reduceMin, x, axes, options);
}

/**
 * Product over `axes` (all by default). Computed by pairwise multiplication, so its derivatives
 * are exact at zeros too (no division by the input). Bool and int32 multiply as int32.
 * @example prod(tensor([1, 2, 3, 4])) // => tensor(24)
 */
export function prod(x: TensorLike, axes?: Axes, options?: ReduceOptions): Tensor {
  let t = toTensor("prod", x);
  if (t.dtype === "bool") t = astype(t, "int32"); // like sum: bool counts as 0 and 1
  const ax = normalizeAxes("prod", axes, t.rank);
  const kept = t.shape.map((_, i) => i).filter((i) => !ax.includes(i));
  // Kept axes first, reduced axes flattened into one trailing axis, then halve it until one is left.
  let m = 1;
  for (const a of ax) m *= t.shape[a]!;
  let y = reshape(t.transpose([...kept, ...ax]), [...kept.map((k) => t.shape[k]!), m]);
  const last = kept.length;
  if (m === 0) return finish("prod", add(mul(sum(t, ax), 0), 1), t, ax, options); // the empty product is 1
  while (y.shape[last]! > 1) {
    const n = y.shape[last]!;
    const half = Math.floor(n / 2);
    const lo = slice(y, ...kept.map(() => null), [0, half]);
    const hi = slice(y, ...kept.map(() => null), [half, 2 * half]);
    let next = mul(lo, hi);
    if (n % 2 === 1) next = concatenate([next, slice(y, ...kept.map(() => null), [n - 1, n])], last);
    y = next;
  }
  const result = reshape(y, kept.map((k) => t.shape[k]!));
  return finish("prod", result, t, ax, options);
}

/**
 * Below these shifted exponents a term of logSumExp is dropped (float64: e^−690 ≈ 3·10^−300;
 * float32: e^−80 ≈ 2·10^−35). The shifted sum is at least 1, whose rounding step is 2^−52 (2^−23),
 * so such terms cannot change it, while their weights in the derivative (softmax) would be
 * subnormal numbers, on which each multiply costs about a hundred times more on x86 CPUs: the
 * reverse pass of a mixture model's logsumexp over well-separated components is several times
 * slower with them.
 */
const NEGLIGIBLE_EXPONENT = { float64: -690, float32: -80 } as const;

/**
 * log Σ exp(x) over `axes`, stable for any magnitude (the maximum is subtracted first and held
 * constant for differentiation, which leaves the value and the derivative, softmax, exact up to
 * weights below 10^−300 in float64, 10^−35 in float32, which are exactly zero).
 * @example logSumExp(tensor([1000, 1000])) // => tensor(1000.6931)
 */
export function logSumExp(x: TensorLike, axes?: Axes, options?: ReduceOptions): Tensor {
  const t = toTensor("logSumExp", x);
  const ax = normalizeAxes("logSumExp", axes, t.rank);
  const m = stopGradient(max(t, ax, { keepdims: true }));
  // An all −∞ (or ±∞) slice would give ∞ − ∞; shift by 0 there instead.
  const shift = where(m.sub(m).equal(0), m, 0);
  let shifted = sub(t, shift);
  if (shifted.dtype === "float64" || shifted.dtype === "float32") {
    shifted = where(shifted.less(NEGLIGIBLE_EXPONENT[shifted.dtype]), -Infinity, shifted);
  }
  const result = add(log(sum(exp(shifted), ax, { keepdims: true })), shift);
  return options?.keepdims ? result : reshape(result, result.shape.filter((_, i) => !ax.includes(i)));
}

/**
 * exp(x) normalized to sum 1 along `axis`, stable for inputs of any magnitude.
 * @example softmax(tensor([0, 0])) // => tensor([0.5, 0.5])
 */
export function softmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor("softmax", x);
  const a = normalizeAxis("softmax", axis, t.rank);
  // Shifted by the maximum, the largest exponent is exactly e⁰ = 1, so no precision is lost to the
  // magnitude of x (x − logSumExp(x) would round at the scale of x).
  const e = exp(shiftByMax(t, a));
  return div(e, sum(e, a, { keepdims: true }));
}

/** x minus its maximum along `axis`, the maximum held constant for differentiation (0 where it is not finite). */
function shiftByMax(t: Tensor, axis: number): Tensor {
  const m = stopGradient(max(t, axis, { keepdims: true }));
  return sub(t, where(m.sub(m).equal(0), m, 0));
}

/**
 * log(softmax(x)) along `axis`, computed without forming softmax (finite for inputs of any magnitude).
 * @example logSoftmax(tensor([0, 0])) // => tensor([-0.693147, -0.693147])
 */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor("logSoftmax", x);
  const a = normalizeAxis("logSoftmax", axis, t.rank);
  const z = shiftByMax(t, a);
  return sub(z, log(sum(exp(z), a, { keepdims: true })));
}

/**
 * Running sum along `axis`.
 * @example cumsum(tensor([1, 2, 3]), 0) // => tensor([1, 3, 6])
 */
export function cumsum(x: TensorLike, axis: number): Tensor {
  let t = toTensor("cumsum", x);
  if (t.dtype === "bool") t = astype(t, "int32");
  return bind(p.cumsum, [t], { axis: normalizeAxis("cumsum", axis, t.rank), reverse: false });
}

/**
 * Index of the largest element along `axis` (first on ties), int32.
 * @example argmax(tensor([[1, 5], [3, 2]]), 1) // => tensor([1, 0])
 */
export function argmax(x: TensorLike, axis: number): Tensor {
  const t = toTensor("argmax", x);
  const a = normalizeAxis("argmax", axis, t.rank);
  if (t.shape[a] === 0) throw new ValueError("argmax", `expected a non-empty axis, got size 0 at axis ${a}.`);
  return bind(p.argmax, [t], { axis: a });
}

/**
 * Index of the smallest element along `axis` (first on ties), int32.
 * @example argmin(tensor([[1, 5], [3, 2]]), 1) // => tensor([0, 1])
 */
export function argmin(x: TensorLike, axis: number): Tensor {
  const t = toTensor("argmin", x);
  const a = normalizeAxis("argmin", axis, t.rank);
  if (t.shape[a] === 0) throw new ValueError("argmin", `expected a non-empty axis, got size 0 at axis ${a}.`);
  return bind(p.argmin, [t], { axis: a });
}
