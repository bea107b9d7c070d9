import { bind } from "../core/trace.js";
import type { BatchRule, Primitive } from "../core/primitive.js";
import { Tensor } from "../tensor/tensor.js";
import { allocate } from "../tensor/dtype.js";
import { slice } from "./movement/slice.js";
import { concatenate } from "./movement/concatenate.js";
import { transpose } from "./movement/transpose.js";
import { reshape } from "./movement/reshape.js";
import { broadcastTo } from "./movement/broadcastTo.js";

/** Moves axis `from` of `x` to position `to` (a transpose; free when they are equal). */
export function moveAxis(x: Tensor, from: number, to: number): Tensor {
  if (from === to) return x;
  const perm = x.shape.map((_, i) => i).filter((i) => i !== from);
  perm.splice(to, 0, from);
  return bind(transpose, [x], { perm });
}

/** Brings the batch axis of a batched value to the front, or adds one of `size` to an unbatched value. */
export function batchToFront(x: Tensor, axis: number | null, size: number): Tensor {
  if (axis !== null) return moveAxis(x, axis, 0);
  const expanded = bind(reshape, [x], { shape: [1, ...x.shape] });
  return bind(broadcastTo, [expanded], { shape: [size, ...x.shape] });
}

/**
 * Batching for primitives that act element by element (and for any primitive whose inputs share
 * one shape and whose parameters do not mention axes): put every batch axis in front, repeat
 * unbatched inputs, apply the primitive once.
 */
export function elementwiseBatch(
  inputs: readonly Tensor[],
  axes: readonly (number | null)[],
  params: any,
  size: number,
  prim: Primitive<any>,
): [Tensor, number | null] {
  // Unbatched inputs are repeated along the batch axis, which costs nothing for broadcast
  // scalars and blocks (they stay unexpanded). A function declaration, not a const built by
  // leadingBatch, because primitive files read it while this module is still loading (the
  // primitives and this file import each other) and only declarations are ready that early.
  return leadingBatch((p) => p)(inputs, axes, params, size, prim);
}

/**
 * Batching for primitives with one main input and axis parameters: the batch axis goes in front
 * and `shiftParams` moves the primitive's own axes past it.
 */
export function leadingBatch<P>(shiftParams: (params: P, inputs: readonly Tensor[]) => P): BatchRule<P> {
  return (inputs, axes, params, size, prim) => {
    const moved = inputs.map((x, i) => batchToFront(x, axes[i]!, size));
    return [bind(prim, moved, shiftParams(params, moved)), 0];
  };
}

/** Batches by running the primitive once per batch element and stacking: correct for anything. */
export function loopBatch(
  inputs: readonly Tensor[],
  axes: readonly (number | null)[],
  params: any,
  size: number,
  prim: Primitive<any>,
): [Tensor, number | null] {
  const moved = inputs.map((x, i) => (axes[i] === null ? null : moveAxis(x, axes[i]!, 0)));
  const results: Tensor[] = [];
  for (let b = 0; b < size; b++) {
    const args = inputs.map((x, i) => {
      const m = moved[i];
      if (m === null || m === undefined) return x;
      const rest = m.shape.slice(1);
      const one = bind(slice, [m], { starts: [b, ...rest.map(() => 0)], steps: [1, ...rest.map(() => 1)], shape: [1, ...rest] });
      return bind(reshape, [one], { shape: rest });
    });
    const r = bind(prim, args, params);
    results.push(bind(reshape, [r], { shape: [1, ...r.shape] }));
  }
  if (results.length === 0) {
    const type = prim.type(inputs.map((x, i) => (axes[i] === null ? x : { shape: x.shape.filter((_, j) => j !== axes[i]), dtype: x.dtype })), params);
    return [new Tensor([0, ...type.shape], type.dtype, allocate(type.dtype, 0), null), 0];
  }
  return [bind(concatenate, results, { axis: 0 }), 0];
}
