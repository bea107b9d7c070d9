import { bind } from "../../core/trace.js";
import { definePrimitive, linear, LinearInput, type Primitive } from "../../core/primitive.js";
import type { DType } from "../../tensor/dtype.js";
import { elementwiseBatch } from "../batching.js";

/** The same values in another dtype (floats to int32 truncate toward zero; to bool test ≠ 0). */
export const convert: Primitive<{ dtype: DType }> = definePrimitive<{ dtype: DType }>({
  name: "convert",
  type: ([x], { dtype }) => ({ shape: x!.shape, dtype }),
  jvp: linear,
  transpose: (ct, [x]) => [bind(convert, [ct], { dtype: (x as LinearInput).type.dtype })],
  batch: elementwiseBatch,
});
