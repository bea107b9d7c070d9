import { ShapeError, ValueError } from "../errors.js";

/**
 * The size of each axis of a tensor; `[]` for a 0-d tensor.
 * @example
 * zeros([2, 3]).shape;   // => [2, 3]
 */
export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i]!;
  return size;
}

/** Row-major strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

/** NumPy broadcasting of two shapes (right-aligned; a dimension of 1 stretches). */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  if (shapesEqual(a, b)) return a.slice();
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)]!;
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)]!;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new ShapeError(
        op,
        `shapes must broadcast, got ${formatShape(a)} and ${formatShape(b)} (${da} vs ${db} at axis ${i - rank}). ` +
          `Dimensions must be equal or 1 when aligned from the right; reshape or expandDims one operand.`,
      );
    }
  }
  return out;
}

/** Validates one axis against a rank and returns it non-negative. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    if (rank === 0) throw new ValueError(op, `expected no axis for a 0-d tensor, got axis ${axis}. A 0-d tensor has no axes to name.`);
    throw new ValueError(op, `axis must be an integer in [${-rank}, ${rank - 1}], got ${axis}.`);
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Normalizes an axis argument for reductions: undefined or null means every axis; a number or list
 * is validated, made non-negative, de-duplicated (duplicates are an error) and sorted.
 */
export function normalizeAxes(op: string, axes: number | readonly number[] | undefined | null, rank: number): number[] {
  // The two common cases (every axis, one axis) without the general path's copies and sort: a
  // reduction of a small tensor costs little more than this function otherwise.
  if (axes === undefined || axes === null) {
    const all = new Array<number>(rank);
    for (let i = 0; i < rank; i++) all[i] = i;
    return all;
  }
  if (typeof axes === "number") return [normalizeAxis(op, axes, rank)];
  const list = axes;
  const out = list.map((a) => normalizeAxis(op, a, rank));
  const sorted = [...out].sort((x, y) => x - y);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new ValueError(op, `axes must be distinct, got [${list.join(", ")}].`);
  }
  return sorted;
}

export function checkShape(op: string, shape: unknown): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new ShapeError(op, `shape must be an array of non-negative integers, got ${JSON.stringify(shape)}.`);
  }
  return shape.slice();
}
