import { bind } from "../../core/trace.js";
import { definePrimitive, linear, type Primitive } from "../../core/primitive.js";
import { leadingBatch } from "../batching.js";
import { slice, type StridedParams } from "./slice.js";

/**
 * Places the input in a larger tensor of zeros at positions start + i·step: the transpose of
 * `slice` (and zero padding when steps are 1).
 */
export const pad: Primitive<StridedParams> = definePrimitive<StridedParams>({
  name: "pad",
  type: ([x], { shape }) => ({ shape, dtype: x!.dtype }),
  jvp: linear,
  transpose: (ct, [x], { starts, steps }) => [bind(slice, [ct], { starts, steps, shape: (x as { type: { shape: readonly number[] } }).type.shape })],
  batch: leadingBatch(({ starts, steps, shape }, [x]) => ({ starts: [0, ...starts], steps: [1, ...steps], shape: [x!.shape[0]!, ...shape] })),
});
