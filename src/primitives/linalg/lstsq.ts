import { bind } from "../../core/trace.js";
import { definePrimitive, perArgument, LinearInput, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { leadingBatch } from "../batching.js";
import { add } from "../binary/add.js";
import { sub } from "../binary/sub.js";
import { matmulOf, swapLastAxes } from "./matrixHelpers.js";

/**
 * X = A⁺ B, the least-squares solution of smallest norm, for A `[..., m, n]` and B `[..., m, k]`
 * with the same leading axes, by Householder QR with column pivoting. Linear in B.
 */
export const lstsq: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "lstsq",
  type: ([a, b]) => ({ shape: [...b!.shape.slice(0, -2), a!.shape[a!.shape.length - 1]!, b!.shape[b!.shape.length - 1]!], dtype: b!.dtype }),
  jvp: perArgument((da, [a, b], x) => lstsqJvpA(a!, b!, x, da), (db, [a]) => bind(lstsq, [a!, db], {})),
  // X = A⁺ B is linear in B with adjoint ct ↦ (A⁺)ᵀ ct = (Aᵀ)⁺ ct.
  transpose: (ct, [a, b]) => [null, b instanceof LinearInput ? bind(lstsq, [swapLastAxes(a as Tensor), ct], {}) : null],
  batch: leadingBatch((params) => params),
});

/**
 * The A-part of dX, from the derivative of the pseudo-inverse where the rank is constant (Golub &
 * Pereyra, SIAM J. Numer. Anal. 10(2), 1973):
 *   dA⁺ = −A⁺ dA A⁺ + A⁺ A⁺ᵀ dAᵀ (I − A A⁺) + (I − A⁺ A) dAᵀ A⁺ᵀ A⁺.
 * Applied to B, with X = A⁺ B and R = B − A X, every A⁺ (or A⁺ᵀ = (Aᵀ)⁺) is this primitive again,
 * so higher derivatives come by the same rule.
 */
function lstsqJvpA(a: Tensor, b: Tensor, x: Tensor, da: Tensor): Tensor {
  const pinv = (y: Tensor) => bind(lstsq, [a, y], {});
  const pinvT = (y: Tensor) => bind(lstsq, [swapLastAxes(a), y], {});
  const residual = bind(sub, [b, matmulOf(a, x)], {});
  const first = pinv(matmulOf(da, x)); // A⁺ dA X
  const second = pinv(pinvT(matmulOf(da, residual, true))); // A⁺ A⁺ᵀ dAᵀ R
  const p = matmulOf(da, pinvT(x), true); // dAᵀ A⁺ᵀ X
  const third = bind(sub, [p, pinv(matmulOf(a, p))], {}); // (I − A⁺ A) p
  return bind(sub, [bind(add, [second, third], {}), first], {});
}
