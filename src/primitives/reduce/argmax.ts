import { definePrimitive, zeroDerivative, type Primitive } from "../../core/primitive.js";
import { dropAxes } from "../shapes.js";
import { leadingBatch } from "../batching.js";

/** Index of the largest element along `axis` (the first one on ties), as int32. */
export const argmax: Primitive<{ axis: number }> = definePrimitive<{ axis: number }>({
  name: "argmax",
  type: ([x], { axis }) => ({ shape: dropAxes(x!.shape, [axis]), dtype: "int32" }),
  jvp: zeroDerivative,
  batch: leadingBatch(({ axis }) => ({ axis: axis + 1 })),
});
