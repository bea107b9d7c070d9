import type { TensorType } from "../core/primitive.js";

// Shape rules shared by many primitives.
/**
 * The output has the (first) input's shape and dtype. The input itself serves as that type (types
 * are read, never kept or changed), which spares an object per elementwise operation.
 */
export function sameType(inputs: readonly TensorType[]): TensorType {
  return inputs[0]!;
}

/** The output has the first input's shape, as bool. */
export function boolOfFirst([x]: readonly TensorType[]): TensorType {
  return { shape: x!.shape, dtype: "bool" };
}

/** The shape left after removing `axes` (sorted, non-negative). */
export function dropAxes(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.filter((_, i) => !axes.includes(i));
}

/** The shape with each of `axes` kept as a 1 (what keepdims gives). */
export function keepAxes(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}
