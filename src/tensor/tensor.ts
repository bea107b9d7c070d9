import { TracerError } from "../errors.js";
import type { Trace } from "../core/trace.js";
import * as ops from "../ops/index.js";
import { allocate, type DType, type Storage } from "./dtype.js";
import { formatShape, sizeOf, type Shape } from "./shape.js";
import { formatTensor } from "./format.js";

/**
 * A nested JavaScript array of numbers (or booleans), as `toArray()` returns and `tensor()` takes.
 * @example
 * tensor([[1, 2], [3, 4]]).toArray();   // => [[1, 2], [3, 4]]
 */
export type NestedArray = number | boolean | NestedArray[];

/**
 * A tensor, or a plain number standing for a 0-d tensor of a matching dtype.
 * @example
 * tensor([1, 2]).add(0.5);   // => tensor([1.5, 2.5])
 */
export type TensorLike = Tensor | number;

/**
 * An immutable n-dimensional array of float32, float64, int32 or bool values.
 *
 * Inside a transformation (`grad`, `jvp`, `vmap`, ...) the same type stands for a traced value, so
 * one function works on plain tensors and under any transformation. Tensors are values: operations
 * return new tensors, and memory is reclaimed by garbage collection (no `dispose`, no `tidy`).
 *
 * @example
 * const x = tensor([[1, 2], [3, 4]]);
 * x.shape;                  // => [2, 2]
 * x.mul(2).sum().item();    // => 20
 */
export class Tensor {
  /** The size of each axis; `[]` for a 0-d tensor. */
  readonly shape: Shape;
  /** The element type. */
  readonly dtype: DType;
  /** The number of elements. */
  readonly size: number;
  /**
   * @internal Row-major values, null for tracers. When shorter than `size`, the values repeat:
   * element i is `_data[i % _data.length]` (a broadcast kept unexpanded: one value for a scalar
   * constant, one row for a bias added to every row). Kernels that cannot use the short form
   * call `_dense()`.
   */
  _data: Storage | null;
  /** @internal The transformation this value is a tracer of; null for a concrete tensor. */
  readonly _trace: Trace | null;

  /** @internal Use `tensor()`, `zeros()` and friends to create tensors. */
  constructor(shape: Shape, dtype: DType, data: Storage | null, trace: Trace | null) {
    this.shape = shape;
    this.dtype = dtype;
    this.size = sizeOf(shape);
    this._data = data;
    this._trace = trace;
  }

  /** The number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** @internal A concrete tensor with this value, or a TracerError when the value is not known yet. */
  _concrete(): Tensor {
    return this;
  }

  /** @internal Dense row-major storage of a concrete tensor (expanding repeated values in place). */
  _dense(): Storage {
    const self = this._concrete();
    const data = self._data!;
    if (data.length !== self.size) {
      const out = allocate(self.dtype, self.size);
      if (data.length === 1) out.fill(data[0]!);
      else for (let offset = 0; offset < self.size; offset += data.length) out.set(data, offset);
      self._data = out;
    }
    return self._data!;
  }

  /** A copy of the values as a flat typed array in row-major order. */
  data(): Storage {
    return this._dense().slice();
  }

  /** The values as nested JavaScript arrays (a number for a 0-d tensor; booleans for bool). */
  toArray(): NestedArray {
    const data = this._dense();
    const bool = this.dtype === "bool";
    const read = (i: number): number | boolean => (bool ? data[i] !== 0 : data[i]!);
    const build = (axis: number, offset: number, stride: number): NestedArray => {
      if (axis === this.shape.length) return read(offset);
      const n = this.shape[axis]!;
      const inner = stride / (n || 1);
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = build(axis + 1, offset + i * inner, inner);
      return out;
    };
    return build(0, 0, this.size);
  }

  /** The single value of a tensor with one element. */
  item(): number {
    if (this.size !== 1) {
      throw new TracerError("item", `expected a tensor with one element, got shape ${formatShape(this.shape)}. Index or reduce it first.`);
    }
    return this._dense()[0]!;
  }

  toString(): string {
    return formatTensor(this);
  }

  // ---- arithmetic, elementwise with broadcasting ----
  add(other: TensorLike): Tensor { return ops.add(this, other); }
  sub(other: TensorLike): Tensor { return ops.sub(this, other); }
  mul(other: TensorLike): Tensor { return ops.mul(this, other); }
  div(other: TensorLike): Tensor { return ops.div(this, other); }
  pow(other: TensorLike): Tensor { return ops.pow(this, other); }
  maximum(other: TensorLike): Tensor { return ops.maximum(this, other); }
  minimum(other: TensorLike): Tensor { return ops.minimum(this, other); }
  neg(): Tensor { return ops.neg(this); }
  square(): Tensor { return ops.square(this); }
  sqrt(): Tensor { return ops.sqrt(this); }
  rsqrt(): Tensor { return ops.rsqrt(this); }
  reciprocal(): Tensor { return ops.reciprocal(this); }
  exp(): Tensor { return ops.exp(this); }
  log(): Tensor { return ops.log(this); }
  log1p(): Tensor { return ops.log1p(this); }
  expm1(): Tensor { return ops.expm1(this); }
  sin(): Tensor { return ops.sin(this); }
  cos(): Tensor { return ops.cos(this); }
  tan(): Tensor { return ops.tan(this); }
  asin(): Tensor { return ops.asin(this); }
  acos(): Tensor { return ops.acos(this); }
  atan(): Tensor { return ops.atan(this); }
  sinh(): Tensor { return ops.sinh(this); }
  cosh(): Tensor { return ops.cosh(this); }
  tanh(): Tensor { return ops.tanh(this); }
  erf(): Tensor { return ops.erf(this); }
  sigmoid(): Tensor { return ops.sigmoid(this); }
  softplus(): Tensor { return ops.softplus(this); }
  relu(): Tensor { return ops.relu(this); }
  abs(): Tensor { return ops.abs(this); }
  sign(): Tensor { return ops.sign(this); }
  clip(min: TensorLike, max: TensorLike): Tensor { return ops.clip(this, min, max); }
  astype(dtype: DType): Tensor { return ops.astype(this, dtype); }

  // ---- comparisons (bool results, no derivative) ----
  less(other: TensorLike): Tensor { return ops.less(this, other); }
  lessEqual(other: TensorLike): Tensor { return ops.lessEqual(this, other); }
  greater(other: TensorLike): Tensor { return ops.greater(this, other); }
  greaterEqual(other: TensorLike): Tensor { return ops.greaterEqual(this, other); }
  equal(other: TensorLike): Tensor { return ops.equal(this, other); }
  notEqual(other: TensorLike): Tensor { return ops.notEqual(this, other); }

  // ---- reductions ----
  sum(axes?: number | readonly number[] | null, options?: ops.ReduceOptions): Tensor { return ops.sum(this, axes, options); }
  mean(axes?: number | readonly number[] | null, options?: ops.ReduceOptions): Tensor { return ops.mean(this, axes, options); }
  variance(axes?: number | readonly number[] | null, options?: ops.VarianceOptions): Tensor { return ops.variance(this, axes, options); }
  std(axes?: number | readonly number[] | null, options?: ops.VarianceOptions): Tensor { return ops.std(this, axes, options); }
  max(axes?: number | readonly number[] | null, options?: ops.ReduceOptions): Tensor { return ops.max(this, axes, options); }
  min(axes?: number | readonly number[] | null, options?: ops.ReduceOptions): Tensor { return ops.min(this, axes, options); }
  prod(axes?: number | readonly number[] | null, options?: ops.ReduceOptions): Tensor { return ops.prod(this, axes, options); }
  logSumExp(axes?: number | readonly number[] | null, options?: ops.ReduceOptions): Tensor { return ops.logSumExp(this, axes, options); }
  softmax(axis = -1): Tensor { return ops.softmax(this, axis); }
  logSoftmax(axis = -1): Tensor { return ops.logSoftmax(this, axis); }
  cumsum(axis: number): Tensor { return ops.cumsum(this, axis); }
  argmax(axis: number): Tensor { return ops.argmax(this, axis); }
  argmin(axis: number): Tensor { return ops.argmin(this, axis); }

  // ---- linear algebra ----
  matmul(other: TensorLike): Tensor { return ops.matmul(this, other); }
  dot(other: TensorLike): Tensor { return ops.dot(this, other); }

  // ---- shape and indexing ----
  reshape(shape: readonly number[]): Tensor { return ops.reshape(this, shape); }
  transpose(perm?: readonly number[]): Tensor { return ops.transpose(this, perm); }
  /** The transpose of a 2-d tensor (the last two axes of a batch). */
  get T(): Tensor { return ops.matrixTranspose(this); }
  broadcastTo(shape: readonly number[]): Tensor { return ops.broadcastTo(this, shape); }
  expandDims(axis: number): Tensor { return ops.expandDims(this, axis); }
  squeeze(axes?: number | readonly number[]): Tensor { return ops.squeeze(this, axes); }
  flatten(): Tensor { return ops.reshape(this, [this.size]); }
  slice(...ranges: ops.SliceSpec[]): Tensor { return ops.slice(this, ...ranges); }
  take(indices: Tensor | number | readonly number[], axis = 0): Tensor { return ops.take(this, indices, axis); }
}

/** @internal A concrete tensor over existing storage (not copied). */
export function fromStorage(data: Storage, shape: Shape, dtype: DType): Tensor {
  return new Tensor(shape, dtype, data, null);
}

/** @internal A concrete tensor whose every element is `value`, stored once. */
export function filled(value: number, shape: Shape, dtype: DType): Tensor {
  const data = allocate(dtype, 1);
  data[0] = value;
  return new Tensor(shape, dtype, data, null);
}

/** @internal A concrete tensor whose values are `block` repeated (block.length divides the size). */
export function tiled(block: Storage, shape: Shape, dtype: DType): Tensor {
  return new Tensor(shape, dtype, block, null);
}

/**
 * Base class of the values a transformation passes through a user's function in place of tensors.
 */
export abstract class Tracer extends Tensor {
  constructor(trace: Trace, shape: Shape, dtype: DType) {
    super(shape, dtype, null, trace);
  }
  override _concrete(): Tensor {
    throw new TracerError(
      "read",
      `expected a concrete tensor, got a traced value of shape ${formatShape(this.shape)} inside ${this._trace!.name}. ` +
        `Its values are not known while the function is being transformed; compute them outside the transformation.`,
    );
  }
  override toString(): string {
    return `Tracer<${this.dtype}${formatShape(this.shape)}> of ${this._trace!.name}`;
  }
}
