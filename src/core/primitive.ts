import type { DType } from "../tensor/dtype.js";
import type { Shape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Kernel } from "../backends/backend.js";

/** What a tensor is without its values: the abstract type transformations reason about. */
export interface TensorType {
  readonly shape: Shape;
  readonly dtype: DType;
}

/**
 * Stands in, during transposition, for an input that the linear program depends on linearly
 * (JAX calls it an undefined primal): its cotangent is what the transpose rule must produce.
 */
export class LinearInput {
  constructor(readonly type: TensorType) {}
}

/** One input's contribution to the output tangent, linear in `dx`. */
export type ArgumentJvp<P> = (dx: Tensor, inputs: readonly Tensor[], out: Tensor, params: P) => Tensor;

/**
 * How a primitive's output tangent follows from its inputs' tangents.
 * - `linear`: the primitive is linear in the inputs listed in `args` (all by default); its JVP is
 *   itself applied to the tangents (other inputs, such as indices, are passed through).
 * - `perArgument`: one contribution per input, summed over the inputs that have a tangent (JAX's
 *   `defjvp`); `null` marks an input that is not differentiable (indices, conditions).
 * - `zero`: the output does not depend smoothly on any input (comparisons, sign, floor).
 * - `custom`: anything else; `tangents[i]` is null where the tangent is zero.
 */
export type JvpRule<P> =
  | { readonly kind: "linear"; readonly args?: readonly number[] }
  | { readonly kind: "perArgument"; readonly rules: readonly (ArgumentJvp<P> | null)[] }
  | { readonly kind: "zero" }
  | {
      readonly kind: "custom";
      readonly rule: (inputs: readonly Tensor[], tangents: readonly (Tensor | null)[], out: Tensor, params: P) => Tensor | null;
    };

/**
 * Cotangents of the linear inputs of a linear primitive, given the output's cotangent `ct`.
 * Inputs the program depends on linearly arrive as `LinearInput`; the rest are ordinary tensors.
 * Return one entry per input: a cotangent for each `LinearInput`, null elsewhere.
 */
export type TransposeRule<P> = (
  ct: Tensor,
  inputs: readonly (Tensor | LinearInput)[],
  params: P,
) => readonly (Tensor | null)[];

/**
 * The batching rule: inputs with their batch axis (`null` for unbatched inputs), returning the
 * output and its batch axis. `size` is the batch size; `prim` is the primitive itself, so shared rules
 * can apply it again.
 */
export type BatchRule<P> = (
  inputs: readonly Tensor[],
  batchAxes: readonly (number | null)[],
  params: P,
  size: number,
  prim: Primitive<P>,
) => [Tensor, number | null];

/**
 * A primitive operation: the whole truth about it in one place. Backends supply its kernel under
 * the same `name`.
 */
export interface Primitive<P = unknown> {
  readonly name: string;
  /** The output's shape and dtype; inputs are already validated by the op that binds it. */
  readonly type: (inputs: readonly TensorType[], params: P) => TensorType;
  readonly jvp: JvpRule<P>;
  readonly transpose?: TransposeRule<P>;
  readonly batch: BatchRule<P>;
  /** @internal The kernel found for this primitive and the backend table it came from (see `evaluate`). */
  kernelCache?: { readonly table: object; readonly kernel: Kernel } | null;
}

/** A linear primitive must also say how to transpose itself; the type makes that a compile error. */
export type PrimitiveDefinition<P> =
  | (Primitive<P> & { readonly jvp: { readonly kind: "linear" }; readonly transpose: TransposeRule<P> })
  | (Primitive<P> & { readonly jvp: Exclude<JvpRule<P>, { kind: "linear" }> });

export function definePrimitive<P = Record<string, never>>(definition: PrimitiveDefinition<P>): Primitive<P> {
  // Every primitive gets the same fields in the same order, so that the interpreters' reads of
  // `prim.type`, `prim.jvp`, ... see one object layout.
  const { name, type, jvp, transpose, batch } = definition;
  return { name, type, jvp, transpose, batch, kernelCache: null };
}

/** The common rule helpers. */
export const linear = { kind: "linear" } as const;
export const zeroDerivative = { kind: "zero" } as const;
export function linearIn(...args: number[]): { kind: "linear"; args: number[] } {
  return { kind: "linear", args };
}
export function perArgument<P>(...rules: (ArgumentJvp<P> | null)[]): { kind: "perArgument"; rules: (ArgumentJvp<P> | null)[] } {
  return { kind: "perArgument", rules };
}
/** An elementwise rule: `d f(x) = f'(x) dx`, with the derivative given from the input and output. */
export function elementwise<P>(derivative: (x: Tensor, y: Tensor) => Tensor): { kind: "perArgument"; rules: ArgumentJvp<P>[] } {
  return { kind: "perArgument", rules: [(dx, [x], y) => dx.mul(derivative(x!, y))] };
}
