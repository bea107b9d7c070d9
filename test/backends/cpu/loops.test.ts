import { describe, expect, it } from "vitest";
import { unaryLoops, unaryScalar } from "../../../src/backends/cpu/unaryLoops.js";
import { binaryLoops, binaryScalar } from "../../../src/backends/cpu/binaryLoops.js";

// Lengths around the unroll factor (8) and its multiples, so the unrolled body and the tail both run.
const LENGTHS = [0, 1, 7, 8, 9, 15, 16, 17, 37];

function values(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 4 - 2; // in [-2, 2)
  });
}

const kinds = [
  { kind: "float32" as const, make: (v: number[]) => Float32Array.from(v) },
  { kind: "float64" as const, make: (v: number[]) => Float64Array.from(v) },
  { kind: "other" as const, make: (v: number[]) => Int32Array.from(v.map((x) => Math.round(x * 10))) },
];

function same(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(Array.from(actual)).toEqual(Array.from(expected));
}

describe("unary loops", () => {
  for (const [name, loops] of Object.entries(unaryLoops)) {
    it(`${name} computes its scalar function for every length and storage kind`, () => {
      for (const { kind, make } of kinds) {
        for (const n of LENGTHS) {
          const x = make(values(n, n + 1));
          const out = new (x.constructor as Float64ArrayConstructor)(n);
          loops[kind](x, out, n);
          const expected = new (x.constructor as Float64ArrayConstructor)(n);
          for (let i = 0; i < n; i++) expected[i] = unaryScalar[name]!(x[i]!);
          same(out, expected);
        }
      }
    });
  }
});

describe("binary loops", () => {
  for (const [name, loops] of Object.entries(binaryLoops)) {
    it(`${name} computes its scalar function for dense, scalar and repeated-block operands`, () => {
      const comparison = ["less", "lessEqual", "greater", "greaterEqual", "equal", "notEqual"].includes(name);
      for (const { kind, make } of kinds) {
        for (const n of LENGTHS) {
          const block = n % 3 === 0 && n > 0 ? 3 : n; // a period dividing n
          const cases: [number, number][] = [[n, n], [n, 1], [1, n], [n, block], [block, n]];
          for (const [pa, pb] of cases) {
            const x = make(values(pa, 2 * n + 3));
            const y = make(values(pb, 3 * n + 5));
            const Out = comparison ? Uint8Array : (x.constructor as Float64ArrayConstructor);
            const out = new Out(n);
            loops[kind](x, y, out, n, pa, pb);
            const expected = new Out(n);
            for (let i = 0; i < n; i++) expected[i] = binaryScalar[name]!(x[pa === n ? i : i % pa]!, y[pb === n ? i : i % pb]!);
            same(out, expected);
          }
        }
      }
    });
  }
});
