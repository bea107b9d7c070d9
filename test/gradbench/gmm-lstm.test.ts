/**
 * The GradBench gmm and lstm evals on tiny inputs: objectives against direct loops over the
 * definitions (PROTOCOL-NOTES / the reference's formulas), gradients against finite differences,
 * and the JSON shapes GradBench validates.
 */
import { describe, expect, test } from "vitest";
import { checkGrads, tensor, type Tensor } from "../../src/index.js";
import { factorIndices, gmm, gmmObjective, pairIndices, prepareGmm, type GmmData, type GmmInput, type GmmParameters } from "../../bench/gradbench/evals/gmm.js";
import { lstm, lstmObjective, type LstmData } from "../../bench/gradbench/evals/lstm.js";

/** A deterministic generator of numbers in [−1, 1). */
function numbers(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (2 * s) / 2147483648 - 1;
  };
}
const matrix = (rows: number, cols: number, next: () => number): number[][] => Array.from({ length: rows }, () => Array.from({ length: cols }, next));

/** log Γ(a) for a positive multiple of 1/2, from Γ(1/2) = √π, Γ(1) = 1 and Γ(a + 1) = aΓ(a). */
function logGammaHalfInteger(a: number): number {
  let value = Number.isInteger(a) ? 0 : Math.log(Math.sqrt(Math.PI));
  for (let x = Number.isInteger(a) ? 1 : 0.5; x < a; x++) value += Math.log(x);
  return value;
}

function logSumExp(values: number[]): number {
  const m = Math.max(...values);
  return m + Math.log(values.reduce((s, v) => s + Math.exp(v - m), 0));
}

/** A gmm input, exactly as GradBench sends it. */
type GmmCase = GmmInput;

function gmmCase(d: number, k: number, n: number, m: number, gamma: number): GmmCase {
  const next = numbers(d * 100 + k * 10 + n);
  return { d, k, n, x: matrix(n, d, next), m, gamma, alpha: matrix(1, k, next)[0]!, mu: matrix(k, d, next), q: matrix(k, d, next), l: matrix(k, (d * (d - 1)) / 2, next) };
}

/** The objective by loops over points, components and matrix entries, as the reference writes it. */
function gmmByLoops({ d, k, n, x, m, gamma, alpha, mu, q, l }: GmmCase): number {
  let loglik = -((n * d) / 2) * Math.log(2 * Math.PI) - n * logSumExp(alpha);
  for (let i = 0; i < n; i++) {
    const beta: number[] = [];
    for (let c = 0; c < k; c++) {
      // Q (x − μ) with Q lower triangular: diagonal exp(q), below it l column by column.
      const diff = x[i]!.map((v, j) => v - mu[c]![j]!);
      const y = diff.map((v, j) => Math.exp(q[c]![j]!) * v);
      let next = 0;
      for (let col = 0; col < d; col++) for (let row = col + 1; row < d; row++) y[row]! += l[c]![next++]! * diff[col]!;
      const squared = y.reduce((s, v) => s + v * v, 0);
      beta.push(alpha[c]! + q[c]!.reduce((s, v) => s + v, 0) - squared / 2);
    }
    loglik += logSumExp(beta);
  }
  const nu = d + m + 1;
  let multigamma = ((d * (d - 1)) / 4) * Math.log(Math.PI);
  for (let j = 1; j <= d; j++) multigamma += logGammaHalfInteger(nu / 2 + (1 - j) / 2);
  const constant = nu * d * (Math.log(gamma) - Math.log(2) / 2) - multigamma;
  let prior = k * constant;
  for (let c = 0; c < k; c++) {
    const frobenius = q[c]!.reduce((s, v) => s + Math.exp(2 * v), 0) + l[c]!.reduce((s, v) => s + v * v, 0);
    prior -= (gamma * gamma) / 2 * frobenius - m * q[c]!.reduce((s, v) => s + v, 0);
  }
  return loglik + prior;
}

describe("gmm", () => {
  test("places exp(q) on the diagonal and l below it column by column", () => {
    // d = 3: entries (1,0), (2,0), (2,1) take l[0], l[1], l[2]; the upper part takes the zero.
    expect(Array.from(factorIndices(3))).toEqual([0, 6, 6, 3, 1, 6, 4, 5, 2]);
  });

  test("indexes a band of rows like the same rows of the whole factor, cut after the band's last column", () => {
    const whole = factorIndices(5);
    const rows = [2, 3].flatMap((r) => Array.from(whole.subarray(r * 5, r * 5 + 4)));
    expect(Array.from(factorIndices(5, 2, 4))).toEqual(rows);
  });

  test("lists the pairs a ≤ b row by row, once each", () => {
    const { rows, columns } = pairIndices(3);
    expect(Array.from(rows)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(Array.from(columns)).toEqual([0, 1, 2, 1, 2, 2]);
  });

  test.each([
    [3, 2, 4, 0, 1],
    [20, 3, 5, 1, 1.3],
    [37, 2, 3, 0, 1],
  ])("objective by pairs and by bands both match the loops for d=%i, k=%i, n=%i, m=%i, gamma=%d", (d, k, n, m, gamma) => {
    const input = gmmCase(d, k, n, m, gamma);
    const expected = gmmByLoops(input);
    for (const way of ["pairs", "bands"] as const) {
      const { parameters, data } = prepareGmm(input, way);
      expect(Math.abs(gmmObjective(parameters, data).item() - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    }
  });

  test("objective by pairs keeps its accuracy when the data sit far from the origin", () => {
    // The expanded quadratic form would cancel terms of size |x|² ≈ 10⁸ without the centring.
    const input = gmmCase(6, 3, 5, 0, 1);
    const shift = (rows: number[][]) => rows.map((r) => r.map((v) => v + 1e4));
    const far = { ...input, x: shift(input.x), mu: shift(input.mu) };
    const expected = gmmByLoops(far);
    const { parameters, data } = prepareGmm(far, "pairs");
    expect(Math.abs(gmmObjective(parameters, data).item() - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  });

  test.each([
    [3, 2, 4, 0, 1],
    [4, 3, 5, 2, 1.7],
    [1, 2, 3, 1, 0.5],
    [20, 2, 3, 0, 1],
    [37, 2, 2, 1, 1],
  ])("objective for d=%i, k=%i, n=%i, m=%i, gamma=%d matches the loops over its definition", (d, k, n, m, gamma) => {
    const input = gmmCase(d, k, n, m, gamma);
    const expected = gmmByLoops(input);
    const actual = gmm.objective!.output(gmm.objective!.run(gmm.objective!.prepare(input))) as number;
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  });

  test("jacobian matches finite differences and has the input's key names and nesting", () => {
    // d = 18 by bands has two bands of rows (16 and 2).
    for (const way of ["pairs", "bands"] as const) {
      const wider = prepareGmm(gmmCase(18, 2, 3, 0, 1), way);
      checkGrads((p: GmmParameters) => gmmObjective(p, wider.data), [wider.parameters], { order: 1, seed: 2 });
    }
    const input = gmmCase(3, 2, 4, 1, 1.2);
    const { parameters, data } = gmm.jacobian!.prepare(input) as { parameters: GmmParameters; data: GmmData };
    checkGrads((p: GmmParameters) => gmmObjective(p, data), [parameters], { order: 1, seed: 3 });
    const out = gmm.jacobian!.output(gmm.jacobian!.run(gmm.jacobian!.prepare(input))) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(["alpha", "l", "mu", "q"]);
    expect((out.alpha as number[]).length).toBe(2);
    expect((out.mu as number[][]).map((r) => r.length)).toEqual([3, 3]);
    expect((out.q as number[][]).map((r) => r.length)).toEqual([3, 3]);
    expect((out.l as number[][]).map((r) => r.length)).toEqual([3, 3]);
  });
});

interface LstmCase {
  main_params: number[][];
  extra_params: number[][];
  state: number[][];
  sequence: number[][];
}

function lstmCase(layers: number, b: number, c: number): LstmCase {
  const next = numbers(layers * 1000 + b * 10 + c);
  return {
    main_params: matrix(2 * layers, 4 * b, next),
    extra_params: matrix(3, b, next),
    state: matrix(2 * layers, b, next),
    sequence: matrix(c, b, () => (next() > 0 ? 1 : 0)),
  };
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** The loss by loops over characters, layers and bits, as the reference writes it. */
function lstmByLoops({ main_params: main, extra_params: extra, state, sequence }: LstmCase): number {
  const layers = main.length / 2;
  const b = extra[0]!.length;
  const hidden = Array.from({ length: layers }, (_, i) => state[2 * i]!.slice());
  const cells = Array.from({ length: layers }, (_, i) => state[2 * i + 1]!.slice());
  let total = 0;
  for (let t = 0; t < sequence.length - 1; t++) {
    let input = sequence[t]!.map((v, j) => v * extra[0]![j]!);
    for (let i = 0; i < layers; i++) {
      const w = main[2 * i]!;
      const bias = main[2 * i + 1]!;
      const out: number[] = [];
      for (let j = 0; j < b; j++) {
        const forget = sigmoid(input[j]! * w[j]! + bias[j]!);
        const ingate = sigmoid(hidden[i]![j]! * w[b + j]! + bias[b + j]!);
        const outgate = sigmoid(input[j]! * w[2 * b + j]! + bias[2 * b + j]!);
        const change = Math.tanh(hidden[i]![j]! * w[3 * b + j]! + bias[3 * b + j]!);
        cells[i]![j] = cells[i]![j]! * forget + ingate * change;
        out.push(outgate * Math.tanh(cells[i]![j]!));
      }
      hidden[i] = out;
      input = out;
    }
    const prediction = input.map((v, j) => v * extra[1]![j]! + extra[2]![j]!);
    const lse = Math.log(prediction.reduce((s, v) => s + Math.exp(v), 0) + 2);
    for (let j = 0; j < b; j++) total += sequence[t + 1]![j]! * (prediction[j]! - lse);
  }
  return -total / ((sequence.length - 1) * b);
}

describe("lstm", () => {
  test.each([
    [1, 3, 2],
    [2, 3, 5],
    [3, 7, 6],
  ])("objective for l=%i, b=%i, c=%i matches the loops over its definition", (layers, b, c) => {
    const input = lstmCase(layers, b, c);
    const expected = lstmByLoops(input);
    const actual = lstm.objective!.output(lstm.objective!.run(lstm.objective!.prepare(input))) as number;
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-13);
  });

  test("jacobian matches finite differences and lists main_params then extra_params row by row", () => {
    const input = lstmCase(2, 3, 5);
    const { mainParams, extraParams, data } = lstm.jacobian!.prepare(input) as { mainParams: Tensor; extraParams: Tensor; data: LstmData };
    checkGrads((main: Tensor, extra: Tensor) => lstmObjective(main, extra, data), [mainParams, extraParams], { order: 1, seed: 5 });
    const out = lstm.jacobian!.output(lstm.jacobian!.run(lstm.jacobian!.prepare(input))) as number[];
    expect(out.length).toBe(8 * 2 * 3 + 3 * 3);
    // Spot-check one entry of each part by a central difference of the loop version.
    for (const [row, col, index] of [[1, 4, 16], [3, 11, 3 * 12 + 11]] as const) {
      const plus = structuredClone(input);
      const minus = structuredClone(input);
      plus.main_params[row]![col]! += 1e-6;
      minus.main_params[row]![col]! -= 1e-6;
      expect(out[index]!).toBeCloseTo((lstmByLoops(plus) - lstmByLoops(minus)) / 2e-6, 7);
    }
    const plus = structuredClone(input);
    const minus = structuredClone(input);
    plus.extra_params[2]![1]! += 1e-6;
    minus.extra_params[2]![1]! -= 1e-6;
    expect(out[48 + 2 * 3 + 1]!).toBeCloseTo((lstmByLoops(plus) - lstmByLoops(minus)) / 2e-6, 7);
  });

  test("rejects a sequence of fewer than two characters", () => {
    const input = lstmCase(1, 3, 2);
    input.sequence = input.sequence.slice(0, 1);
    expect(() => lstm.objective!.prepare(input)).toThrow("lstm: expected a sequence of at least 2 rows of 3 bits, got [1, 3].");
  });
});
