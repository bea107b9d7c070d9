import { bind } from "../../core/trace.js";
import { definePrimitive, linear, LinearInput, type Primitive } from "../../core/primitive.js";
import { leadingBatch } from "../batching.js";
import { pad } from "./pad.js";

export interface StridedParams {
  /** First index taken on each axis. */
  readonly starts: readonly number[];
  /** Step on each axis (non-zero; negative walks backwards). */
  readonly steps: readonly number[];
  /** The shape of the smaller (sliced) tensor for `slice`, of the larger one for `pad`. */
  readonly shape: readonly number[];
}

/** out[i] = x[start + i·step] on every axis: a strided window of the input. */
export const slice: Primitive<StridedParams> = definePrimitive<StridedParams>({
  name: "slice",
  type: ([x], { shape }) => ({ shape, dtype: x!.dtype }),
  jvp: linear,
  transpose: (ct, [x], { starts, steps }) => [bind(pad, [ct], { starts, steps, shape: (x as LinearInput).type.shape })],
  batch: leadingBatch(({ starts, steps, shape }, [x]) => ({ starts: [0, ...starts], steps: [1, ...steps], shape: [x!.shape[0]!, ...shape] })),
});
