import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

/** The angle of the point (x, y) = atan2(y, x) elementwise, first input y. */
export const atan2: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "atan2",
  type: sameType,
  jvp: perArgument((dy, [y, x]) => dy.mul(x!).div(x!.square().add(y!.square())), (dx, [y, x]) => dx.mul(y!).neg().div(x!.square().add(y!.square()))), // d atan2(y, x) = (x dy − y dx) / (x² + y²)
  batch: elementwiseBatch,
});
