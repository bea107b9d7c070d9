import { bind } from "../core/trace.js";
import { filled, type Tensor } from "../tensor/tensor.js";
import { add as addPrimitive } from "../primitives/binary/add.js";

/** A concrete zero tensor of the same type (stored as one value). */
export function zerosLikeConcrete(x: { shape: readonly number[]; dtype: Tensor["dtype"] }): Tensor {
  return filled(0, x.shape, x.dtype);
}

/** Sums two tangents or cotangents of the same shape and dtype (no broadcasting needed). */
export function addTangents(a: Tensor, b: Tensor): Tensor {
  return bind(addPrimitive, [a, b], {});
}
