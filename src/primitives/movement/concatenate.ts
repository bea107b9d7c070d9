import { bind } from "../../core/trace.js";
import { definePrimitive, linear, LinearInput, type Primitive } from "../../core/primitive.js";
import { leadingBatch } from "../batching.js";
import { slice } from "./slice.js";

/** Joins tensors of equal shape but for `axis`, along that axis. */
export const concatenate: Primitive<{ axis: number }> = definePrimitive<{ axis: number }>({
  name: "concatenate",
  type: (inputs, { axis }) => {
    const shape = inputs[0]!.shape.slice();
    shape[axis] = inputs.reduce((total, x) => total + x.shape[axis]!, 0);
    return { shape, dtype: inputs[0]!.dtype };
  },
  jvp: linear,
  transpose: (ct, inputs, { axis }) => {
    let offset = 0;
    return inputs.map((x) => {
      const shape = x instanceof LinearInput ? x.type.shape : x.shape;
      const start = offset;
      offset += shape[axis]!;
      if (!(x instanceof LinearInput)) return null;
      const starts = shape.map((_, i) => (i === axis ? start : 0));
      return bind(slice, [ct], { starts, steps: shape.map(() => 1), shape });
    });
  },
  batch: leadingBatch(({ axis }) => ({ axis: axis + 1 })),
});
