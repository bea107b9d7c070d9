import { definePrimitive, elementwise, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** Cosine, elementwise. */
export const cos: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "cos",
  type: sameType,
  jvp: elementwise((x) => x.sin().neg()), // d cos x = −sin x dx
  batch: elementwiseBatch,
});
