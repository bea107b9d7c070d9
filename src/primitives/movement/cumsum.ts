import { bind } from "../../core/trace.js";
import { definePrimitive, linear, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { leadingBatch } from "../batching.js";

/** Running sums along `axis` (from the end when `reverse`). */
export const cumsum: Primitive<{ axis: number; reverse: boolean }> = definePrimitive<{ axis: number; reverse: boolean }>({
  name: "cumsum",
  type: sameType,
  jvp: linear,
  // The transpose of a running sum is the running sum taken from the other end.
  transpose: (ct, _inputs, { axis, reverse }) => [bind(cumsum, [ct], { axis, reverse: !reverse })],
  batch: leadingBatch(({ axis, reverse }) => ({ axis: axis + 1, reverse })),
});
