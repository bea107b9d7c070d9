import { bind } from "../core/trace.js";
import { ShapeError, ValueError, DTypeError } from "../errors.js";
import { Tensor, type TensorLike } from "../tensor/tensor.js";
import { promoteTypes } from "../tensor/dtype.js";
import { formatShape, normalizeAxes, normalizeAxis, shapesEqual } from "../tensor/shape.js";
import { primitives as p } from "../primitives/index.js";
import { astype, toTensor } from "./convert.js";
import { tensor } from "./creation.js";

/**
 * The same elements in a new shape; one entry may be −1 to be inferred.
 * @throws ShapeError when the new shape does not hold the same number of elements
 * @example reshape(arange(6), [2, -1]).shape // => [2, 3]
 */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor("reshape", x);
  const target = inferShape(t, shape);
  if (shapesEqual(target, t.shape)) return t;
  return bind(p.reshape, [t], { shape: target });
}

function inferShape(t: Tensor, shape: readonly number[]): number[] {
  if (!Array.isArray(shape)) throw new ShapeError("reshape", `expected a shape of non-negative integers (one may be -1), got ${JSON.stringify(shape)}.`);
  let unknown = 0;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (!Number.isInteger(d) || d < -1) throw new ShapeError("reshape", `expected a shape of non-negative integers (one may be -1), got ${JSON.stringify(shape)}.`);
    if (d === -1) unknown++;
    else known *= d;
  }
  if (unknown > 1) throw new ShapeError("reshape", `expected at most one -1 in the shape, got ${formatShape(shape)}.`);
  if (unknown === 1) {
    if (known === 0 || t.size % known !== 0) {
      throw new ShapeError("reshape", `expected a shape whose size divides ${t.size}, got ${formatShape(shape)} for input ${formatShape(t.shape)}.`);
    }
    return shape.map((d) => (d === -1 ? t.size / known : d));
  }
  if (known !== t.size) {
    throw new ShapeError(
      "reshape",
      `expected a shape of ${t.size} elements, got ${formatShape(shape)} (${known} elements) for input ${formatShape(t.shape)}.`,
    );
  }
  return shape.slice();
}

/**
 * Permutes axes (reverses them by default).
 * @throws ValueError when `perm` is not a permutation of the axes
 * @example transpose(zeros([2, 3, 4]), [2, 0, 1]).shape // => [4, 2, 3]
 */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const t = toTensor("transpose", x);
  const order = perm ?? t.shape.map((_, i) => t.rank - 1 - i);
  const sorted = order.map((a) => normalizeAxis("transpose", a, t.rank)).sort((a, b) => a - b);
  if (order.length !== t.rank || sorted.some((a, i) => a !== i)) {
    throw new ValueError("transpose", `expected a permutation of [0, ..., ${t.rank - 1}], got [${order.join(", ")}].`);
  }
  const normalized = order.map((a) => normalizeAxis("transpose", a, t.rank));
  if (normalized.every((a, i) => a === i)) return t;
  return bind(p.transpose, [t], { perm: normalized });
}

/** Swaps the last two axes. @example matrixTranspose(zeros([2, 3])).shape // => [3, 2] */
export function matrixTranspose(x: TensorLike): Tensor {
  const t = toTensor("matrixTranspose", x);
  if (t.rank < 2) throw new ShapeError("matrixTranspose", `expected at least 2 axes, got shape ${formatShape(t.shape)}.`);
  const perm = t.shape.map((_, i) => i);
  perm[t.rank - 2] = t.rank - 1;
  perm[t.rank - 1] = t.rank - 2;
  return transpose(t, perm);
}

/** Inserts an axis of size 1 at `axis`. @example expandDims(zeros([3]), 0).shape // => [1, 3] */
export function expandDims(x: TensorLike, axis: number): Tensor {
  const t = toTensor("expandDims", x);
  const a = normalizeAxis("expandDims", axis, t.rank + 1);
  const shape = t.shape.slice();
  shape.splice(a, 0, 1);
  return reshape(t, shape);
}

/** Removes axes of size 1 (the given ones, or all). @example squeeze(zeros([1, 3, 1])).shape // => [3] */
export function squeeze(x: TensorLike, axes?: number | readonly number[]): Tensor {
  const t = toTensor("squeeze", x);
  const ax = axes === undefined ? t.shape.map((_, i) => i).filter((i) => t.shape[i] === 1) : normalizeAxes("squeeze", axes, t.rank);
  for (const a of ax) {
    if (t.shape[a] !== 1) throw new ShapeError("squeeze", `expected axis ${a} to have size 1, got ${t.shape[a]} in shape ${formatShape(t.shape)}.`);
  }
  return reshape(t, t.shape.filter((_, i) => !ax.includes(i)));
}

/**
 * Joins tensors along an existing axis.
 * @throws ShapeError when the shapes differ other than along `axis`
 * @example concatenate([zeros([2, 3]), ones([1, 3])], 0).shape // => [3, 3]
 */
export function concatenate(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ValueError("concatenate", `expected a non-empty array of tensors, got ${Array.isArray(tensors) ? "an empty array" : typeof tensors}.`);
  }
  const ts = tensors.map((x) => toTensor("concatenate", x));
  const first = ts[0]!;
  if (first.rank === 0) throw new ShapeError("concatenate", `expected tensors with at least one axis, got a 0-d tensor. Use stack for scalars.`);
  const a = normalizeAxis("concatenate", axis, first.rank);
  let dtype = first.dtype;
  ts.forEach((t, i) => {
    dtype = promoteTypes(dtype, t.dtype);
    const ok = t.rank === first.rank && t.shape.every((d, j) => j === a || d === first.shape[j]);
    if (!ok) {
      throw new ShapeError(
        "concatenate",
        `expected shapes equal except on axis ${a}, got ${formatShape(first.shape)} and ${formatShape(t.shape)} (input ${i}).`,
      );
    }
  });
  if (ts.length === 1) return astype(first, dtype);
  return bind(p.concatenate, ts.map((t) => astype(t, dtype)), { axis: a });
}

/**
 * Stacks tensors of one shape along a new axis.
 * @throws ShapeError when the shapes differ
 * @example stack([zeros([3]), ones([3])], 0).shape // => [2, 3]
 */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new ValueError("stack", `expected a non-empty array of tensors, got ${Array.isArray(tensors) ? "an empty array" : typeof tensors}.`);
  const ts = tensors.map((x) => toTensor("stack", x));
  ts.forEach((t, i) => {
    if (!shapesEqual(t.shape, ts[0]!.shape)) {
      throw new ShapeError("stack", `expected tensors of one shape, got ${formatShape(ts[0]!.shape)} and ${formatShape(t.shape)} (input ${i}).`);
    }
  });
  const a = normalizeAxis("stack", axis, ts[0]!.rank + 1);
  return concatenate(ts.map((t) => expandDims(t, a)), a);
}

/**
 * One entry per axis of `slice`: an integer index (drops the axis), `[start, stop, step]` with
 * Python semantics (negative indices count from the end, out-of-range bounds clamp, a negative
 * step walks backwards; null or a missing entry means the default), or null for the whole axis.
 * @example
 * slice(tensor([[1, 2, 3], [4, 5, 6]]), 1, [null, null, -1]);   // => tensor([6, 5, 4])
 */
export type SliceSpec = number | null | readonly [(number | null)?, (number | null)?, (number | null)?];

/**
 * Takes a strided window, like NumPy's `x[1:, ::-1, 0]`: `slice(x, [1], [null, null, -1], 0)`.
 * Axes not given are kept whole.
 * @throws ValueError for more specs than axes, an index out of range, or a zero or fractional step
 * @example slice(arange(10), [2, 8, 3]).toArray() // => [2, 5]
 */
export function slice(x: TensorLike, ...specs: SliceSpec[]): Tensor {
  const t = toTensor("slice", x);
  const rank = t.rank;
  if (specs.length > rank) throw new ValueError("slice", `expected at most ${rank} index entries for shape ${formatShape(t.shape)}, got ${specs.length}.`);
  // One plain loop over the axes, no closures: slicing small tensors (a coordinate of a point, a
  // gate of a recurrent cell) is frequent enough inside loops that this bookkeeping shows.
  const starts = new Array<number>(rank);
  const steps = new Array<number>(rank);
  const shape = new Array<number>(rank);
  let dropped = 0;
  let identity = true;
  for (let axis = 0; axis < rank; axis++) {
    const n = t.shape[axis]!;
    const spec = specs[axis] ?? null;
    if (typeof spec === "number") {
      if (!Number.isInteger(spec) || spec < -n || spec >= n) {
        throw new ValueError("slice", `expected an index in [${-n}, ${n - 1}] on axis ${axis}, got ${spec}.`);
      }
      starts[axis] = spec < 0 ? spec + n : spec;
      steps[axis] = 1;
      shape[axis] = 1;
      dropped++;
      if (n !== 1) identity = false;
      continue;
    }
    const startIn = spec?.[0];
    const stopIn = spec?.[1];
    const stepIn = spec?.[2];
    const step = stepIn ?? 1;
    if (!Number.isInteger(step) || step === 0) throw new ValueError("slice", `expected a non-zero integer step on axis ${axis}, got ${stepIn}.`);
    let start: number;
    let count: number;
    if (step > 0) {
      start = resolveBound(startIn, 0, 0, n, n, axis);
      const stop = resolveBound(stopIn, n, 0, n, n, axis);
      count = Math.max(0, Math.ceil((stop - start) / step));
    } else {
      start = resolveBound(startIn, n - 1, -1, n - 1, n, axis);
      const stop = resolveBound(stopIn, -1, -1, n - 1, n, axis);
      count = Math.max(0, Math.ceil((stop - start) / step));
    }
    starts[axis] = count === 0 ? 0 : start;
    steps[axis] = step;
    shape[axis] = count;
    if (starts[axis] !== 0 || step !== 1 || count !== n) identity = false;
  }
  const result = identity ? t : bind(p.slice, [t], { starts, steps, shape });
  if (dropped === 0) return result;
  const kept: number[] = [];
  for (let axis = 0; axis < rank; axis++) if (typeof specs[axis] !== "number") kept.push(shape[axis]!);
  return reshape(result, kept);
}

/** A slice bound: the fallback when absent, counted from the end when negative, clamped to [lo, hi]. */
function resolveBound(v: number | null | undefined, fallback: number, lo: number, hi: number, n: number, axis: number): number {
  if (v === null || v === undefined) return fallback;
  if (!Number.isInteger(v)) throw new ValueError("slice", `expected integer bounds on axis ${axis}, got ${v}.`);
  return Math.min(Math.max(v < 0 ? v + n : v, lo), hi);
}

function indexTensor(op: string, indices: Tensor | number | readonly number[]): Tensor {
  const idx = indices instanceof Tensor ? indices : tensor(indices as number | number[], { dtype: "int32" });
  if (idx.dtype !== "int32") {
    throw new DTypeError(op, `expected int32 indices, got ${idx.dtype}. Convert them with astype("int32").`);
  }
  return idx;
}

function checkIndexRange(op: string, idx: Tensor, n: number, axis: number): void {
  if (idx._trace !== null) return; // traced indices are checked by the kernel when they are known
  const data = idx._dense();
  for (let i = 0; i < data.length; i++) {
    const k = data[i]!;
    if (k < -n || k >= n) throw new ValueError(op, `expected indices in [${-n}, ${n - 1}] for axis ${axis} of size ${n}, got ${k}.`);
  }
}

function wrapNegative(idx: Tensor, n: number): Tensor {
  if (idx._trace !== null) return idx;
  const data = idx._dense();
  let negative = false;
  for (let i = 0; i < data.length; i++) if (data[i]! < 0) negative = true;
  if (!negative) return idx;
  const wrapped = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) wrapped[i] = data[i]! < 0 ? data[i]! + n : data[i]!;
  return tensor(wrapped, { shape: idx.shape.slice() });
}

/**
 * Gathers slices along `axis` at integer `indices` (negative ones count from the end):
 * out[a..., j..., b...] = x[a..., indices[j...], b...]. Its derivative scatters back with `scatterAdd`.
 * @throws ValueError for an index out of range
 * @throws DTypeError for indices that are not int32
 * @example take(tensor([10, 20, 30]), [2, 0]).toArray() // => [30, 10]
 */
export function take(x: TensorLike, indices: Tensor | number | readonly number[], axis = 0): Tensor {
  const t = toTensor("take", x);
  const a = normalizeAxis("take", axis, t.rank);
  const idx = indexTensor("take", indices);
  checkIndexRange("take", idx, t.shape[a]!, a);
  return bind(p.gather, [t, wrapNegative(idx, t.shape[a]!)], { axis: a });
}

/**
 * Adds `updates` into zeros of `shape` at `indices` along `axis` (repeated indices accumulate):
 * the transpose of `take`.
 * @example scatterAdd(tensor([1, 2, 3]), [0, 0, 2], [3], 0).toArray() // => [3, 0, 3]
 */
export function scatterAdd(updates: TensorLike, indices: Tensor | number | readonly number[], shape: readonly number[], axis = 0): Tensor {
  const u = toTensor("scatterAdd", updates);
  const a = normalizeAxis("scatterAdd", axis, shape.length);
  const idx = indexTensor("scatterAdd", indices);
  checkIndexRange("scatterAdd", idx, shape[a]!, a);
  const expected = [...shape.slice(0, a), ...idx.shape, ...shape.slice(a + 1)];
  if (!shapesEqual(expected, u.shape)) {
    throw new ShapeError("scatterAdd", `expected updates of shape ${formatShape(expected)}, got ${formatShape(u.shape)}.`);
  }
  return bind(p.scatterAdd, [u, wrapNegative(idx, shape[a]!)], { axis: a, shape: shape.slice() });
}

/**
 * Pads with zeros: `widths[i] = [before, after]` for each axis.
 * @example pad(tensor([1, 2]), [[1, 2]]).toArray() // => [0, 1, 2, 0, 0]
 */
export function pad(x: TensorLike, widths: readonly (readonly [number, number])[]): Tensor {
  const t = toTensor("pad", x);
  if (widths.length !== t.rank || !widths.every((w) => Array.isArray(w) && w.length === 2 && w.every((v) => Number.isInteger(v) && v >= 0))) {
    throw new ValueError("pad", `expected ${t.rank} pairs [before, after] of non-negative integers, got ${JSON.stringify(widths)}.`);
  }
  const shape = t.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]);
  return bind(p.pad, [t], { starts: widths.map((w) => w[0]), steps: t.shape.map(() => 1), shape });
}

/** Reverses the order of elements along `axes` (all by default). @example flip(tensor([1, 2, 3])).toArray() // => [3, 2, 1] */
export function flip(x: TensorLike, axes?: number | readonly number[]): Tensor {
  const t = toTensor("flip", x);
  const ax = normalizeAxes("flip", axes, t.rank);
  return slice(t, ...t.shape.map((_, i) => (ax.includes(i) ? ([null, null, -1] as const) : null)));
}

