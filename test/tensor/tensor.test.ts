/**
 * Tensors as values: creation, reading back, 0-d and empty tensors, slicing with Python's
 * semantics, and reproducible randomness.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  Tensor,
  arange,
  eye,
  full,
  linspace,
  normal,
  oneHot,
  ones,
  onesLike,
  randomKey,
  slice,
  splitKey,
  tensor,
  uniform,
  zeros,
  zerosLike,
  type NestedArray,
  type SliceSpec,
} from "../../src/index.js";
import { shapeArb } from "../support.js";

describe("creation", () => {
  test("tensor() infers the shape of nested arrays and keeps the values", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t).toBeInstanceOf(Tensor);
    expect([t.shape, t.dtype, t.size, t.rank]).toEqual([[2, 3], "float32", 6, 2]);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  test("tensor() of a number is 0-d, of a typed array is 1-d unless a shape is given", () => {
    expect(tensor(7).shape).toEqual([]);
    expect(tensor(7).toArray()).toBe(7);
    const t = tensor(new Float64Array([1, 2, 3, 4, 5, 6]), { shape: [3, 2] });
    expect([t.shape, t.dtype]).toEqual([[3, 2], "float64"]);
    expect(t.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(tensor(new Int32Array([1, 2])).shape).toEqual([2]);
  });

  test("tensor() copies its input, so later writes to the source do not change it", () => {
    const source = new Float64Array([1, 2]);
    const t = tensor(source);
    source[0] = 99;
    expect(t.toArray()).toEqual([1, 2]);
    const out = t.data();
    out[1] = 42;
    expect(t.toArray()).toEqual([1, 2]);
  });

  test("tensor() with a dtype converts: float to int32 truncates, numbers to bool test non-zero", () => {
    expect(tensor([1.7, -1.7, 2], { dtype: "int32" }).toArray()).toEqual([1, -1, 2]);
    expect(tensor([0, 2, -1], { dtype: "bool" }).toArray()).toEqual([false, true, true]);
    expect(tensor(tensor([1.5, 2.5]), { dtype: "int32" }).toArray()).toEqual([1, 2]);
  });

  test("zeros, ones, full, zerosLike and onesLike fill with one value", () => {
    expect(zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(ones([3], { dtype: "int32" }).toArray()).toEqual([1, 1, 1]);
    expect(ones([3], { dtype: "int32" }).dtype).toBe("int32");
    expect(full([2], 7.5).toArray()).toEqual([7.5, 7.5]);
    expect(full([1], true).dtype).toBe("bool");
    const x = tensor([[1, 2]], { dtype: "float64" });
    expect([zerosLike(x).shape, zerosLike(x).dtype]).toEqual([[1, 2], "float64"]);
    expect(onesLike(x, { dtype: "int32" }).toArray()).toEqual([[1, 1]]);
  });

  test("arange counts like Python's range, in int32 for integers and float32 otherwise", () => {
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(5).dtype).toBe("int32");
    expect(arange(1, 7, 2).toArray()).toEqual([1, 3, 5]);
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(arange(3, 3).shape).toEqual([0]);
    expect(arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(0, 1, 0.25).dtype).toBe("float32");
  });

  test("linspace includes both ends", () => {
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 3, 1).toArray()).toEqual([2]);
    expect(linspace(2, 3, 0).shape).toEqual([0]);
  });

  test("eye builds square and rectangular identities", () => {
    expect(eye(2).toArray()).toEqual([[1, 0], [0, 1]]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });

  test("oneHot puts a one in each label's column", () => {
    expect(oneHot([2, 0], 3).toArray()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(oneHot(tensor([[1]], { dtype: "int32" }), 2).shape).toEqual([1, 1, 2]);
  });
});

describe("reading values back", () => {
  test("data() returns a typed array of the tensor's dtype in row-major order", () => {
    const t = tensor([[1, 2], [3, 4]], { dtype: "float64" });
    const d = t.data();
    expect(d).toBeInstanceOf(Float64Array);
    expect(Array.from(d)).toEqual([1, 2, 3, 4]);
    expect(tensor([1], { dtype: "int32" }).data()).toBeInstanceOf(Int32Array);
    expect(tensor([1]).data()).toBeInstanceOf(Float32Array);
    expect(Array.from(tensor([[1, 2], [3, 4]]).transpose().data())).toEqual([1, 3, 2, 4]);
  });

  test("item() reads a one-element tensor of any rank and refuses larger ones", () => {
    expect(tensor(3).item()).toBe(3);
    expect(tensor([[2.5]]).item()).toBe(2.5);
    expect(() => tensor([1, 2]).item()).toThrow("item: expected a tensor with one element, got shape [2]. Index or reduce it first.");
  });

  test("toArray() gives booleans for bool tensors and exact float32 values", () => {
    expect(tensor([true, false]).toArray()).toEqual([true, false]);
    expect(tensor([0.1]).toArray()).toEqual([Math.fround(0.1)]);
  });

  test("toString() shows the values and the dtype, eliding long axes", () => {
    expect(String(tensor([[1.5, 2], [3, 4]]))).toBe("tensor([[1.5, 2], [3, 4]], dtype=float32)");
    expect(String(tensor(3))).toBe("tensor(3, dtype=float32)");
    expect(String(arange(10))).toBe("tensor([0, 1, 2, ..., 7, 8, 9], dtype=int32)");
    expect(String(tensor([true, false]))).toBe("tensor([true, false], dtype=bool)");
    expect(String(tensor([0.1]))).toBe("tensor([0.1], dtype=float32)");
    expect(String(tensor([0.1], { dtype: "float64" }))).toBe("tensor([0.1], dtype=float64)");
    expect(String(zeros([2, 0]))).toBe("tensor([[], []], dtype=float32, shape=[2, 0])");
  });
});

describe("0-d and size-0 tensors", () => {
  test("0-d tensors take part in arithmetic and reductions as scalars", () => {
    const s = tensor(2);
    expect(s.mul(tensor([1, 2])).toArray()).toEqual([2, 4]);
    expect(s.sum().shape).toEqual([]);
    expect(s.sum().item()).toBe(2);
    expect(s.reshape([1, 1]).shape).toEqual([1, 1]);
  });

  test("size-0 tensors keep their shape through operations", () => {
    const e = zeros([3, 0]);
    expect(e.size).toBe(0);
    expect(e.toArray()).toEqual([[], [], []]);
    expect(e.add(1).shape).toEqual([3, 0]);
    expect(e.sum(1).toArray()).toEqual([0, 0, 0]);
    expect(e.sum().item()).toBe(0);
    expect(e.transpose().shape).toEqual([0, 3]);
    expect(e.matmul(zeros([0, 2])).toArray()).toEqual([[0, 0], [0, 0], [0, 0]]);
    expect(zeros([0]).data().length).toBe(0);
  });
});

/** Python's slice.indices(n) followed by range(): the reference for slicing. */
function pythonSliceIndices(n: number, start: number | null | undefined, stop: number | null | undefined, step: number | null | undefined): number[] {
  const s = step ?? 1;
  const [lower, upper] = s > 0 ? [0, n] : [-1, n - 1];
  const adjust = (v: number | null | undefined, fallback: number): number => {
    if (v === null || v === undefined) return fallback;
    const w = v < 0 ? v + n : v;
    return w < lower ? lower : w > upper ? upper : w;
  };
  const b = adjust(start, s > 0 ? lower : upper);
  const e = adjust(stop, s > 0 ? upper : lower);
  const out: number[] = [];
  for (let i = b; s > 0 ? i < e : i > e; i += s) out.push(i);
  return out;
}

function referenceSlice(value: NestedArray, specs: readonly SliceSpec[], axis = 0): NestedArray {
  if (!Array.isArray(value)) return value;
  const spec = specs[axis] ?? null;
  const n = value.length;
  if (typeof spec === "number") return referenceSlice(value[spec < 0 ? spec + n : spec]!, specs, axis + 1);
  const [start, stop, step] = spec ?? [];
  return pythonSliceIndices(n, start, stop, step).map((i) => referenceSlice(value[i]!, specs, axis + 1));
}

const bound = fc.option(fc.integer({ min: -6, max: 6 }), { nil: null });
const rangeSpec: fc.Arbitrary<SliceSpec> = fc.oneof(
  fc.constant(null),
  fc.tuple(bound, bound, fc.option(fc.constantFrom(1, 2, 3, -1, -2, -3), { nil: null })),
  fc.tuple(bound),
);

describe("slicing", () => {
  test("slice() agrees with Python slicing for any starts, stops, steps and integer indices", () => {
    fc.assert(
      fc.property(
        shapeArb(1, 3, fc.integer({ min: 0, max: 5 })).chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.tuple(...shape.map((n) => (n === 0 ? rangeSpec : fc.oneof(rangeSpec, fc.integer({ min: -n, max: n - 1 }))))),
          ),
        ),
        ([shape, specs]) => {
          const size = shape.reduce((a, b) => a * b, 1);
          const x = arange(size, undefined, 1, { dtype: "float64" }).reshape(shape);
          const expected = referenceSlice(x.toArray(), specs);
          const actual = slice(x, ...specs);
          expect(actual.toArray()).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("an integer index drops its axis and a missing entry keeps the axis whole", () => {
    const x = arange(12).reshape([3, 4]);
    expect(slice(x, 1).toArray()).toEqual([4, 5, 6, 7]);
    expect(slice(x, null, -1).toArray()).toEqual([3, 7, 11]);
    expect(slice(x, [null, null, -1], [1, 3]).toArray()).toEqual([[9, 10], [5, 6], [1, 2]]);
    expect(x.slice(2, 3).item()).toBe(11);
  });

  test("slicing does not change the tensor it reads from", () => {
    const x = arange(4);
    slice(x, [null, null, -1]);
    expect(x.toArray()).toEqual([0, 1, 2, 3]);
  });
});

describe("randomness", () => {
  test("the same seed or key gives the same numbers, and different keys different numbers", () => {
    const a = uniform(randomKey(42), [5]).toArray();
    expect(uniform(randomKey(42), [5]).toArray()).toEqual(a);
    expect(uniform(42, [5]).toArray()).toEqual(a);
    expect(uniform(randomKey(43), [5]).toArray()).not.toEqual(a);
    expect(normal(7, [4], { dtype: "float64" }).toArray()).toEqual(normal(7, [4], { dtype: "float64" }).toArray());
  });

  test("split keys are reproducible and independent of each other and of the parent", () => {
    const [k1, k2] = splitKey(randomKey(0), 2);
    const [j1, j2] = splitKey(randomKey(0), 2);
    expect(k1!.seed).toBe(j1!.seed);
    expect(k2!.seed).toBe(j2!.seed);
    expect(uniform(k1!, [4]).toArray()).not.toEqual(uniform(k2!, [4]).toArray());
    expect(uniform(k1!, [4]).toArray()).not.toEqual(uniform(randomKey(0), [4]).toArray());
    expect(splitKey(randomKey(0), 3).length).toBe(3);
  });

  test("a larger sample starts with the values of a smaller one from the same key", () => {
    expect((uniform(3, [6]).toArray() as number[]).slice(0, 3)).toEqual(uniform(3, [3]).toArray());
  });

  test("uniform samples lie in [low, high) and normal samples have about the requested mean and spread", () => {
    const u = uniform(1, [10000], { low: -2, high: 3, dtype: "float64" });
    expect(u.min().item()).toBeGreaterThanOrEqual(-2);
    expect(u.max().item()).toBeLessThan(3);
    expect(Math.abs(u.mean().item() - 0.5)).toBeLessThan(0.1);
    const z = normal(2, [10000], { mean: 1, std: 2, dtype: "float64" });
    expect(Math.abs(z.mean().item() - 1)).toBeLessThan(0.1);
    expect(Math.abs(z.sub(z.mean()).square().mean().sqrt().item() - 2)).toBeLessThan(0.1);
  });
});
