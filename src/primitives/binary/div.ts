import { definePrimitive, perArgument, LinearInput, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Quotient of two tensors of one shape. */
export const div: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "div",
  type: sameType,
  jvp: perArgument((dx, [, y]) => dx.div(y!), (dy, [, y], out) => dy.mul(out).div(y!).neg()), // d(x/y) = dx/y − (x/y²) dy
  transpose: (ct, [x, y]) => {
    if (y instanceof LinearInput) throw new Error("div: the divisor cannot be linear");
    return [x instanceof LinearInput ? ct.div(y) : null, null];
  },
  batch: elementwiseBatch,
});
