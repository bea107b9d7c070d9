import { ValueError } from "../errors.js";
import { fromStorage, type Tensor } from "../tensor/tensor.js";
import { allocate, checkDType, isFloat, type DType } from "../tensor/dtype.js";
import { checkShape, sizeOf } from "../tensor/shape.js";
import { DTypeError } from "../errors.js";

/**
 * A reproducible source of randomness: the same key always gives the same numbers. Split a key to
 * get independent streams (JAX's model), or pass a plain integer seed.
 * @example
 * const [k1, k2] = splitKey(randomKey(0), 2);
 * uniform(k1, [3]);   // the same three numbers on every run
 */
export class RandomKey {
  constructor(readonly seed: number) {}
}

/** A key from an integer seed. @example randomKey(42).seed // => 42 */
export function randomKey(seed: number): RandomKey {
  if (!Number.isInteger(seed)) throw new ValueError("randomKey", `expected an integer seed, got ${seed}.`);
  return new RandomKey(seed | 0);
}

/** `count` independent keys derived from `key`. @example splitKey(randomKey(0), 3).length // => 3 */
export function splitKey(key: RandomKey | number, count = 2): RandomKey[] {
  const seed = seedOf("splitKey", key);
  return Array.from({ length: count }, (_, i) => new RandomKey(mix(seed, i + 1)));
}

function seedOf(op: string, key: RandomKey | number): number {
  if (key instanceof RandomKey) return key.seed;
  if (Number.isInteger(key)) return key | 0;
  throw new ValueError(op, `expected a RandomKey or an integer seed, got ${String(key)}. Randomness in nabla is always seeded explicitly.`);
}

// A 32-bit integer hash (the finalizer of mulberry32) to derive child seeds.
function mix(seed: number, i: number): number {
  let t = (seed + Math.imul(i, 0x6d2b79f5)) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) | 0;
}

/** The k-th value in [0, 1) of the stream `seed` (the counter-based mulberry32 generator). */
function unit(seed: number, k: number): number {
  const a = (seed + Math.imul(k + 1, 0x6d2b79f5)) | 0;
  let t = Math.imul(a ^ (a >>> 15), a | 1);
  t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * Options of `uniform`: the interval [low, high) (default [0, 1)) and a float dtype (default float32).
 * @example
 * uniform(0, [100], { low: 2, high: 3 }).min().item() >= 2;   // => true
 */
export interface UniformOptions {
  low?: number;
  high?: number;
  dtype?: DType;
}

/**
 * Uniform samples in [low, high) (default [0, 1)), reproducible from `key`.
 * @example uniform(0, [2, 2], { low: -1, high: 1 }).shape // => [2, 2]
 */
export function uniform(key: RandomKey | number, shape: readonly number[], options: UniformOptions = {}): Tensor {
  const seed = seedOf("uniform", key);
  const s = checkShape("uniform", shape);
  const dtype = floatDType("uniform", options.dtype);
  const low = options.low ?? 0;
  const high = options.high ?? 1;
  if (!(high >= low)) throw new ValueError("uniform", `expected low ≤ high, got low ${low} and high ${high}.`);
  const n = sizeOf(s);
  const data = allocate(dtype, n);
  for (let k = 0; k < n; k++) data[k] = low + (high - low) * unit(seed, k);
  return fromStorage(data, s, dtype);
}

/**
 * Options of `normal`: the mean (default 0), the standard deviation (default 1) and a float dtype.
 * @example
 * normal(0, [3], { mean: 5, std: 0 });   // => tensor([5, 5, 5])
 */
export interface NormalOptions {
  mean?: number;
  std?: number;
  dtype?: DType;
}

/**
 * Normal samples (Box–Muller on the uniform stream), reproducible from `key`.
 * @example normal(1, [1000]).mean().item() // close to 0
 */
export function normal(key: RandomKey | number, shape: readonly number[], options: NormalOptions = {}): Tensor {
  const seed = seedOf("normal", key);
  const s = checkShape("normal", shape);
  const dtype = floatDType("normal", options.dtype);
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  if (!(std >= 0)) throw new ValueError("normal", `expected a non-negative std, got ${std}.`);
  const n = sizeOf(s);
  const data = allocate(dtype, n);
  for (let k = 0; k < n; k += 2) {
    const u1 = 1 - unit(seed, k); // in (0, 1], so the logarithm is finite
    const u2 = unit(seed, k + 1);
    const r = Math.sqrt(-2 * Math.log(u1));
    data[k] = mean + std * r * Math.cos(2 * Math.PI * u2);
    if (k + 1 < n) data[k + 1] = mean + std * r * Math.sin(2 * Math.PI * u2);
  }
  return fromStorage(data, s, dtype);
}

function floatDType(op: string, dtype: DType | undefined): DType {
  const d = dtype === undefined ? "float32" : checkDType(op, dtype);
  if (!isFloat(d)) throw new DTypeError(op, `expected a float dtype, got ${d}.`);
  return d;
}
