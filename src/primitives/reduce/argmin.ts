import { definePrimitive, zeroDerivative, type Primitive } from "../../core/primitive.js";
import { dropAxes } from "../shapes.js";
import { leadingBatch } from "../batching.js";

/** Index of the smallest element along `axis` (the first one on ties), as int32. */
export const argmin: Primitive<{ axis: number }> = definePrimitive<{ axis: number }>({
  name: "argmin",
  type: ([x], { axis }) => ({ shape: dropAxes(x!.shape, [axis]), dtype: "int32" }),
  jvp: zeroDerivative,
  batch: leadingBatch(({ axis }) => ({ axis: axis + 1 })),
});
