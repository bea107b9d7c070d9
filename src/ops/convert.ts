import { bind } from "../core/trace.js";
import { ValueError } from "../errors.js";
import { Tensor, filled, type TensorLike } from "../tensor/tensor.js";
import { isFloat, promoteTypes, weakTypeFor, type DType } from "../tensor/dtype.js";
import { broadcastShapes, shapesEqual } from "../tensor/shape.js";
import { convert } from "../primitives/other/convert.js";
import { broadcastTo as broadcastPrimitive } from "../primitives/movement/broadcastTo.js";

/** A tensor from a tensor or a plain number (a number adopts `like`'s dtype: see `weakTypeFor`). */
export function toTensor(op: string, x: TensorLike, like?: DType): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === "number") return filled(x, [], like === undefined ? "float32" : weakTypeFor(x, like));
  if (typeof x === "boolean") return filled(x ? 1 : 0, [], "bool");
  throw new ValueError(op, `expected a Tensor or a number, got ${describe(x)}. Wrap arrays with tensor(...).`);
}

/** A short description of a value for error messages: "a Tensor of shape [3]", "an array", "string abc". */
export function describe(x: unknown): string {
  if (x === null) return "null";
  if (x instanceof Tensor) return `a ${x.dtype} tensor of shape [${x.shape.join(", ")}]`;
  if (Array.isArray(x)) return "an array";
  if (typeof x === "object") return `an object (${(x as object).constructor?.name ?? "Object"})`;
  return `${typeof x} ${String(x)}`;
}

/**
 * Converts to `dtype`, or returns the tensor itself when it already has it. Float to int32 drops
 * the fraction.
 * @example
 * astype(tensor([1.5, -2.5]), "int32");   // => tensor([1, -2], dtype=int32)
 */
export function astype(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : bind(convert, [x], { dtype });
}

/**
 * Stretches `x` to `shape` with NumPy's rules: axes of size 1 repeat, and new axes are added in
 * front. The derivative sums over the stretched axes.
 * @throws ValueError or ShapeError when `x` cannot stretch to `shape`
 * @example
 * broadcastTo(tensor([1, 2]), [2, 2]);   // => tensor([[1, 2], [1, 2]])
 */
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor("broadcastTo", x);
  if (shapesEqual(t.shape, shape)) return t;
  const result = broadcastShapes("broadcastTo", t.shape, shape);
  if (!shapesEqual(result, shape)) {
    throw new ValueError(
      "broadcastTo",
      `expected a shape the input [${t.shape.join(", ")}] can stretch to, got [${shape.join(", ")}]. ` +
        `Only axes of size 1 stretch, and new axes are added in front.`,
    );
  }
  return bind(broadcastPrimitive, [t], { shape: shape.slice() });
}

/**
 * Brings the operands of an elementwise operation to one dtype and one shape (NumPy rules).
 * Plain numbers adopt the dtype of the tensor beside them.
 */
export function prepareOperands(op: string, inputs: readonly TensorLike[], dtype?: DType): Tensor[] {
  let common: DType | undefined = dtype;
  if (common === undefined) {
    for (const x of inputs) if (x instanceof Tensor) common = common === undefined ? x.dtype : promoteTypes(common, x.dtype);
    if (common === undefined) common = "float32";
    // A fractional number next to integer tensors makes the operation float.
    if (!isFloat(common)) for (const x of inputs) if (typeof x === "number" && !Number.isInteger(x)) common = "float32";
  }
  const tensors = inputs.map((x) => astype(toTensor(op, x, common), common!));
  let shape = tensors[0]!.shape;
  let same = true;
  for (let i = 1; i < tensors.length; i++) {
    if (!shapesEqual(tensors[i]!.shape, shape)) {
      same = false;
      shape = broadcastShapes(op, shape, tensors[i]!.shape);
    }
  }
  if (same) return tensors;
  return tensors.map((t) => (shapesEqual(t.shape, shape) ? t : bind(broadcastPrimitive, [t], { shape })));
}
