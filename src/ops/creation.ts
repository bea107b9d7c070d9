import { DTypeError, ShapeError, ValueError } from "../errors.js";
import { Tensor, filled, fromStorage, type NestedArray } from "../tensor/tensor.js";
import { allocate, checkDType, dtypeOfStorage, type DType, type Storage } from "../tensor/dtype.js";
import { checkShape, formatShape, sizeOf } from "../tensor/shape.js";
import { isFloat } from "../tensor/dtype.js";
import { astype } from "./convert.js";

/**
 * Options of the functions that create tensors.
 * @example
 * zeros([2], { dtype: "int32" });   // => tensor([0, 0], dtype=int32)
 */
export interface CreationOptions {
  /** Element type; float32 unless the data says otherwise (typed arrays keep their type). */
  dtype?: DType;
}

/**
 * Creates a tensor from a number, a boolean, nested arrays, or a typed array (with `shape`).
 * Numbers default to float32, booleans to bool; a Float64Array stays float64, an Int32Array int32.
 * Ragged nested arrays and non-numbers are refused.
 * @example
 * @throws ShapeError for ragged nested arrays or a `shape` that does not fit the data
 * @throws ValueError for values other than numbers and booleans
 * @example
 * tensor([[1, 2], [3, 4]]).shape;                       // => [2, 2]
 * tensor(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] }).dtype;   // => "float64"
 */
export function tensor(data: NestedArray | Storage | Tensor, options: CreationOptions & { shape?: readonly number[] } = {}): Tensor {
  if (data instanceof Tensor) return options.dtype ? astype(data, checkDType("tensor", options.dtype)) : data;
  if (ArrayBuffer.isView(data)) {
    const storage = data as Storage;
    const shape = options.shape === undefined ? [storage.length] : checkShape("tensor", options.shape);
    if (sizeOf(shape) !== storage.length) {
      throw new ShapeError("tensor", `expected ${sizeOf(shape)} values for shape ${formatShape(shape)}, got ${storage.length}.`);
    }
    const own = dtypeOfStorage(storage);
    const dtype = options.dtype === undefined ? own : checkDType("tensor", options.dtype);
    const copy = allocate(dtype, storage.length);
    copy.set(storage);
    return fromStorage(copy, shape, dtype);
  }
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const inferred: DType = typeof probe === "boolean" ? "bool" : "float32";
  const dtype = options.dtype === undefined ? inferred : checkDType("tensor", options.dtype);
  const size = sizeOf(shape);
  const out = allocate(dtype, size);
  let k = 0;
  const fill = (value: unknown, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (typeof value === "number") out[k++] = value;
      else if (typeof value === "boolean") out[k++] = value ? 1 : 0;
      else throw new ValueError("tensor", `expected numbers or booleans, got ${value === null ? "null" : typeof value} at ${path || "the top"}.`);
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[axis]) {
      throw new ShapeError(
        "tensor",
        `expected a rectangular nested array of shape ${formatShape(shape)}, got ${Array.isArray(value) ? `length ${value.length}` : typeof value} at ${path || "the top"}. Rows must have equal lengths.`,
      );
    }
    value.forEach((v, i) => fill(v, axis + 1, `${path}[${i}]`));
  };
  fill(data, 0, "");
  if (options.shape !== undefined) {
    const target = checkShape("tensor", options.shape);
    if (sizeOf(target) !== size) throw new ShapeError("tensor", `expected ${sizeOf(target)} values for shape ${formatShape(target)}, got ${size}.`);
    return fromStorage(out, target, dtype);
  }
  return fromStorage(out, shape, dtype);
}

/** A tensor of zeros. @example zeros([2, 3]).shape // => [2, 3] */
export function zeros(shape: readonly number[], options: CreationOptions = {}): Tensor {
  return full(shape, 0, options);
}

/** A tensor of ones. @example ones([2]).toArray() // => [1, 1] */
export function ones(shape: readonly number[], options: CreationOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** A tensor with every element `value`. @example full([2], 7).toArray() // => [7, 7] */
export function full(shape: readonly number[], value: number | boolean, options: CreationOptions = {}): Tensor {
  const s = checkShape("full", shape);
  const dtype = options.dtype === undefined ? (typeof value === "boolean" ? "bool" : "float32") : checkDType("full", options.dtype);
  const data = allocate(dtype, sizeOf(s));
  data.fill(Number(value));
  return fromStorage(data, s, dtype);
}

/** Zeros with the shape and dtype of `x`. @example zerosLike(tensor([1, 2])).toArray() // => [0, 0] */
export function zerosLike(x: Tensor, options: CreationOptions = {}): Tensor {
  return full(x.shape, 0, { dtype: options.dtype ?? x.dtype });
}

/** Ones with the shape and dtype of `x`. @example onesLike(tensor([1, 2])).toArray() // => [1, 1] */
export function onesLike(x: Tensor, options: CreationOptions = {}): Tensor {
  return full(x.shape, 1, { dtype: options.dtype ?? x.dtype });
}

/**
 * Evenly spaced values in [start, stop) with `step`; `arange(n)` is 0, 1, …, n−1. The dtype is
 * int32 when all arguments are integers, float32 otherwise, unless given.
 * @example arange(1, 7, 2).toArray() // => [1, 3, 5]
 */
export function arange(start: number, stop?: number, step = 1, options: CreationOptions = {}): Tensor {
  const [lo, hi] = stop === undefined ? [0, start] : [start, stop];
  if (![lo, hi, step].every(Number.isFinite) || step === 0) {
    throw new ValueError("arange", `expected finite start, stop and a non-zero step, got (${lo}, ${hi}, ${step}).`);
  }
  const integral = [lo, hi, step].every(Number.isInteger);
  const dtype = options.dtype === undefined ? (integral ? "int32" : "float32") : checkDType("arange", options.dtype);
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return fromStorage(data, [n], dtype);
}

/**
 * `count` evenly spaced values from start to stop inclusive.
 * @example linspace(0, 1, 5).toArray() // => [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, count: number, options: CreationOptions = {}): Tensor {
  if (!Number.isInteger(count) || count < 0) throw new ValueError("linspace", `expected a non-negative integer count, got ${count}.`);
  const dtype = options.dtype === undefined ? "float32" : checkDType("linspace", options.dtype);
  if (!isFloat(dtype)) throw new DTypeError("linspace", `expected a float dtype, got ${dtype}.`);
  const data = allocate(dtype, count);
  for (let i = 0; i < count; i++) data[i] = count === 1 ? start : start + ((stop - start) * i) / (count - 1);
  return fromStorage(data, [count], dtype);
}

/**
 * The n×m identity matrix (m = n by default).
 * @example eye(2).toArray() // => [[1, 0], [0, 1]]
 */
export function eye(n: number, m = n, options: CreationOptions = {}): Tensor {
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 0 || m < 0) throw new ValueError("eye", `expected non-negative integer sizes, got ${n} and ${m}.`);
  const dtype = options.dtype === undefined ? "float32" : checkDType("eye", options.dtype);
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return fromStorage(data, [n, m], dtype);
}

/**
 * One-hot rows: out[..., j] = 1 where labels[...] = j.
 * @example oneHot(tensor([2, 0], { dtype: "int32" }), 3).toArray() // => [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: Tensor | readonly number[], classes: number, options: CreationOptions = {}): Tensor {
  const l = labels instanceof Tensor ? labels : tensor(labels as number[], { dtype: "int32" });
  if (l.dtype !== "int32") throw new DTypeError("oneHot", `expected int32 labels, got ${l.dtype}.`);
  const dtype = options.dtype === undefined ? "float32" : checkDType("oneHot", options.dtype);
  const values = l._dense();
  const data = allocate(dtype, values.length * classes);
  for (let i = 0; i < values.length; i++) {
    const c = values[i]!;
    if (!(c >= 0 && c < classes)) throw new ValueError("oneHot", `expected labels in [0, ${classes - 1}], got ${c} at position ${i}.`);
    data[i * classes + c] = 1;
  }
  return fromStorage(data, [...l.shape, classes], dtype);
}

/**
 * A 0-d tensor holding `value` (float32 unless `dtype` says otherwise).
 * @example scalar(Math.PI, "float64").item() // => 3.141592653589793
 */
export function scalar(value: number, dtype: DType = "float32"): Tensor {
  return filled(value, [], dtype);
}
