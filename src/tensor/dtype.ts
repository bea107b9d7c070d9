import { DTypeError } from "../errors.js";

/**
 * Element types. `float32` is the default (machine learning); `float64` is first class on the CPU
 * and is what gradient checks and second-order methods use.
 * @example
 * tensor([1, 2]).dtype;                          // => "float32"
 * tensor([1, 2], { dtype: "int32" }).dtype;      // => "int32"
 */
export type DType = "float32" | "float64" | "int32" | "bool";

/**
 * The typed array that stores each dtype: Float32Array, Float64Array, Int32Array, and Uint8Array for bool.
 * @example
 * tensor([true, false]).data();   // => [1, 0]
 */
export type Storage = Float32Array | Float64Array | Int32Array | Uint8Array;
export type FloatStorage = Float32Array | Float64Array;

export const DTYPES: readonly DType[] = ["bool", "int32", "float32", "float64"];

export function isFloat(dtype: DType): dtype is "float32" | "float64" {
  return dtype === "float32" || dtype === "float64";
}

export function isDType(value: unknown): value is DType {
  return value === "float32" || value === "float64" || value === "int32" || value === "bool";
}

/**
 * Zero-filled storage for `size` elements. Small arrays are views into a shared slab: V8 keeps
 * typed arrays of up to 64 bytes on its heap, but gives each larger one its own backing store,
 * which costs about ten times more to create and makes the collector track every one (measured:
 * ~400-550 ns for a new Float64Array(21), ~40 ns for a view). Programs of many small tensors
 * (recurrent networks, scalar loops under reverse mode) spend most of their time there otherwise.
 * A slab is freed once no view of it is reachable; each view is handed out once, so it starts at
 * zero like a new array.
 */
export function allocate(dtype: DType, size: number): Storage {
  switch (dtype) {
    case "float32":
      if (size > 16 && size <= SMALL_BYTES / 4) {
        const start = reserve(size * 4);
        return new Float32Array(slab, start, size);
      }
      return new Float32Array(size);
    case "float64":
      if (size > 8 && size <= SMALL_BYTES / 8) {
        const start = reserve(size * 8);
        return new Float64Array(slab, start, size);
      }
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
    case "bool":
      return new Uint8Array(size);
  }
}

/** Arrays of up to this many bytes come from the slab; larger ones get their own buffer. */
const SMALL_BYTES = 512;
const SLAB_BYTES = 1 << 15;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabOffset = 0;

/** Reserves `bytes` at 8-byte alignment in `slab` (starting a new slab when it is full); returns the start. */
function reserve(bytes: number): number {
  let start = (slabOffset + 7) & ~7;
  if (start + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    start = 0;
  }
  slabOffset = start + bytes;
  return start;
}

export function dtypeOfStorage(data: Storage): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  return "bool";
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * The dtype two tensor operands are computed in. The order is bool < int32 < float32 < float64,
 * with one exception that keeps precision: int32 with float32 gives float64, because float32
 * cannot hold every int32 exactly (NumPy's rule; JAX would give float32).
 * @example
 * promoteTypes("int32", "float32");   // => "float64"
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if ((a === "int32" && b === "float32") || (a === "float32" && b === "int32")) return "float64";
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The dtype a plain JavaScript number takes beside a tensor of dtype `other`. Numbers are "weak":
 * they adopt the tensor's float dtype (so `x.mul(2)` stays float32), an integer number adopts
 * int32, and a fractional number beside an int32 or bool tensor makes float32.
 */
export function weakTypeFor(value: number, other: DType): DType {
  if (isFloat(other)) return other;
  if (other === "bool") return Number.isInteger(value) ? "int32" : "float32";
  return Number.isInteger(value) ? "int32" : "float32";
}

export function checkDType(op: string, dtype: unknown): DType {
  if (!isDType(dtype)) {
    throw new DTypeError(op, `dtype must be one of float32, float64, int32, bool, got ${String(dtype)}.`);
  }
  return dtype;
}
