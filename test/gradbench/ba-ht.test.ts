/**
 * The GradBench bundle adjustment and hand tracking evals on small synthetic inputs: objectives
 * against plain JavaScript evaluations of the reference formulas, Jacobians against central finite
 * differences of those evaluations.
 */
import { describe, expect, test } from "vitest";
import { grad, tensor, type Tensor } from "../../src/index.js";
import { OBSERVATION_BLOCK, ba, baJacobian, prepareBa, reprojectionError, type BaInput, type BaProblem } from "../../bench/gradbench/evals/ba.js";
import { POINT_BLOCK, ht, handErrors, handJacobian, prepareHt, type HtInput } from "../../bench/gradbench/evals/ht.js";

/** A deterministic generator of numbers in [lo, hi) (a linear congruential sequence). */
function numbers(seed: number) {
  let state = seed >>> 0;
  return (lo = -1, hi = 1) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return lo + ((hi - lo) * state) / 2 ** 32;
  };
}

/** Central difference of each output of `f` along coordinate k of x. */
function finiteDifference(f: (x: number[]) => number[], x: number[], k: number, h = 1e-6): number[] {
  const plus = x.slice();
  const minus = x.slice();
  plus[k]! += h;
  minus[k]! -= h;
  const a = f(plus);
  const b = f(minus);
  return a.map((v, i) => (v - b[i]!) / (2 * h));
}

function expectClose(actual: number, expected: number, tolerance: number, where: string): void {
  if (!(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${where}: expected ${expected}, got ${actual}`);
  }
}

// ---------------------------------------------------------------- bundle adjustment

/** The reprojection error of one observation, straight from the formula (ADBench's ba). */
function reprojectionReference(cam: number[], X: number[], w: number, feat: number[]): number[] {
  const r = cam.slice(0, 3);
  const xo = [0, 1, 2].map((k) => X[k]! - cam[3 + k]!);
  const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
  const sq = r[0]! ** 2 + r[1]! ** 2 + r[2]! ** 2;
  let xc: number[];
  if (sq !== 0) {
    const theta = Math.sqrt(sq);
    const u = r.map((v) => v / theta);
    const uxX = cross(u, xo);
    const along = (u[0]! * xo[0]! + u[1]! * xo[1]! + u[2]! * xo[2]!) * (1 - Math.cos(theta));
    xc = [0, 1, 2].map((k) => xo[k]! * Math.cos(theta) + uxX[k]! * Math.sin(theta) + u[k]! * along);
  } else {
    const rxX = cross(r, xo);
    xc = [0, 1, 2].map((k) => xo[k]! + rxX[k]!);
  }
  const p = [xc[0]! / xc[2]!, xc[1]! / xc[2]!];
  const rsq = p[0]! ** 2 + p[1]! ** 2;
  const L = 1 + cam[9]! * rsq + cam[10]! * rsq * rsq;
  return [0, 1].map((k) => w * (p[k]! * L * cam[6]! + cam[7 + k]! - feat[k]!));
}

/** A problem whose cameras, points, weights and features all differ; camera 1 has no rotation. */
function syntheticBa(n: number, m: number, p: number) {
  const next = numbers(7);
  const cams = Array.from({ length: n }, (_, c) => [
    ...(c === 1 ? [0, 0, 0] : [next(-0.5, 0.5), next(-0.5, 0.5), next(-0.5, 0.5)]),
    next(-1, 1), next(-1, 1), next(-6, -4), // centre behind the points along z
    next(400, 600), next(-5, 5), next(-5, 5), next(-1e-3, 1e-3), next(-1e-6, 1e-6),
  ]);
  const points = Array.from({ length: m }, () => [next(-1, 1), next(-1, 1), next(1, 3)]);
  const weights = Array.from({ length: p }, () => next(0.5, 1.5));
  const feats = Array.from({ length: p }, () => [next(-50, 50), next(-50, 50)]);
  const cameraOf = Array.from({ length: p }, () => Math.floor(next(0, n)));
  const pointOf = Array.from({ length: p }, () => Math.floor(next(0, m)));
  const problem: BaProblem = {
    n,
    m,
    p,
    cameras: tensor(cams, { dtype: "float64" }),
    points: tensor(points, { dtype: "float64" }),
    weights: tensor(weights, { dtype: "float64" }),
    features: tensor(feats, { dtype: "float64" }),
    cameraIndex: tensor(cameraOf, { dtype: "int32" }),
    pointIndex: tensor(pointOf, { dtype: "int32" }),
  };
  return { cams, points, weights, feats, cameraOf, pointOf, problem };
}

describe("ba", () => {
  const s = syntheticBa(3, 4, 9);

  test("the objective equals the formula for every observation, including one without rotation", () => {
    const result = ba.objective!.run(s.problem) as { reprojection: Tensor; weight: Tensor };
    const errors = result.reprojection.toArray() as number[][];
    const weightErrors = result.weight.toArray() as number[];
    expect(s.cameraOf).toContain(1);
    for (let i = 0; i < s.problem.p; i++) {
      const expected = reprojectionReference(s.cams[s.cameraOf[i]!]!, s.points[s.pointOf[i]!]!, s.weights[i]!, s.feats[i]!);
      expected.forEach((e, k) => expectClose(errors[k]![i]!, e, 1e-12, `observation ${i} error ${k}`));
      expectClose(weightErrors[i]!, 1 - s.weights[i]! ** 2, 1e-14, `weight error ${i}`);
    }
  });

  test("the CSR Jacobian has the reference layout and finite-difference values", () => {
    const { n, m, p } = s.problem;
    const { rows, cols, vals } = baJacobian(s.problem);
    const rowOffsets = rows.toArray() as number[];
    const columns = cols.toArray() as number[];
    const values = vals.toArray() as number[];
    expect(rowOffsets).toEqual([...Array.from({ length: 2 * p + 1 }, (_, r) => 15 * r), ...Array.from({ length: p }, (_, i) => 30 * p + i + 1)]);
    expect(columns.length).toBe(31 * p);
    for (let i = 0; i < p; i++) {
      const cam = s.cams[s.cameraOf[i]!]!;
      const X = s.points[s.pointOf[i]!]!;
      const inputs = [...cam, ...X, s.weights[i]!];
      const f = (x: number[]) => reprojectionReference(x.slice(0, 11), x.slice(11, 14), x[14]!, s.feats[i]!);
      const expectedColumns = [
        ...Array.from({ length: 11 }, (_, k) => 11 * s.cameraOf[i]! + k),
        ...Array.from({ length: 3 }, (_, k) => 11 * n + 3 * s.pointOf[i]! + k),
        11 * n + 3 * m + i,
      ];
      for (let k = 0; k < 15; k++) {
        const derivative = finiteDifference(f, inputs, k, 1e-6 * Math.max(1, Math.abs(inputs[k]!)));
        for (let row = 0; row < 2; row++) {
          const entry = 30 * i + 15 * row + k;
          expect(columns[entry]).toBe(expectedColumns[k]);
          expectClose(values[entry]!, derivative[row]!, 1e-5, `observation ${i} row ${row} column ${k}`);
        }
      }
      expect(columns[30 * p + i]).toBe(11 * n + 3 * m + i);
      expectClose(values[30 * p + i]!, -2 * s.weights[i]!, 1e-14, `weight row ${i}`);
    }
  });

  test("observations on both sides of a block boundary get their own values", () => {
    const big = syntheticBa(5, 7, OBSERVATION_BLOCK + 3);
    const { n, m, p } = big.problem;
    const errors = (ba.objective!.run(big.problem) as { reprojection: Tensor }).reprojection;
    const { cols, vals } = baJacobian(big.problem);
    expect(errors.shape).toEqual([2, p]);
    expect(vals.shape).toEqual([31 * p]);
    for (const i of [0, OBSERVATION_BLOCK - 1, OBSERVATION_BLOCK, p - 1]) {
      const cam = big.cams[big.cameraOf[i]!]!;
      const X = big.points[big.pointOf[i]!]!;
      const expected = reprojectionReference(cam, X, big.weights[i]!, big.feats[i]!);
      expected.forEach((e, k) => expectClose(errors.slice(k, i).item(), e, 1e-12, `observation ${i} error ${k}`));
      const inputs = [...cam, ...X, big.weights[i]!];
      const f = (x: number[]) => reprojectionReference(x.slice(0, 11), x.slice(11, 14), x[14]!, big.feats[i]!);
      for (let k = 0; k < 15; k++) {
        const derivative = finiteDifference(f, inputs, k, 1e-6 * Math.max(1, Math.abs(inputs[k]!)));
        for (let row = 0; row < 2; row++) {
          const entry = 30 * i + 15 * row + k;
          expectClose(vals.slice(entry).item(), derivative[row]!, 1e-5, `observation ${i} row ${row} column ${k}`);
        }
      }
      expect(cols.slice(30 * i + 14).item()).toBe(11 * n + 3 * m + i);
    }
  });

  test("reverse mode through a camera without rotation stays finite", () => {
    const camera = tensor([0, 0, 0, 0.1, -0.2, -5, 500, 1, 2, 1e-4, 1e-7], { dtype: "float64" });
    const point = tensor([0.3, -0.4, 2], { dtype: "float64" });
    const feature = tensor([3, -4], { dtype: "float64" });
    const g = grad((c: Tensor) => reprojectionError(c, point, tensor(1, { dtype: "float64" }), feature).sum())(camera) as Tensor;
    const values = g.toArray() as number[];
    expect(values.every(Number.isFinite)).toBe(true);
    const f = (x: number[]) => [reprojectionReference(x, [0.3, -0.4, 2], 1, [3, -4]).reduce((a, b) => a + b, 0)];
    values.forEach((v, k) => expectClose(v, finiteDifference(f, camera.toArray() as number[], k, 1e-7)[0]!, 1e-5, `camera ${k}`));
  });

  test("the module replicates its input and truncates the CSR arrays to the first 30 entries and the last", () => {
    const input: BaInput = { n: 2, m: 3, p: 16, cam: syntheticBa(1, 1, 1).cams[0]!, x: [0.2, 0.1, 2], w: 0.9, feat: [1, 2] };
    const problem = prepareBa(input);
    expect(problem.cameraIndex.toArray()).toEqual(Array.from({ length: 16 }, (_, i) => i % 2));
    expect(problem.pointIndex.toArray()).toEqual(Array.from({ length: 16 }, (_, i) => i % 3));
    const out = ba.jacobian!.output(ba.jacobian!.run(problem)) as { rows: number[]; cols: number[]; vals: number[] };
    expect(out.rows).toEqual([...Array.from({ length: 30 }, (_, r) => 15 * r), 31 * 16]);
    expect(out.cols.slice(0, 15)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 22, 23, 24, 31]);
    expect(out.cols.slice(15, 30)).toEqual(out.cols.slice(0, 15));
    expect(out.cols[30]).toBe(22 + 9 + 15);
    expectClose(out.vals[30]!, -1.8, 1e-14, "last weight row");
    const objective = ba.objective!.output(ba.objective!.run(problem)) as { reproj_error: { elements: number[]; repeated: number }; w_err: { element: number; repeated: number } };
    const expected = reprojectionReference(input.cam, input.x, input.w, input.feat);
    objective.reproj_error.elements.forEach((e, k) => expectClose(e, expected[k]!, 1e-12, `error ${k}`));
    expect(objective.reproj_error.repeated).toBe(16);
    expect(objective.w_err.repeated).toBe(16);
    expectClose(objective.w_err.element, 1 - 0.81, 1e-14, "weight error");
  });

  test("a malformed input is refused with the field named", () => {
    expect(() => prepareBa({ n: 2, m: 3, p: 0, cam: [], x: [], w: 1, feat: [] })).toThrow("ba: expected p to be a positive integer, got 0.");
  });
});

// ---------------------------------------------------------------- hand tracking

type Matrix = number[][];
const matmul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const identity = (n: number): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

/** The hand errors straight from ADBench's reference formulas, one matrix at a time. */
function handReference(theta: number[], us: number[][], input: HtInput): number[] {
  const model = input.data.model;
  const bones = model.parents.length;
  const pose: number[][] = Array.from({ length: bones + 3 }, () => [0, 0, 0]);
  pose[0] = theta.slice(0, 3);
  pose[1] = [1, 1, 1];
  pose[2] = theta.slice(3, 6);
  let next = 6;
  let column = 5;
  for (let finger = 0; finger < 5; finger++) {
    for (let joint = 2; joint <= 4; joint++) {
      const values = joint === 2 ? [theta[next]!, theta[next + 1]!] : [theta[next]!];
      if (column < bones + 3) values.forEach((v, r) => (pose[column]![r] = v));
      next += values.length;
      column++;
    }
    column++;
  }
  const absolutes: Matrix[] = [];
  const transforms: Matrix[] = [];
  for (let b = 0; b < bones; b++) {
    const [tx, tz, ty] = pose[b + 3]!;
    const rx = [[1, 0, 0], [0, Math.cos(tx!), -Math.sin(tx!)], [0, Math.sin(tx!), Math.cos(tx!)]];
    const ry = [[Math.cos(ty!), 0, Math.sin(ty!)], [0, 1, 0], [-Math.sin(ty!), 0, Math.cos(ty!)]];
    const rz = [[Math.cos(tz!), -Math.sin(tz!), 0], [Math.sin(tz!), Math.cos(tz!), 0], [0, 0, 1]];
    const r = matmul(matmul(rz, ry), rx);
    const homogeneous = identity(4);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) homogeneous[i]![j] = r[i]![j]!;
    const relative = matmul(model.base_relatives[b]!, homogeneous);
    absolutes[b] = model.parents[b]! < 0 ? relative : matmul(absolutes[model.parents[b]!]!, relative);
    transforms[b] = matmul(absolutes[b]!, model.inverse_base_absolutes[b]!);
  }
  const positions = model.base_positions.map((base, v) => {
    const out = [0, 0, 0];
    for (let b = 0; b < bones; b++) {
      const moved = matmul(transforms[b]!, base.map((x) => [x]));
      for (let i = 0; i < 3; i++) out[i]! += model.weights[v]![b]! * moved[i]![0]!;
    }
    if (model.is_mirrored) out[0] = -out[0]!;
    return out;
  });
  const r = pose[0]!;
  const norm = Math.hypot(r[0]!, r[1]!, r[2]!);
  let rotation = identity(3);
  if (norm >= 1e-4) {
    const [x, y, z] = r.map((v) => v / norm) as [number, number, number];
    const s = Math.sin(norm);
    const c = Math.cos(norm);
    rotation = [
      [x * x + (1 - x * x) * c, x * y * (1 - c) - z * s, x * z * (1 - c) + y * s],
      [x * y * (1 - c) + z * s, y * y + (1 - y * y) * c, y * z * (1 - c) - x * s],
      [x * z * (1 - c) - y * s, z * y * (1 - c) + x * s, z * z + (1 - z * z) * c],
    ];
  }
  const posed = positions.map((p) => [0, 1, 2].map((i) => rotation[i]!.reduce((s, v, k) => s + v * pose[1]![k]! * p[k]!, 0) + pose[2]![i]!));
  const errors: number[] = [];
  input.data.correspondences.forEach((c, i) => {
    for (let j = 0; j < 3; j++) {
      let target: number;
      if (us.length === 0) target = posed[c]![j]!;
      else {
        const [a, b, d] = model.triangles[c]!;
        const [u0, u1] = us[i]!;
        target = u0! * posed[a!]![j]! + u1! * posed[b!]![j]! + (1 - u0! - u1!) * posed[d!]![j]!;
      }
      errors.push(input.data.points[i]![j]! - target);
    }
  });
  return errors;
}

/** Five bones (a root, a palm bone, and one three-joint finger), seven vertices, four triangles, five points. */
function syntheticHand(options: { mirrored?: boolean; simple?: boolean; noGlobalRotation?: boolean; pointCount?: number } = {}): HtInput {
  const next = numbers(11);
  const parents = [-1, 0, 1, 2, 3];
  const rigid = (): Matrix => {
    const a = next(-1, 1), b = next(-1, 1), c = next(-1, 1);
    const rx = [[1, 0, 0], [0, Math.cos(a), -Math.sin(a)], [0, Math.sin(a), Math.cos(a)]];
    const rz = [[Math.cos(b), -Math.sin(b), 0], [Math.sin(b), Math.cos(b), 0], [0, 0, 1]];
    const r = matmul(rz, rx);
    return [[...r[0]!, next()], [...r[1]!, next()], [...r[2]!, c], [0, 0, 0, 1]];
  };
  const vertices = 7;
  const weights = Array.from({ length: vertices }, () => {
    const raw = parents.map(() => next(0, 1));
    const total = raw.reduce((a, b) => a + b, 0);
    return raw.map((w) => w / total);
  });
  const triangles = [[0, 1, 2], [2, 3, 4], [4, 5, 6], [6, 0, 3]];
  const correspondences =
    options.pointCount !== undefined
      ? Array.from({ length: options.pointCount }, (_, i) => (i * 7) % (options.simple ? vertices : triangles.length))
      : options.simple ? [0, 3, 6, 2, 5] : [0, 1, 2, 3, 1];
  const theta = Array.from({ length: 26 }, () => next(-0.8, 0.8));
  if (options.noGlobalRotation) theta.splice(0, 3, 0, 0, 0);
  return {
    theta,
    us: options.simple ? [] : correspondences.map(() => [next(0, 0.5), next(0, 0.5)]),
    data: {
      model: {
        bone_count: parents.length,
        bone_names: parents.map((_, b) => `bone${b}`),
        parents,
        base_relatives: parents.map(rigid),
        inverse_base_absolutes: parents.map(rigid),
        base_positions: Array.from({ length: vertices }, () => [next(), next(), next(), 1]),
        weights,
        triangles,
        is_mirrored: options.mirrored ?? false,
      },
      correspondences,
      points: correspondences.map(() => [next(), next(), next()]),
    },
  };
}

describe("ht", () => {
  const variants = [
    ["complicated", syntheticHand()],
    ["mirrored", syntheticHand({ mirrored: true })],
    ["simple", syntheticHand({ simple: true })],
    ["unrotated", syntheticHand({ noGlobalRotation: true })],
  ] as const;

  for (const [name, input] of variants) {
    test(`the ${name} objective equals the reference formulas`, () => {
      const out = ht.objective!.output(ht.objective!.run(prepareHt(input))) as number[];
      const expected = handReference(input.theta, input.us, input);
      expect(out.length).toBe(15);
      out.forEach((v, k) => expectClose(v, expected[k]!, 1e-12, `error ${k}`));
    });

    test(`the ${name} Jacobian matches finite differences in us and theta`, () => {
      const jac = ht.jacobian!.output(ht.jacobian!.run(prepareHt(input))) as number[][];
      const complicated = input.us.length > 0;
      expect(jac.length).toBe(15);
      expect(jac[0]!.length).toBe(complicated ? 28 : 26);
      const offset = complicated ? 2 : 0;
      for (let k = 0; k < 26; k++) {
        // The unrotated hand sits on the reference's identity branch, whose derivative in theta 0-2 is 0.
        const derivative = name === "unrotated" && k < 3 ? new Array(15).fill(0) : finiteDifference((t) => handReference(t, input.us, input), input.theta, k);
        derivative.forEach((d, row) => expectClose(jac[row]![offset + k]!, d, 1e-6, `row ${row} theta ${k}`));
      }
      if (complicated) {
        for (let point = 0; point < input.us.length; point++) {
          for (let c = 0; c < 2; c++) {
            const flat = input.us.flat();
            const derivative = finiteDifference((u) => handReference(input.theta, input.us.map((_, i) => [u[2 * i]!, u[2 * i + 1]!]), input), flat, 2 * point + c);
            derivative.forEach((d, row) => expectClose(jac[row]![c]!, Math.floor(row / 3) === point ? d : jac[row]![c]!, 1e-6, `row ${row} us ${c}`));
            // Rows of other points do not depend on this point's us.
            derivative.forEach((d, row) => {
              if (Math.floor(row / 3) !== point) expect(Math.abs(d)).toBeLessThan(1e-9);
            });
          }
        }
      }
    });
  }

  test("points on both sides of a block boundary get their own Jacobian rows", () => {
    const input = syntheticHand({ pointCount: POINT_BLOCK + 3 });
    const jac = handJacobian(prepareHt(input));
    expect(jac.shape).toEqual([3 * (POINT_BLOCK + 3), 28]);
    const rows = [0, POINT_BLOCK - 1, POINT_BLOCK, POINT_BLOCK + 2].flatMap((point) => [3 * point, 3 * point + 1, 3 * point + 2]);
    for (let k = 0; k < 26; k++) {
      const derivative = finiteDifference((t) => handReference(t, input.us, input), input.theta, k);
      for (const row of rows) expectClose(jac.slice(row, 2 + k).item(), derivative[row]!, 1e-6, `row ${row} theta ${k}`);
    }
    for (const point of [POINT_BLOCK - 1, POINT_BLOCK]) {
      for (let c = 0; c < 2; c++) {
        const derivative = finiteDifference((u) => handReference(input.theta, input.us.map((pair, i) => (i === point ? u : pair)), input), input.us[point]!, c);
        for (let j = 0; j < 3; j++) expectClose(jac.slice(3 * point + j, c).item(), derivative[3 * point + j]!, 1e-6, `point ${point} us ${c}`);
      }
    }
  });

  test("handErrors and handJacobian agree with the module's functions", () => {
    const problem = prepareHt(variants[0][1]);
    expect(handErrors(problem.theta, problem.us, problem).shape).toEqual([15]);
    expect(handJacobian(problem).shape).toEqual([15, 28]);
  });

  test("a theta of the wrong length is refused", () => {
    const input = syntheticHand();
    expect(() => prepareHt({ ...input, theta: [1, 2] })).toThrow("ht: expected theta to be 26 numbers, got 2.");
  });
});
