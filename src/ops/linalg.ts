import { bind } from "../core/trace.js";
import { ShapeError } from "../errors.js";
import type { Tensor, TensorLike } from "../tensor/tensor.js";
import { promoteTypes } from "../tensor/dtype.js";
import { broadcastShapes, formatShape } from "../tensor/shape.js";
import { primitives as p } from "../primitives/index.js";
import { astype, broadcastTo, toTensor } from "./convert.js";
import { reshape, expandDims } from "./shape.js";
import { mul } from "./elementwise.js";
import { sum } from "./reduce.js";

/**
 * Matrix product with NumPy's rules: the last two axes multiply, leading (batch) axes broadcast;
 * a 1-d first operand is a row vector and a 1-d second operand a column vector (that axis is
 * dropped from the result).
 * @throws ShapeError for 0-d operands, inner dimensions that differ, or batch axes that do not broadcast
 * @example matmul(ones([2, 3]), ones([3, 4])).shape // => [2, 4]
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let x = toTensor("matmul", a);
  let y = toTensor("matmul", b, x.dtype);
  if (x.rank === 0 || y.rank === 0) {
    throw new ShapeError("matmul", `expected tensors with at least 1 axis, got ${formatShape(x.shape)} and ${formatShape(y.shape)}. Use mul for scalars.`);
  }
  const xVector = x.rank === 1;
  const yVector = y.rank === 1;
  if (xVector) x = reshape(x, [1, x.shape[0]!]);
  if (yVector) y = reshape(y, [y.shape[0]!, 1]);
  const k1 = x.shape[x.rank - 1]!;
  const k2 = y.shape[y.rank - 2]!;
  if (k1 !== k2) {
    throw new ShapeError("matmul", `inner dimensions must match, got ${formatShape(toTensor("matmul", a).shape)} and ${formatShape(toTensor("matmul", b).shape)} (${k1} vs ${k2}).`);
  }
  const dtype = promoteTypes(x.dtype, y.dtype);
  x = astype(x, dtype);
  y = astype(y, dtype);
  const batch = broadcastShapes("matmul", x.shape.slice(0, -2), y.shape.slice(0, -2));
  if (x.rank - 2 !== batch.length || y.rank - 2 !== batch.length || x.shape.slice(0, -2).some((d, i) => d !== batch[i])) {
    x = broadcastTo(x, [...batch, ...x.shape.slice(-2)]);
  }
  if (y.rank - 2 !== batch.length || y.shape.slice(0, -2).some((d, i) => d !== batch[i])) {
    y = broadcastTo(y, [...batch, ...y.shape.slice(-2)]);
  }
  let out = bind(p.matmul, [x, y], { transA: false, transB: false });
  if (xVector) out = reshape(out, [...out.shape.slice(0, -2), out.shape[out.rank - 1]!]);
  if (yVector) out = reshape(out, out.shape.slice(0, -1));
  return out;
}

/**
 * Inner product of two vectors (a 0-d result), or `matmul` for matrices.
 * @throws ShapeError for vectors of different lengths
 * @example dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item() // => 32
 */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor("dot", a);
  const y = toTensor("dot", b, x.dtype);
  if (x.rank === 1 && y.rank === 1) {
    if (x.shape[0] !== y.shape[0]) throw new ShapeError("dot", `vector lengths must match, got ${formatShape(x.shape)} and ${formatShape(y.shape)}.`);
    return sum(mul(x, y));
  }
  return matmul(x, y);
}

/**
 * Outer product of two vectors: out[i, j] = a[i]·b[j].
 * @throws ShapeError unless both operands are 1-d
 * @example outer(tensor([1, 2]), tensor([3, 4, 5])).shape // => [2, 3]
 */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor("outer", a);
  const y = toTensor("outer", b, x.dtype);
  if (x.rank !== 1 || y.rank !== 1) throw new ShapeError("outer", `expected two vectors, got ${formatShape(x.shape)} and ${formatShape(y.shape)}.`);
  return mul(expandDims(x, 1), expandDims(y, 0));
}
