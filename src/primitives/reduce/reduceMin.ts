import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import { dropAxes } from "../shapes.js";
import { leadingBatch } from "../batching.js";
import { extremumTangent } from "./extremum.js";

/** Minimum over `axes` (sorted, distinct), which are removed from the shape. */
export const reduceMin: Primitive<{ axes: readonly number[] }> = definePrimitive<{ axes: readonly number[] }>({
  name: "reduceMin",
  type: ([x], { axes }) => ({ shape: dropAxes(x!.shape, axes), dtype: x!.dtype }),
  jvp: perArgument((dx, [x], y, { axes }) => extremumTangent(dx, x!, y, axes)), // tangent of the winner, ties averaged
  batch: leadingBatch(({ axes }) => ({ axes: axes.map((a) => a + 1) })),
});
