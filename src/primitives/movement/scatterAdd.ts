import { bind } from "../../core/trace.js";
import { definePrimitive, linearIn, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { loopBatch, moveAxis } from "../batching.js";
import { gather } from "./gather.js";

/**
 * Adds slices of `updates` into zeros of `shape` along `axis` at integer `indices` (repeated
 * indices accumulate): the transpose of `gather`.
 */
export const scatterAdd: Primitive<{ axis: number; shape: readonly number[] }> = definePrimitive<{ axis: number; shape: readonly number[] }>({
  name: "scatterAdd",
  type: ([updates], { shape }) => ({ shape, dtype: updates!.dtype }),
  jvp: linearIn(0),
  transpose: (ct, [, indices], { axis }) => [bind(gather, [ct, indices as Tensor], { axis }), null],
  batch: (inputs, axes, params, size, prim) => {
    const [updates, indices] = inputs;
    if (axes[1] === null) {
      return [bind(scatterAdd, [moveAxis(updates!, axes[0]!, 0), indices!], { axis: params.axis + 1, shape: [size, ...params.shape] }), 0];
    }
    return loopBatch(inputs, axes, params, size, prim);
  },
});
