import { bind } from "../../core/trace.js";
import { definePrimitive, perArgument, LinearInput, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { batchToFront, moveAxis } from "../batching.js";
import { reshape } from "../movement/reshape.js";

export interface MatmulParams {
  /** Use the input's last two axes swapped (so backprop never materializes a transpose). */
  readonly transA: boolean;
  readonly transB: boolean;
}

/**
 * Batched matrix product op(A)·op(B) over the last two axes; leading (batch) axes are equal, as
 * `ops/matmul` broadcasts them first.
 */
export const matmul: Primitive<MatmulParams> = definePrimitive<MatmulParams>({
  name: "matmul",
  type: ([a, b], { transA, transB }) => {
    const r = a!.shape.length;
    const m = transA ? a!.shape[r - 1]! : a!.shape[r - 2]!;
    const n = transB ? b!.shape[r - 2]! : b!.shape[r - 1]!;
    return { shape: [...a!.shape.slice(0, r - 2), m, n], dtype: a!.dtype };
  },
  // d(AB) = dA·B + A·dB: bilinear.
  jvp: perArgument(
    (da, [, b], _out, params) => bind(matmul, [da, b!], params),
    (db, [a], _out, params) => bind(matmul, [a!, db], params),
  ),
  // With C = op(A)·op(B): the cotangent of op(A) is ct·op(B)ᵀ, that of op(B) is op(A)ᵀ·ct.
  transpose: (ct, [a, b], { transA, transB }) => [
    a instanceof LinearInput
      ? transA
        ? bind(matmul, [b as Tensor, ct], { transA: transB, transB: true })
        : bind(matmul, [ct, b as Tensor], { transA: false, transB: !transB })
      : null,
    b instanceof LinearInput
      ? transB
        ? bind(matmul, [ct, a as Tensor], { transA: true, transB: transA })
        : bind(matmul, [a as Tensor, ct], { transA: !transA, transB: false })
      : null,
  ],
  batch: ([a, b], [aAxis, bAxis], params, size) => {
    const rank = a!.shape.length - (aAxis === null ? 0 : 1);
    if (bAxis === null && rank === 2 && !params.transA) {
      // A batch of row blocks times one matrix is a single taller product: fold the batch into rows.
      const front = moveAxis(a!, aAxis!, 0);
      const [, m, k] = front.shape as [number, number, number];
      const flat = bind(reshape, [front], { shape: [size * m, k] });
      const product = bind(matmul, [flat, b!], params);
      return [bind(reshape, [product], { shape: [size, m, product.shape[1]!] }), 0];
    }
    return [bind(matmul, [batchToFront(a!, aAxis!, size), batchToFront(b!, bAxis!, size)], params), 0];
  },
});
