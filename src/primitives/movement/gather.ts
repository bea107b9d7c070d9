import { bind } from "../../core/trace.js";
import { definePrimitive, linearIn, LinearInput, type Primitive } from "../../core/primitive.js";
import { loopBatch, moveAxis } from "../batching.js";
import { scatterAdd } from "./scatterAdd.js";

/**
 * Takes slices of `x` along `axis` at integer `indices`:
 * out[a..., j..., b...] = x[a..., indices[j...], b...]. Its transpose is `scatterAdd`.
 */
export const gather: Primitive<{ axis: number }> = definePrimitive<{ axis: number }>({
  name: "gather",
  type: ([x, indices], { axis }) => ({
    shape: [...x!.shape.slice(0, axis), ...indices!.shape, ...x!.shape.slice(axis + 1)],
    dtype: x!.dtype,
  }),
  jvp: linearIn(0),
  transpose: (ct, [x, indices], { axis }) => [
    bind(scatterAdd, [ct, indices as import("../../tensor/tensor.js").Tensor], { axis, shape: (x as LinearInput).type.shape }),
    null,
  ],
  batch: (inputs, axes, params, size, prim) => {
    const [x, indices] = inputs;
    const [xAxis, indexAxis] = axes;
    if (indexAxis === null) {
      return [bind(gather, [moveAxis(x!, xAxis!, 0), indices!], { axis: params.axis + 1 }), 0];
    }
    if (xAxis === null) {
      // Batched indices select from one x: the batch axis lands where the index axes do.
      return [bind(gather, [x!, indices!], params), params.axis + indexAxis!];
    }
    return loopBatch(inputs, axes, params, size, prim);
  },
});
