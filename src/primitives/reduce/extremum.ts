import { bind } from "../../core/trace.js";
import type { Tensor } from "../../tensor/tensor.js";
import { keepAxes } from "../shapes.js";
import { reshape } from "../movement/reshape.js";
import { broadcastTo } from "../movement/broadcastTo.js";
import { sum } from "./sum.js";

/**
 * The tangent of a max or min reduction: the tangent at the winning element; where several
 * elements tie, their tangents are averaged (so max(x, x) along an axis has derivative 1, the
 * subgradient JAX and PyTorch also pick).
 */
export function extremumTangent(dx: Tensor, x: Tensor, y: Tensor, axes: readonly number[]): Tensor {
  const kept = bind(broadcastTo, [bind(reshape, [y], { shape: keepAxes(x.shape, axes) })], { shape: x.shape });
  const winners = x.equal(kept).astype(x.dtype);
  const count = bind(sum, [winners], { axes });
  return bind(sum, [dx.mul(winners)], { axes }).div(count);
}
