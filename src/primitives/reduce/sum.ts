import { bind } from "../../core/trace.js";
import { definePrimitive, linear, LinearInput, type Primitive } from "../../core/primitive.js";
import { dropAxes, keepAxes } from "../shapes.js";
import { leadingBatch } from "../batching.js";
import { reshape } from "../movement/reshape.js";
import { broadcastTo } from "../movement/broadcastTo.js";

/** Sum over `axes` (sorted, distinct), which are removed from the shape. */
export const sum: Primitive<{ axes: readonly number[] }> = definePrimitive<{ axes: readonly number[] }>({
  name: "sum",
  type: ([x], { axes }) => ({ shape: dropAxes(x!.shape, axes), dtype: x!.dtype }),
  jvp: linear,
  // The cotangent of a sum is repeated over the summed axes.
  transpose: (ct, [x], { axes }) => {
    const shape = (x as LinearInput).type.shape;
    return [bind(broadcastTo, [bind(reshape, [ct], { shape: keepAxes(shape, axes) })], { shape })];
  },
  batch: leadingBatch(({ axes }) => ({ axes: axes.map((a) => a + 1) })),
});
