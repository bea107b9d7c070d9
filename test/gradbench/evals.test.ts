import { describe, expect, test } from "vitest";
import { tensor, type Tensor } from "../../src/index.js";
import { evals } from "../../bench/gradbench/evals/index.js";
import { missDistance } from "../../bench/gradbench/evals/particle.js";
import { saddleFunction } from "../../bench/gradbench/evals/saddle.js";
import { maximum, withGradient, type Mode } from "../../bench/gradbench/gradient-descent.js";

const modePairs = [["reverse", "reverse"], ["reverse", "forward"], ["forward", "reverse"], ["forward", "forward"]] as const satisfies readonly (readonly [Mode, Mode])[];

/** Runs one eval function once, as the protocol does, and returns its JSON output. */
function evaluate(module: string, name: string, input: unknown): any {
  const fn = evals[module]![name]!;
  return fn.output(fn.run(fn.prepare(input)));
}

/** A reproducible stream of numbers in [0, 1). */
function uniformNumbers(count: number, seed: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  });
}

function expectAllClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-9): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!), `element ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i]!))));
}

describe("llsq", () => {
  // An odd n puts t = 0 in the middle, where sign(t) must be 0.
  const n = 9;
  const x = [0.3, -0.7, 0.2, 0.9];
  const ts = Array.from({ length: n }, (_, i) => -1 + (i * 2) / (n - 1));
  const residuals = ts.map((t) => Math.sign(t) - x.reduce((s, xj, j) => s + xj * t ** j, 0));

  test("primal is half the sum of squared residuals", () => {
    expect(evaluate("llsq", "primal", { x, n })).toBeCloseTo(residuals.reduce((s, r) => s + r * r, 0) / 2, 12);
  });

  test("gradient is −Σ_i r_i t_i^j", () => {
    const expected = x.map((_, j) => -residuals.reduce((s, r, i) => s + r * ts[i]! ** j, 0));
    expectAllClose(evaluate("llsq", "gradient", { x, n }), expected);
  });
});

describe("lse", () => {
  const x = uniformNumbers(50, 1).map((v) => 30 * v);
  const max = Math.max(...x);
  const total = x.reduce((s, v) => s + Math.exp(v - max), 0);

  test("primal is the log of the sum of exponentials", () => {
    expect(evaluate("lse", "primal", { x })).toBeCloseTo(max + Math.log(total), 12);
  });

  test("gradient is softmax", () => {
    expectAllClose(evaluate("lse", "gradient", { x }), x.map((v) => Math.exp(v - max) / total));
  });
});

/** det and inverse by Gauss–Jordan elimination with partial pivoting. */
function determinantAndInverse(a: number[], n: number): { det: number; inverse: number[] } {
  const m = a.slice();
  const inv = Array.from({ length: n * n }, (_, i): number => (i % (n + 1) === 0 ? 1 : 0));
  let det = 1;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[pivot * n + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) {
        [m[c * n + k], m[pivot * n + k]] = [m[pivot * n + k]!, m[c * n + k]!];
        [inv[c * n + k], inv[pivot * n + k]] = [inv[pivot * n + k]!, inv[c * n + k]!];
      }
      det = -det;
    }
    const p = m[c * n + c]!;
    det *= p;
    for (let k = 0; k < n; k++) {
      m[c * n + k]! /= p;
      inv[c * n + k]! /= p;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c]!;
      for (let k = 0; k < n; k++) {
        m[r * n + k]! -= f * m[c * n + k]!;
        inv[r * n + k]! -= f * inv[c * n + k]!;
      }
    }
  }
  return { det, inverse: inv };
}

describe("det", () => {
  test.each([1, 2, 3, 6])("primal of a %i×%i matrix agrees with elimination", (ell) => {
    const A = uniformNumbers(ell * ell, ell);
    expect(evaluate("det", "primal", { A, ell })).toBeCloseTo(determinantAndInverse(A, ell).det, 12);
  });

  test.each([2, 5])("gradient of a %i×%i matrix is the cofactor matrix det(A)·A⁻ᵀ", (ell) => {
    const A = uniformNumbers(ell * ell, 10 + ell);
    const { det, inverse } = determinantAndInverse(A, ell);
    const cofactors = Array.from({ length: ell * ell }, (_, k) => det * inverse[(k % ell) * ell + Math.floor(k / ell)]!);
    expectAllClose(evaluate("det", "gradient", { A, ell }), cofactors);
  });

  test("refuses A of the wrong length", () => {
    expect(() => evals.det!.primal!.prepare({ A: [1, 2, 3], ell: 2 })).toThrow("det: expected A to hold ell² = 4 numbers, got 3.");
  });
});

/** The reference's RK4 loop in plain JavaScript. */
function odeByLoop(x: readonly number[], steps: number): number[] {
  const n = x.length;
  const h = 2 / steps;
  const f = (y: readonly number[]) => y.map((_, i) => (i === 0 ? x[0]! : x[i]! * y[i - 1]!));
  let y = new Array<number>(n).fill(0);
  for (let s = 0; s < steps; s++) {
    const k1 = f(y);
    const k2 = f(y.map((v, i) => v + (h * k1[i]!) / 2));
    const k3 = f(y.map((v, i) => v + (h * k2[i]!) / 2));
    const k4 = f(y.map((v, i) => v + h * k3[i]!));
    y = y.map((v, i) => v + (h * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!)) / 6);
  }
  return y;
}

describe("ode", () => {
  const x = uniformNumbers(6, 3);
  const s = 4;

  test("primal follows the reference's Runge–Kutta steps", () => {
    expectAllClose(evaluate("ode", "primal", { x, s }), odeByLoop(x, s), 1e-12);
  });

  test("gradient of the last element agrees with central differences", () => {
    const step = 1e-6;
    const expected = x.map((_, i) => {
      const up = x.slice();
      const down = x.slice();
      up[i]! += step;
      down[i]! -= step;
      return (odeByLoop(up, s).at(-1)! - odeByLoop(down, s).at(-1)!) / (2 * step);
    });
    expectAllClose(evaluate("ode", "gradient", { x, s }), expected, 1e-7);
  });
});

describe("kmeans", () => {
  const d = 3;
  const points = Array.from({ length: 40 }, (_, i) => uniformNumbers(d, 100 + i));
  const centroids = points.slice(-4);
  const nearest = points.map((p) => {
    const distances = centroids.map((c) => c.reduce((s, cj, j) => s + (p[j]! - cj) ** 2, 0));
    const best = Math.min(...distances);
    return { cluster: distances.indexOf(best), distance: best };
  });

  test("cost is the sum of squared distances to the nearest centroid", () => {
    expect(evaluate("kmeans", "cost", { points, centroids })).toBeCloseTo(nearest.reduce((s, a) => s + a.distance, 0), 12);
  });

  test("dir is each centroid minus the mean of its points", () => {
    const expected = centroids.map((c, j) => {
      const members = points.filter((_, i) => nearest[i]!.cluster === j);
      return c.map((cj, k) => cj - members.reduce((s, p) => s + p[k]!, 0) / members.length);
    });
    expectAllClose(evaluate("kmeans", "dir", { points, centroids }).flat(), expected.flat());
  });
});

/** The particle's miss distance by Euler steps, with the field −∇p written out by hand. */
function missByHand(w: number): number {
  const charges = [[10, 10 - w], [10, 0]] as const;
  let [x0, x1] = [0, 8];
  let [v0, v1] = [0.75, 0];
  for (;;) {
    let [a0, a1] = [0, 0];
    for (const [c0, c1] of charges) {
      const r3 = Math.hypot(x0 - c0, x1 - c1) ** 3;
      a0 += (x0 - c0) / r3; // −∂/∂x of 1/|x − c|
      a1 += (x1 - c1) / r3;
    }
    x0 += 0.1 * v0;
    x1 += 0.1 * v1;
    if (x1 <= 0) return (x0 - (x1 / v1) * v0) ** 2;
    v0 += 0.1 * a0;
    v1 += 0.1 * a1;
  }
}

describe("particle", () => {
  test.each(["forward", "reverse"] as const)("the simulation with a %s-mode field matches the hand-derived field", (inner) => {
    for (const w of [0, 0.2]) expect(missDistance(tensor([w], { dtype: "float64" }), inner).item()).toBeCloseTo(missByHand(w), 10);
  });

  test.each(modePairs)("the %s-over-%s derivative of the simulation agrees with central differences", (outer, inner) => {
    const objective = withGradient((w: Tensor) => missDistance(w, inner), outer);
    const step = 1e-6;
    const expected = (missByHand(0.1 + step) - missByHand(0.1 - step)) / (2 * step);
    expect(objective.gradient(tensor([0.1], { dtype: "float64" })).item()).toBeCloseTo(expected, 5);
  });

  // The full search repeats that derivative some eighty times; one variant keeps the test quick.
  test("the search finds the control the eval expects", () => {
    expect(Math.abs(evaluate("particle", "fr", { w: 0 }) - 0.2071918746486116)).toBeLessThan(1e-6);
  });
});

describe("saddle", () => {
  test.each(modePairs)("the %s-over-%s derivative of max_y f(x, y) through the inner search is 2x", (outer, inner) => {
    const start = tensor([1, 1], { dtype: "float64" });
    const objective = withGradient((x: Tensor) => maximum(withGradient((y: Tensor) => saddleFunction(x, y), inner), start), outer);
    expectAllClose(Array.from(objective.gradient(tensor([0.5, -0.25], { dtype: "float64" })).data()), [1, -0.5], 1e-12);
  });

  test("the search finds the saddle point near the origin the eval expects", () => {
    const point = evaluate("saddle", "rr", { start: [1, 1] }) as number[];
    expect(point).toHaveLength(4);
    for (const v of point) expect(Math.abs(v - 8.246e-6)).toBeLessThan(1e-7);
  });
});
