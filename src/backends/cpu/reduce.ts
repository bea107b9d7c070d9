import { allocate, type DType, type Storage } from "../../tensor/dtype.js";
import { stridesOf } from "../../tensor/shape.js";
import { gatherStrided } from "./strided.js";

export type Reduction = "sum" | "max" | "min" | "argmax" | "argmin";

/**
 * Reduces `data` (dense, of `shape`) over `axes`. The input is viewed with kept axes first and
 * reduced axes last; when the reduced axes are already the trailing ones (the common case) no copy
 * is made, otherwise one strided copy puts them there.
 */
export function reduce(kind: Reduction, data: Storage, shape: readonly number[], axes: readonly number[], outDType: DType): Storage {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  let outSize = 1;
  for (const i of kept) outSize *= shape[i]!;
  let inner = 1;
  for (const i of axes) inner *= shape[i]!;
  const out = allocate(outDType, outSize);
  if (outSize === 0) return out;
  if (inner === 0) {
    if (kind === "sum") return out;
    throw new RangeError(`${kind}: cannot reduce over an axis of size 0`);
  }
  const trailing = axes.every((a, i) => a === shape.length - axes.length + i);
  if (!trailing && kind === "sum" && axes.every((a, i) => a === i)) {
    // Summing leading axes (the transpose of a broadcast along them) adds whole contiguous rows:
    // no transposed copy needed.
    sumLeadingRows(data, out, inner, outSize);
    return out;
  }
  let source = data;
  if (!trailing) {
    const perm = [...kept, ...axes];
    const strides = stridesOf(shape);
    source = allocate(dtypeOfLike(data), data.length);
    gatherStrided(data, 0, perm.map((p) => strides[p]!), source, perm.map((p) => shape[p]!));
  }
  reduceRows(kind, source, out, outSize, inner);
  return out;
}

function dtypeOfLike(data: Storage): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  return "bool";
}

/** out[c] = Σ_r x[r·width + c] for r < rows: row by row, each a unit-stride pass. */
function sumLeadingRows(x: Storage, out: Storage, rows: number, width: number): void {
  if (out instanceof Float32Array) {
    // Accumulate in float64, as every sum here does, and round once.
    const acc = new Float64Array(width);
    sumLeadingRows(x, acc, rows, width);
    out.set(acc);
    return;
  }
  for (let r = 0, base = 0; r < rows; r++, base += width) {
    for (let c = 0; c < width; c++) out[c] += x[base + c]!;
  }
}

/** out[r] = reduction of x[r·inner … (r+1)·inner). Sums accumulate in float64. */
function reduceRows(kind: Reduction, x: Storage, out: Storage, rows: number, inner: number): void {
  switch (kind) {
    case "sum":
      for (let r = 0, base = 0; r < rows; r++, base += inner) {
        let s = 0;
        for (let j = 0; j < inner; j++) s += x[base + j]!;
        out[r] = s;
      }
      return;
    case "max":
      for (let r = 0, base = 0; r < rows; r++, base += inner) {
        let m = x[base]!;
        for (let j = 1; j < inner; j++) {
          const v = x[base + j]!;
          if (v > m || v !== v) m = v;
        }
        out[r] = m;
      }
      return;
    case "min":
      for (let r = 0, base = 0; r < rows; r++, base += inner) {
        let m = x[base]!;
        for (let j = 1; j < inner; j++) {
          const v = x[base + j]!;
          if (v < m || v !== v) m = v;
        }
        out[r] = m;
      }
      return;
    case "argmax":
    case "argmin": {
      const sign = kind === "argmax" ? 1 : -1;
      for (let r = 0, base = 0; r < rows; r++, base += inner) {
        let best = 0;
        let m = sign * x[base]!;
        if (m !== m) {
          out[r] = 0;
          continue;
        }
        for (let j = 1; j < inner; j++) {
          const v = sign * x[base + j]!;
          if (v !== v) {
            best = j;
            break;
          }
          if (v > m) {
            m = v;
            best = j;
          }
        }
        out[r] = best;
      }
      return;
    }
  }
}
