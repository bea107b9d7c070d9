import type { Storage } from "../../tensor/dtype.js";

/**
 * Copies a strided view of `src` into dense `dst` (row-major over `shape`): element at index
 * (i₀, …, iₖ) is src[offset + Σ iⱼ·strides[j]]. Stride 0 repeats (broadcast), a permuted stride list
 * transposes, scaled strides and an offset slice. The innermost axis is a tight loop; the outer
 * axes advance like an odometer, so any rank works without recursion.
 */
export function gatherStrided(src: Storage, offset: number, strides: readonly number[], dst: Storage, shape: readonly number[]): void {
  const rank = shape.length;
  let size = 1;
  for (let i = 0; i < rank; i++) size *= shape[i]!;
  if (size === 0) return;
  if (rank === 0) {
    dst[0] = src[offset]!;
    return;
  }
  const inner = shape[rank - 1]!;
  const step = strides[rank - 1]!;
  const index = new Array<number>(rank).fill(0);
  let base = offset;
  let o = 0;
  for (let outer = size / inner; outer > 0; outer--) {
    if (step === 1) {
      for (let j = 0; j < inner; j++) dst[o++] = src[base + j]!;
    } else {
      for (let j = 0, s = base; j < inner; j++, s += step) dst[o++] = src[s]!;
    }
    for (let axis = rank - 2; axis >= 0; axis--) {
      index[axis]!++;
      base += strides[axis]!;
      if (index[axis]! < shape[axis]!) break;
      base -= strides[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
}

/** The inverse of `gatherStrided`: writes dense `src` into the strided positions of `dst`. */
export function scatterStrided(src: Storage, dst: Storage, offset: number, strides: readonly number[], shape: readonly number[]): void {
  const rank = shape.length;
  let size = 1;
  for (let i = 0; i < rank; i++) size *= shape[i]!;
  if (size === 0) return;
  if (rank === 0) {
    dst[offset] = src[0]!;
    return;
  }
  const inner = shape[rank - 1]!;
  const step = strides[rank - 1]!;
  const index = new Array<number>(rank).fill(0);
  let base = offset;
  let o = 0;
  for (let outer = size / inner; outer > 0; outer--) {
    for (let j = 0, s = base; j < inner; j++, s += step) dst[s] = src[o++]!;
    for (let axis = rank - 2; axis >= 0; axis--) {
      index[axis]!++;
      base += strides[axis]!;
      if (index[axis]! < shape[axis]!) break;
      base -= strides[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
}
