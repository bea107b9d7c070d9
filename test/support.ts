/**
 * Helpers shared by the test files: seeded inputs on a domain, shape generators and tensor
 * comparisons.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { Tensor, tensor, uniform, type DType } from "../src/index.js";

/** One axis length: mostly 1 to 3, sometimes 0 (an empty axis). */
export const dimension: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 6 },
);

/** An axis length of at least 1. */
export const positiveDimension: fc.Arbitrary<number> = fc.integer({ min: 1, max: 3 });

/** A shape of rank minRank..maxRank: 0-d, size-1 and size-0 axes all occur. */
export function shapeArb(minRank = 0, maxRank = 3, dim: fc.Arbitrary<number> = dimension): fc.Arbitrary<number[]> {
  return fc.array(dim, { minLength: minRank, maxLength: maxRank });
}

/** Seeds for the values of generated inputs. */
export const seedArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 1_000_000 });

/** Seeded float64 values drawn uniformly from [low, high). */
export function valuesIn(shape: readonly number[], seed: number, low: number, high: number, dtype: DType = "float64"): Tensor {
  return uniform(seed, shape, { low, high, dtype });
}

/** Seeded float64 values with magnitude in [low, high) and a random sign: away from zero. */
export function awayFromZero(shape: readonly number[], seed: number, low: number, high: number): Tensor {
  const magnitude = uniform(seed, shape, { low, high, dtype: "float64" });
  const coin = uniform(seed + 7919, shape, { dtype: "float64" });
  return magnitude.mul(coin.less(0.5).astype("float64").mul(2).sub(1));
}

/**
 * Seeded float64 values that are pairwise at least `gap` apart (a shuffled ladder), so max, min,
 * argmax and friends never meet a tie.
 */
export function distinctValues(shape: readonly number[], seed: number, gap = 0.25): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const keys = uniform(seed, [n], { dtype: "float64" }).data();
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  const data = new Float64Array(n);
  order.forEach((position, rank) => (data[position] = (rank - n / 2) * gap));
  return tensor(data, { shape });
}

/** Seeded int32 indices in [0, n). */
export function indicesIn(shape: readonly number[], seed: number, n: number): Tensor {
  const u = uniform(seed, shape, { dtype: "float64" }).data();
  const data = new Int32Array(u.length);
  for (let i = 0; i < u.length; i++) data[i] = Math.floor(u[i]! * n);
  return tensor(data, { shape });
}

/** Asserts equal shapes and dtypes, and values equal within `rtol`·max(1, |expected|). */
export function expectClose(actual: Tensor, expected: Tensor, rtol = 1e-12): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  const a = actual.data();
  const b = expected.data();
  for (let i = 0; i < b.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(y)) {
      expect(Number.isNaN(x), `element ${i}: expected NaN, got ${x}`).toBe(true);
      continue;
    }
    const ok = x === y || Math.abs(x - y) <= rtol * Math.max(1, Math.abs(y));
    if (!ok) expect(x, `element ${i} of shape [${expected.shape.join(", ")}]`).toBe(y);
  }
}

/** Asserts that every element of `t` is zero. */
export function expectAllZero(t: Tensor): void {
  const data = t.data();
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) expect(data[i], `element ${i}`).toBe(0);
}

/** A small deterministic generator of integers in [0, n), for choices derived from one seed. */
export function chooser(seed: number): (n: number) => number {
  let state = seed | 0 || 1;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}
