import { bind } from "../../core/trace.js";
import { definePrimitive, linear, LinearInput, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { batchToFront } from "../batching.js";
import { reshape } from "./reshape.js";
import { sum } from "../reduce/sum.js";

/**
 * Repeats the input to a larger shape, NumPy style: axes aligned from the right, axes of size 1
 * stretched, new axes added in front. Its transpose sums the repeated axes, which is why
 * broadcasting in `ops/` goes through this primitive and no other rule has to unbroadcast.
 */
export const broadcastTo: Primitive<{ shape: readonly number[] }> = definePrimitive<{ shape: readonly number[] }>({
  name: "broadcastTo",
  type: ([x], { shape }) => ({ shape, dtype: x!.dtype }),
  jvp: linear,
  transpose: (ct, [x]) => [unbroadcast(ct, (x as LinearInput).type.shape)],
  batch: ([x], [axis], { shape }, size) => {
    const front = batchToFront(x!, axis!, size);
    const rest = front.shape.slice(1);
    const aligned = bind(reshape, [front], { shape: [size, ...new Array(shape.length - rest.length).fill(1), ...rest] });
    return [bind(broadcastTo, [aligned], { shape: [size, ...shape] }), 0];
  },
});

/** Sums `ct` over the axes that broadcasting from `shape` added or stretched. */
export function unbroadcast(ct: Tensor, shape: readonly number[]): Tensor {
  const lead = ct.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < ct.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && ct.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length === 0 ? ct : bind(sum, [ct], { axes });
  return summed.shape.length === shape.length ? summed : bind(reshape, [summed], { shape });
}
