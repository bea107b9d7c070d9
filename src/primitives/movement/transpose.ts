import { bind } from "../../core/trace.js";
import { definePrimitive, linear, type Primitive } from "../../core/primitive.js";
import { leadingBatch } from "../batching.js";

/** Permutes the axes: output axis i is input axis perm[i]. */
export const transpose: Primitive<{ perm: readonly number[] }> = definePrimitive<{ perm: readonly number[] }>({
  name: "transpose",
  type: ([x], { perm }) => ({ shape: perm.map((p) => x!.shape[p]!), dtype: x!.dtype }),
  jvp: linear,
  transpose: (ct, _inputs, { perm }) => [bind(transpose, [ct], { perm: inversePermutation(perm) })],
  batch: leadingBatch(({ perm }) => ({ perm: [0, ...perm.map((p) => p + 1)] })),
});

export function inversePermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return inverse;
}
