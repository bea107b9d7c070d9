import { bind } from "../../core/trace.js";
import { definePrimitive, linear, LinearInput, type Primitive } from "../../core/primitive.js";
import { leadingBatch } from "../batching.js";

/** The same elements in a new shape of equal size (row-major order). */
export const reshape: Primitive<{ shape: readonly number[] }> = definePrimitive<{ shape: readonly number[] }>({
  name: "reshape",
  type: ([x], { shape }) => ({ shape, dtype: x!.dtype }),
  jvp: linear,
  transpose: (ct, [x]) => [bind(reshape, [ct], { shape: (x as LinearInput).type.shape })],
  batch: leadingBatch(({ shape }, [x]) => ({ shape: [x!.shape[0]!, ...shape] })),
});
