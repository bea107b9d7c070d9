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
  // The cotangent of a sum is repeated over the summed axes. When those are the leading axes (a
  // sum of everything, whose cotangent is a scalar, above all) the cotangent already lines up with
  // the remaining trailing axes and broadcasts as it is; otherwise size-1 axes are put back first.
  transpose: (ct, [x], { axes }) => {
    const shape = (x as LinearInput).type.shape;
    let leading = true;
    for (let i = 0; i < axes.length; i++) if (axes[i] !== i) leading = false;
    const aligned = leading ? ct : bind(reshape, [ct], { shape: keepAxes(shape, axes) });
    return [bind(broadcastTo, [aligned], { shape })];
  },
  batch: leadingBatch(({ axes }) => ({ axes: axes.map((a) => a + 1) })),
});
