import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { matmulKernel, type FloatArray } from "../../../src/backends/cpu/matmul.js";

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;

/** Deterministic pseudo-random fill in [-1, 1). */
function randomArray(Ctor: Ctor, size: number, seed: number): FloatArray {
  const out = new Ctor(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2147483648 - 1;
  }
  return out;
}

interface Problem {
  batch: number;
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  aOffset: number;
  bOffset: number;
  aBroadcast: boolean;
  bBroadcast: boolean;
}

/** Naive float64 reference: returns [batch, m, n] and also Σ|a·b| per element for error bounds. */
function reference(a: FloatArray, b: FloatArray, p: Problem): { value: Float64Array; mag: Float64Array } {
  const { batch, m, k, n, transA, transB } = p;
  const aStride = p.aBroadcast ? 0 : m * k;
  const bStride = p.bBroadcast ? 0 : k * n;
  const value = new Float64Array(batch * m * n);
  const mag = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const ao = p.aOffset + t * aStride;
    const bo = p.bOffset + t * bStride;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0, g = 0;
        for (let q = 0; q < k; q++) {
          const av = a[ao + (transA ? q * m + i : i * k + q)]!;
          const bv = b[bo + (transB ? j * k + q : q * n + j)]!;
          s += av * bv;
          g += Math.abs(av * bv);
        }
        value[(t * m + i) * n + j] = s;
        mag[(t * m + i) * n + j] = g;
      }
    }
  }
  return { value, mag };
}

function check(p: Problem, Ctor: Ctor, seed = 1): void {
  const { batch, m, k, n } = p;
  const aCount = p.aBroadcast ? 1 : batch;
  const bCount = p.bBroadcast ? 1 : batch;
  const a = randomArray(Ctor, p.aOffset + aCount * m * k + 3, seed);
  const b = randomArray(Ctor, p.bOffset + bCount * k * n + 3, seed + 7);
  const out = new Ctor(batch * m * n).fill(Number.NaN);
  matmulKernel(
    a, p.aOffset, p.aBroadcast ? 0 : m * k, p.transA,
    b, p.bOffset, p.bBroadcast ? 0 : k * n, p.transB,
    out, batch, m, k, n,
  );
  const { value, mag } = reference(a, b, p);
  // Sums accumulate in double precision in any order (error ≤ (k+2)·2⁻⁵²·Σ|a·b|); float32 output
  // adds one final rounding (≤ 2⁻²⁴ relative, plus the float32 subnormal spacing).
  const round = Ctor === Float32Array ? 2 ** -23 : 2 ** -52;
  const floor = Ctor === Float32Array ? 2 ** -149 : 0;
  for (let i = 0; i < value.length; i++) {
    const got = out[i]!;
    const tol = round * Math.abs(value[i]!) + (k + 2) * 2 ** -52 * mag[i]! + floor;
    if (!(Math.abs(got - value[i]!) <= tol)) {
      throw new Error(
        `mismatch at ${i} for ${JSON.stringify(p)} ${Ctor.name}: got ${got}, want ${value[i]} (tol ${tol})`,
      );
    }
  }
}

const combos = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;
const ctors: Ctor[] = [Float32Array, Float64Array];

function base(over: Partial<Problem>): Problem {
  return {
    batch: 1, m: 1, k: 1, n: 1, transA: false, transB: false,
    aOffset: 0, bOffset: 0, aBroadcast: false, bBroadcast: false, ...over,
  };
}

describe("matmulKernel", () => {
  for (const Ctor of ctors) {
    for (const [transA, transB] of combos) {
      const tag = `${Ctor.name} ${transA ? "Aᵀ" : "A"}·${transB ? "Bᵀ" : "B"}`;

      it(`${tag}: fixed shapes (tiny, vector, tile edges, blocked)`, () => {
        const shapes: [number, number, number][] = [
          [1, 1, 1], [4, 4, 4], [2, 3, 5], [1, 7, 9], [9, 7, 1], [1, 1, 13], [13, 1, 1],
          [5, 1, 6], [1, 300, 1], [17, 19, 23], [64, 64, 64], [33, 65, 31], [3, 300, 70],
          [70, 513, 9], [128, 40, 5], [6, 260, 6], [1, 600, 37], [41, 600, 1],
        ];
        for (const [m, k, n] of shapes) check(base({ m, k, n, transA, transB }), Ctor);
      });

      it(`${tag}: k = 0 writes zeros, empty sizes are no-ops`, () => {
        const out = new Ctor(2 * 3 * 4).fill(5);
        matmulKernel(new Ctor(0), 0, 0, transA, new Ctor(0), 0, 0, transB, out, 2, 3, 0, 4);
        expect(Array.from(out)).toEqual(new Array(24).fill(0));
        for (const [batch, m, k, n] of [[0, 3, 2, 4], [2, 0, 2, 4], [2, 3, 2, 0], [0, 0, 0, 0]]) {
          const o = new Ctor(1).fill(7);
          const a = randomArray(Ctor, 24, 3), b = randomArray(Ctor, 24, 4);
          matmulKernel(a, 0, m! * k!, transA, b, 0, k! * n!, transB, o, batch!, m!, k!, n!);
          expect(o[0]).toBe(7);
        }
      });

      it(`${tag}: batches with offsets and broadcasting`, () => {
        for (const [m, k, n] of [[3, 4, 5], [1, 9, 8], [8, 9, 1], [20, 30, 17], [40, 70, 40]] as const) {
          for (const [aB, bB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
            check(base({ batch: 3, m, k, n, transA, transB, aOffset: 5, bOffset: 2, aBroadcast: aB, bBroadcast: bB }), Ctor);
          }
        }
      });

      it(`${tag}: random shapes (fast-check)`, () => {
        fc.assert(
          fc.property(
            fc.record({
              batch: fc.integer({ min: 0, max: 3 }),
              m: fc.integer({ min: 0, max: 40 }),
              k: fc.integer({ min: 0, max: 40 }),
              n: fc.integer({ min: 0, max: 40 }),
              aOffset: fc.integer({ min: 0, max: 5 }),
              bOffset: fc.integer({ min: 0, max: 5 }),
              aBroadcast: fc.boolean(),
              bBroadcast: fc.boolean(),
              seed: fc.integer({ min: 1, max: 1 << 30 }),
            }),
            ({ seed, ...rest }) => {
              check({ ...rest, transA, transB }, Ctor, seed);
            },
          ),
          { numRuns: 60 },
        );
      });
    }

    it(`${Ctor.name}: large blocked shapes cross every block boundary`, () => {
      for (const [transA, transB] of combos) {
        check(base({ m: 67, k: 530, n: 1030, transA, transB }), Ctor);
        check(base({ m: 9, k: 260, n: 1031, transA, transB }), Ctor);
        check(base({ m: 13, k: 7, n: 2053, transA, transB }), Ctor);
      }
    });
  }

  it("float32 output is the float32 rounding of an exactly summed product", () => {
    // Integers: exact in double, so the result must equal the exact sum.
    const a = Float32Array.from({ length: 6 * 5 }, (_, i) => (i % 7) - 3);
    const b = Float32Array.from({ length: 5 * 4 }, (_, i) => (i % 5) - 2);
    const out = new Float32Array(6 * 4);
    matmulKernel(a, 0, 0, false, b, 0, 0, false, out, 1, 6, 5, 4);
    const ref = reference(a, b, base({ m: 6, k: 5, n: 4 }));
    expect(Array.from(out)).toEqual(Array.from(ref.value));
  });

  it("leaves out untouched beyond batch·m·n", () => {
    const out = new Float64Array(2 * 2 * 2 + 3).fill(9);
    const a = randomArray(Float64Array, 8, 1), b = randomArray(Float64Array, 8, 2);
    matmulKernel(a, 0, 4, false, b, 0, 4, false, out, 2, 2, 2, 2);
    expect(Array.from(out.subarray(8))).toEqual([9, 9, 9]);
  });
});
