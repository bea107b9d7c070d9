import { definePrimitive, perArgument, type Primitive } from "../../core/primitive.js";
import type { Tensor } from "../../tensor/tensor.js";
import { where } from "../../ops/index.js";
import { sameType } from "../shapes.js";
import { elementwiseBatch } from "../batching.js";

// Where x = 0 the exponent's derivative xʸ log x is taken as 0 (its limit for y > 0).
// Where y = 0 the base's derivative is 0 (x⁰ is constant): y·xʸ⁻¹ alone would give 0·∞ = NaN at
// x = 0, which also broke higher derivatives of x¹, x², … at 0.
function powJvpBase(dx: Tensor, [x, y]: readonly Tensor[]): Tensor {
  return dx.mul(where(y!.equal(0), 0, y!.mul(x!.pow(y!.sub(1)))));
}
function powJvpExponent(dy: Tensor, [x]: readonly Tensor[], out: Tensor): Tensor {
  const safeLog = where(x!.equal(0), 1, x!).log();
  return dy.mul(out).mul(safeLog);
}

/** x raised to the power y, elementwise. */
export const pow: Primitive<Record<string, never>> = definePrimitive<Record<string, never>>({
  name: "pow",
  type: sameType,
  jvp: perArgument(powJvpBase, powJvpExponent), // d(xʸ) = y xʸ⁻¹ dx + xʸ log x dy
  batch: elementwiseBatch,
});
