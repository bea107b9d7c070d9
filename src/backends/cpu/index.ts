import type { Backend, Kernel } from "../backend.js";
import type { PrimitiveName } from "../../primitives/index.js";
import { type Tensor, fromStorage, filled, tiled } from "../../tensor/tensor.js";
import { allocate, type DType, type Storage, type FloatStorage } from "../../tensor/dtype.js";
import { sizeOf, stridesOf } from "../../tensor/shape.js";
import { unaryLoops, unaryScalar } from "./unaryLoops.js";
import { binaryLoops, binaryScalar } from "./binaryLoops.js";
import { reduce } from "./reduce.js";
import { gatherStrided, scatterStrided } from "./strided.js";
import { matmulKernel } from "./matmul.js";
import { specialKernels } from "./special.js";
import { linalgKernels } from "./linalg.js";
import { NotDifferentiableError, ValueError } from "../../errors.js";

/**
 * The reference backend: plain JavaScript over typed arrays. Every other backend is tested against
 * it. A tensor whose data is shorter than its size repeats that data (a broadcast kept
 * unexpanded, see `Tensor._data`); elementwise kernels and reshapes use the short form directly,
 * the other kernels expand it with `_dense()`.
 */

/** The loop for a storage kind: float32 and float64 each get their own (see scripts/generate-loops.mjs). */
function pick<L>(loops: { float32: L; float64: L; other: L }, dtype: DType): L {
  return dtype === "float32" ? loops.float32 : dtype === "float64" ? loops.float64 : loops.other;
}

function unaryKernel(name: string): Kernel {
  const loops = unaryLoops[name]!;
  const scalar = unaryScalar[name]!;
  return ([x], _params, out) => {
    const src = x!._data!;
    if (src.length === 1) return filled(scalar(src[0]!), out.shape, out.dtype);
    // Repeated data stays repeated: the function is applied to one block.
    const data = allocate(out.dtype, src.length);
    pick(loops, x!.dtype)(src, data, src.length);
    return tiled(data, out.shape, out.dtype);
  };
}

function binaryKernel(name: string): Kernel {
  const loops = binaryLoops[name]!;
  const scalar = binaryScalar[name]!;
  return ([a, b], _params, out) => {
    // Comparisons write bool; one loop per input kind keeps each loop on one pair of array kinds.
    const loop = out.dtype === a!.dtype ? pick(loops, a!.dtype) : out.dtype === "bool" && a!.dtype === "float32" ? loops.float32 : out.dtype === "bool" && a!.dtype === "float64" ? loops.float64 : loops.other;
    const n = sizeOf(out.shape);
    let x = a!._data!;
    let y = b!._data!;
    if (x.length !== n && y.length !== n) {
      // Both repeated: compute one period of the longer block when the shorter divides it.
      const long = Math.max(x.length, y.length);
      const short = Math.min(x.length, y.length);
      if (long % short === 0) {
        if (long === 1) return filled(scalar(x[0]!, y[0]!), out.shape, out.dtype);
        const data = allocate(out.dtype, long);
        loop(x, y, data, long, x.length, y.length);
        return tiled(data, out.shape, out.dtype);
      }
      x = a!._dense();
    }
    const data = allocate(out.dtype, n);
    loop(x, y, data, n, x.length, y.length);
    return fromStorage(data, out.shape, out.dtype);
  };
}

function dense(x: Tensor): Storage {
  return x._dense();
}

/** A view of the same storage: reshapes never copy (tensors are immutable; repeats stay valid in flat order). */
const reshapeKernel: Kernel = ([x], _params, out) => tiled(x!._data!, out.shape, out.dtype);

const transposeKernel: Kernel = ([x], { perm }: { perm: number[] }, out) => {
  if (x!._data!.length === 1) return filled(x!._data![0]!, out.shape, out.dtype);
  const strides = stridesOf(x!.shape);
  const data = allocate(out.dtype, x!.size);
  gatherStrided(dense(x!), 0, perm.map((p) => strides[p]!), data, out.shape);
  return fromStorage(data, out.shape, out.dtype);
};

const broadcastKernel: Kernel = ([x], _params, out) => {
  const src = x!._data!;
  if (src.length === 1) return filled(src[0]!, out.shape, out.dtype);
  // Repeating the whole input along new (or size-1) leading axes keeps it as a repeated block.
  const lead = out.shape.length - x!.shape.length;
  let first = 0;
  while (first < x!.shape.length && x!.shape[first] === 1) first++;
  if (x!.shape.slice(first).every((d, i) => d === out.shape[lead + first + i])) return tiled(src, out.shape, out.dtype);
  const inStrides = stridesOf(x!.shape);
  const strides = out.shape.map((_, i) => (i < lead || x!.shape[i - lead] === 1 ? 0 : inStrides[i - lead]!));
  const data = allocate(out.dtype, sizeOf(out.shape));
  gatherStrided(dense(x!), 0, strides, data, out.shape);
  return fromStorage(data, out.shape, out.dtype);
};

interface Strided {
  starts: number[];
  steps: number[];
  shape: number[];
}

const sliceKernel: Kernel = ([x], { starts, steps }: Strided, out) => {
  if (x!._data!.length === 1) return filled(x!._data![0]!, out.shape, out.dtype);
  const src = dense(x!);
  const strides = stridesOf(x!.shape);
  let offset = 0;
  for (let i = 0; i < starts.length; i++) offset += starts[i]! * strides[i]!;
  const n = sizeOf(out.shape);
  if (isContiguousWindow(x!.shape, out.shape, steps)) {
    // A contiguous window (full inner axes, unit steps) is a view, not a copy, except of arrays
    // of up to 64 bytes: V8 keeps those inside its heap, and the first view of one moves its
    // values to a new buffer (measured: ~220 ns, against ~45 ns for copying into a new array).
    if (src.byteLength > 64) return fromStorage(src.subarray(offset, offset + n), out.shape, out.dtype);
    const data = allocate(out.dtype, n);
    for (let i = 0; i < n; i++) data[i] = src[offset + i]!;
    return fromStorage(data, out.shape, out.dtype);
  }
  const data = allocate(out.dtype, n);
  gatherStrided(src, offset, strides.map((s, i) => s * steps[i]!), data, out.shape);
  return fromStorage(data, out.shape, out.dtype);
};

function isContiguousWindow(inShape: readonly number[], outShape: readonly number[], steps: readonly number[]): boolean {
  // Leading axes of size 1, then one partial axis, then full axes, all with step 1.
  let i = 0;
  while (i < outShape.length && outShape[i] === 1) i++;
  for (let j = i + 1; j < outShape.length; j++) if (outShape[j] !== inShape[j] || steps[j] !== 1) return false;
  return i >= outShape.length || steps[i] === 1;
}

const padKernel: Kernel = ([x], { starts, steps }: Strided, out) => {
  const strides = stridesOf(out.shape);
  let offset = 0;
  for (let i = 0; i < starts.length; i++) offset += starts[i]! * strides[i]!;
  const data = allocate(out.dtype, sizeOf(out.shape));
  scatterStrided(dense(x!), data, offset, strides.map((s, i) => s * steps[i]!), x!.shape);
  return fromStorage(data, out.shape, out.dtype);
};

const concatenateKernel: Kernel = (inputs, { axis }: { axis: number }, out) => {
  const data = allocate(out.dtype, sizeOf(out.shape));
  const outer = sizeOf(out.shape.slice(0, axis));
  const rowOut = sizeOf(out.shape.slice(axis));
  let column = 0;
  for (const x of inputs) {
    const src = dense(x);
    const row = sizeOf(x.shape.slice(axis));
    if (row < 32) {
      // Short rows (stacking scalars under vmap): a plain loop, since a subarray view per row
      // costs far more than copying its few elements.
      for (let r = 0, s = 0; r < outer; r++) {
        const o = r * rowOut + column;
        for (let j = 0; j < row; j++) data[o + j] = src[s++]!;
      }
    } else {
      for (let r = 0; r < outer; r++) data.set(src.subarray(r * row, (r + 1) * row), r * rowOut + column);
    }
    column += row;
  }
  return fromStorage(data, out.shape, out.dtype);
};

const cumsumKernel: Kernel = ([x], { axis, reverse }: { axis: number; reverse: boolean }, out) => {
  const src = dense(x!);
  const data = allocate(out.dtype, x!.size);
  const n = x!.shape[axis]!;
  const inner = sizeOf(x!.shape.slice(axis + 1));
  const outer = sizeOf(x!.shape.slice(0, axis));
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let s = 0;
      const base = o * n * inner + i;
      if (reverse) {
        for (let k = n - 1; k >= 0; k--) data[base + k * inner] = s += src[base + k * inner]!;
      } else {
        for (let k = 0; k < n; k++) data[base + k * inner] = s += src[base + k * inner]!;
      }
    }
  }
  return fromStorage(data, out.shape, out.dtype);
};

/**
 * The index walk shared by gather and scatterAdd, viewing the indexed tensor as [outer, n, inner]
 * and the gathered one as [outer, m, inner]. Plain loops rather than a callback per slice: the
 * slices are often a few elements (a point's coordinates), where a call per slice costs more than
 * the copy.
 */
function axisGeometry(shape: readonly number[], axis: number): { outer: number; n: number; inner: number } {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, n: shape[axis]!, inner };
}

/** The dense indices, each checked to lie in [0, n). */
function checkedIndices(indices: Tensor, n: number): Storage {
  const idx = dense(indices);
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j]!;
    if (!(k >= 0 && k < n)) throw new ValueError("take", `expected indices in [0, ${n - 1}] for an axis of size ${n}, got ${k}.`);
  }
  return idx;
}

const gatherKernel: Kernel = ([x, indices], { axis }: { axis: number }, out) => {
  const src = dense(x!);
  const data = allocate(out.dtype, sizeOf(out.shape));
  if (axis === x!.shape.length - 1) {
    // Single elements (a gather along the last axis, frequent under vmap): a direct loop, since
    // the general walk's inner loop of length one costs more than the copy.
    const n = x!.shape[axis]!;
    const idx = checkedIndices(indices!, n);
    const outer = sizeOf(x!.shape.slice(0, axis));
    for (let o = 0, oo = 0; o < outer; o++) {
      const base = o * n;
      for (let j = 0; j < idx.length; j++) data[oo++] = src[base + idx[j]!]!;
    }
    return fromStorage(data, out.shape, out.dtype);
  }
  const { outer, n, inner } = axisGeometry(x!.shape, axis);
  const idx = checkedIndices(indices!, n);
  const m = idx.length;
  for (let o = 0, oo = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const xo = (o * n + idx[j]!) * inner;
      for (let i = 0; i < inner; i++) data[oo++] = src[xo + i]!;
    }
  }
  return fromStorage(data, out.shape, out.dtype);
};

const scatterAddKernel: Kernel = ([updates, indices], { axis }: { axis: number }, out) => {
  const src = dense(updates!);
  const data = allocate(out.dtype, sizeOf(out.shape));
  const { outer, n, inner } = axisGeometry(out.shape, axis);
  const idx = checkedIndices(indices!, n);
  const m = idx.length;
  for (let o = 0, oo = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const xo = (o * n + idx[j]!) * inner;
      for (let i = 0; i < inner; i++) data[xo + i] += src[oo++]!;
    }
  }
  return fromStorage(data, out.shape, out.dtype);
};

function reduceKernel(kind: "sum" | "max" | "min" | "argmax" | "argmin"): Kernel {
  return ([x], params: { axes?: number[]; axis?: number }, out) => {
    const axes = params.axes ?? [params.axis!];
    if (x!._data!.length === 1 && kind === "sum") {
      let count = 1;
      for (const a of axes) count *= x!.shape[a]!;
      return filled(x!._data![0]! * count, out.shape, out.dtype);
    }
    if (kind === "sum" && axes.length === x!.shape.length) {
      // A sum of every element (a loss, a norm), often of a handful of values: one loop, without
      // the general reduction's planning of kept and reduced axes. Same order, same float64 sum.
      const src = dense(x!);
      let total = 0;
      for (let i = 0; i < src.length; i++) total += src[i]!;
      return filled(total, out.shape, out.dtype);
    }
    return fromStorage(reduce(kind, dense(x!), x!.shape, axes, out.dtype), out.shape, out.dtype);
  };
}

const convertKernel: Kernel = ([x], _params, out) => {
  const src = x!._data!;
  const data = allocate(out.dtype, src.length);
  if (out.dtype === "bool") for (let i = 0; i < src.length; i++) data[i] = src[i] !== 0 ? 1 : 0;
  else if (out.dtype === "int32") for (let i = 0; i < src.length; i++) data[i] = Math.trunc(src[i]!);
  else data.set(src);
  return tiled(data, out.shape, out.dtype);
};

const selectKernel: Kernel = ([condition, x, y], _params, out) => {
  const n = sizeOf(out.shape);
  if (condition!._data!.length === 1) return condition!._data![0] ? x! : y!;
  const c = dense(condition!);
  const a = x!._data!.length === 1 ? x!._data! : dense(x!);
  const b = y!._data!.length === 1 ? y!._data! : dense(y!);
  const data = allocate(out.dtype, n);
  const af = a.length === 1;
  const bf = b.length === 1;
  for (let i = 0; i < n; i++) data[i] = c[i] ? a[af ? 0 : i]! : b[bf ? 0 : i]!;
  return fromStorage(data, out.shape, out.dtype);
};

const matmulParamsKernel: Kernel = ([a, b], { transA, transB }: { transA: boolean; transB: boolean }, out) => {
  const r = out.shape.length;
  const m = out.shape[r - 2]!;
  const n = out.shape[r - 1]!;
  const k = transA ? a!.shape[r - 2]! : a!.shape[r - 1]!;
  const batch = sizeOf(out.shape.slice(0, r - 2));
  const data = allocate(out.dtype, sizeOf(out.shape)) as FloatStorage;
  const aData = dense(a!);
  const bData = dense(b!);
  if (out.dtype === "float32" || out.dtype === "float64") {
    matmulKernel(aData as FloatStorage, 0, m * k, transA, bData as FloatStorage, 0, k * n, transB, data, batch, m, k, n);
  } else {
    // Integer matrices go through float64 (exact for products below 2^53).
    const product = new Float64Array(data.length);
    matmulKernel(Float64Array.from(aData), 0, m * k, transA, Float64Array.from(bData), 0, k * n, transB, product, batch, m, k, n);
    (data as unknown as Storage).set(product);
  }
  return fromStorage(data, out.shape, out.dtype);
};

const identityKernel: Kernel = ([x]) => x!;

const kernels = {
  // Elementwise kernels are built from the loop tables; the registry test checks every name has one.
  ...(Object.fromEntries(Object.keys(unaryLoops).map((name) => [name, unaryKernel(name)])) as Record<PrimitiveName, Kernel>),
  ...(Object.fromEntries(Object.keys(binaryLoops).map((name) => [name, binaryKernel(name)])) as Record<PrimitiveName, Kernel>),
  reshape: reshapeKernel,
  transpose: transposeKernel,
  broadcastTo: broadcastKernel,
  slice: sliceKernel,
  pad: padKernel,
  concatenate: concatenateKernel,
  cumsum: cumsumKernel,
  gather: gatherKernel,
  scatterAdd: scatterAddKernel,
  sum: reduceKernel("sum"),
  reduceMax: reduceKernel("max"),
  reduceMin: reduceKernel("min"),
  argmax: reduceKernel("argmax"),
  argmin: reduceKernel("argmin"),
  convert: convertKernel,
  select: selectKernel,
  stopGradient: identityKernel,
  matmul: matmulParamsKernel,
  ...specialKernels,
  ...linalgKernels,
  // The derivative of a customVjp function exists only transposed (reverse mode).
  customVjpCall: () => {
    throw new NotDifferentiableError(
      "customVjp",
      `expected reverse-mode differentiation (grad, vjp, jacrev), got forward mode of the function itself (jvp, jacfwd). ` +
        `A customVjp function only defines reverse mode; define it with customJvp to support both.`,
    );
  },
};

export const cpuBackend: Backend = { name: "cpu", kernels: kernels satisfies Record<PrimitiveName | "customVjpCall", Kernel> };
