import { bind } from "../core/trace.js";
import type { Tensor, TensorLike } from "../tensor/tensor.js";
import { primitives as p } from "../primitives/index.js";
import { toTensor } from "./convert.js";

/**
 * The identity, treated as a constant by every transformation: no derivative flows through it.
 * @example
 * // x·stopGradient(x) differentiates as x·c with c = x held fixed: the gradient is x, not 2x.
 * grad((x: Tensor) => x.mul(stopGradient(x)).sum())(tensor([3]));   // => tensor([3])
 */
export function stopGradient(x: TensorLike): Tensor {
  const t = toTensor("stopGradient", x);
  // A concrete tensor is already a constant: the primitive would return it unchanged.
  return t._trace === null ? t : bind(p.stopGradient, [t], {});
}
