import {
  Tensor,
  ValueError,
  arange,
  concatenate,
  eye,
  jvp,
  onesLike,
  reshape,
  stack,
  take,
  tensor,
  vmap,
  where,
} from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";

/**
 * GradBench's bundle adjustment (ADBench's "ba"): reprojection errors of p observations of m
 * points by n cameras, and their sparse Jacobian. The input holds one camera, point, weight and
 * feature that are replicated into n, m and p copies; nothing below relies on the copies being
 * equal.
 */

/** The message's input: sizes and the one camera/point/weight/feature to replicate. */
export interface BaInput {
  n: number;
  m: number;
  p: number;
  cam: number[];
  x: number[];
  w: number;
  feat: number[];
}

/** The problem as tensors: cameras [n, 11], points [m, 3], weights [p], features [p, 2] and which camera and point each observation uses. */
export interface BaProblem {
  n: number;
  m: number;
  p: number;
  cameras: Tensor;
  points: Tensor;
  weights: Tensor;
  features: Tensor;
  cameraIndex: Tensor;
  pointIndex: Tensor;
}

const CAMERA_PARAMETERS = 11;
/** Nonzeros of one reprojection-error row: 11 camera, 3 point and 1 weight column. */
const ROW_NONZEROS = CAMERA_PARAMETERS + 3 + 1;
/** GradBench's output keeps the first 30 entries of each CSR array (observation 0's two rows) and the last. */
const KEPT_ENTRIES = 2 * ROW_NONZEROS;

function checkInput(input: BaInput): void {
  const { n, m, p, cam, x, w, feat } = input;
  for (const [name, value] of [["n", n], ["m", m], ["p", p]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new ValueError("ba", `expected ${name} to be a positive integer, got ${value}.`);
  }
  const vector = (name: string, v: unknown, length: number) => {
    if (!Array.isArray(v) || v.length !== length || v.some((e) => typeof e !== "number")) {
      throw new ValueError("ba", `expected ${name} to be ${length} numbers, got ${JSON.stringify(v)}.`);
    }
  };
  vector("cam", cam, CAMERA_PARAMETERS);
  vector("x", x, 3);
  vector("feat", feat, 2);
  if (typeof w !== "number") throw new ValueError("ba", `expected w to be a number, got ${JSON.stringify(w)}.`);
}

/** Replicates the single camera, point, weight and feature; observation i uses camera i mod n and point i mod m. */
export function prepareBa(input: BaInput): BaProblem {
  checkInput(input);
  const { n, m, p } = input;
  const repeat = (values: readonly number[], copies: number) => {
    const out = new Float64Array(values.length * copies);
    for (let i = 0; i < copies; i++) out.set(values, i * values.length);
    return tensor(out, { shape: [copies, values.length] });
  };
  const cameraIndex = new Int32Array(p);
  const pointIndex = new Int32Array(p);
  for (let i = 0; i < p; i++) {
    cameraIndex[i] = i % n;
    pointIndex[i] = i % m;
  }
  return {
    n,
    m,
    p,
    cameras: repeat(input.cam, n),
    points: repeat(input.x, m),
    weights: tensor(new Float64Array(p).fill(input.w)),
    features: repeat(input.feat, p),
    cameraIndex: tensor(cameraIndex),
    pointIndex: tensor(pointIndex),
  };
}

function cross(a: readonly Tensor[], b: readonly Tensor[]): Tensor[] {
  return [
    a[1]!.mul(b[2]!).sub(a[2]!.mul(b[1]!)),
    a[2]!.mul(b[0]!).sub(a[0]!.mul(b[2]!)),
    a[0]!.mul(b[1]!).sub(a[1]!.mul(b[0]!)),
  ];
}

/**
 * Rotates x by the angle-axis vector r (Rodrigues' formula, as in Ceres and ADBench):
 * x cos θ + (u × x) sin θ + u (u · x)(1 − cos θ) with θ = |r|, u = r/θ, and x + r × x at θ = 0.
 */
function rodriguesRotate(r: readonly Tensor[], x: readonly Tensor[]): Tensor[] {
  const squaredAngle = r[0]!.square().add(r[1]!.square()).add(r[2]!.square());
  const atZero = squaredAngle.equal(0);
  // The general branch is evaluated even where θ = 0 is selected. There sqrt and 1/θ would give
  // infinite derivatives, and reverse mode multiplies them by the zero cotangent of the unselected
  // branch (0·∞ = NaN); a stand-in angle of 1 keeps that branch finite.
  const angle = where(atZero, 1, squaredAngle).sqrt();
  const cosine = angle.cos();
  const sine = angle.sin();
  const axis = r.map((c) => c.div(angle));
  const axisCrossX = cross(axis, x);
  const alongAxis = axis[0]!.mul(x[0]!).add(axis[1]!.mul(x[1]!)).add(axis[2]!.mul(x[2]!)).mul(cosine.neg().add(1));
  const rCrossX = cross(r, x);
  return [0, 1, 2].map((k) => {
    const general = x[k]!.mul(cosine).add(axisCrossX[k]!.mul(sine)).add(axis[k]!.mul(alongAxis));
    const firstOrder = x[k]!.add(rCrossX[k]!);
    return where(atZero, firstOrder, general);
  });
}

/**
 * The weighted reprojection error of one observation: camera [11] (angle-axis rotation, centre,
 * focal length, principal point, two radial distortion coefficients), point [3], weight [] and
 * measured feature [2]; returns [2].
 */
export function reprojectionError(camera: Tensor, point: Tensor, weight: Tensor, feature: Tensor): Tensor {
  const c = (k: number) => camera.slice(k);
  const offset = [0, 1, 2].map((k) => point.slice(k).sub(c(3 + k)));
  const rotated = rodriguesRotate([c(0), c(1), c(2)], offset);
  const projected = [rotated[0]!.div(rotated[2]!), rotated[1]!.div(rotated[2]!)];
  const radiusSquared = projected[0]!.square().add(projected[1]!.square());
  const distortion = radiusSquared.mul(c(9)).add(radiusSquared.square().mul(c(10))).add(1);
  const errors = [0, 1].map((k) => projected[k]!.mul(distortion).mul(c(6)).add(c(7 + k)).sub(feature.slice(k)).mul(weight));
  return stack(errors);
}

/** ADBench's weight regularizer for one observation: 1 − w². */
export function weightError(weight: Tensor): Tensor {
  return weight.square().neg().add(1);
}

/**
 * Observations are processed in blocks of this many: every step is still one vectorized pass over
 * a block, and a block's arrays (up to [block, 15] float64 under forward mode) stay in cache
 * instead of streaming arrays of hundreds of megabytes through memory on the largest inputs.
 */
const BLOCK = 8192;

/** Observations [start, end): their cameras [b, 11], points [b, 3], weights [b] and features [b, 2]. */
function block(problem: BaProblem, start: number, end: number): [Tensor, Tensor, Tensor, Tensor] {
  const range = [start, end] as const;
  return [
    take(problem.cameras, problem.cameraIndex.slice(range)),
    take(problem.points, problem.pointIndex.slice(range)),
    problem.weights.slice(range),
    problem.features.slice(range),
  ];
}

/** Concatenates `compute(start, end)` over consecutive blocks of the p observations. */
function overBlocks(p: number, compute: (start: number, end: number) => Tensor): Tensor {
  const parts: Tensor[] = [];
  for (let start = 0; start < p; start += BLOCK) parts.push(compute(start, Math.min(p, start + BLOCK)));
  return concatenate(parts);
}

interface BaObjective {
  reprojection: Tensor;
  weight: Tensor;
}

const objective: EvalFunction<BaInput, BaProblem, BaObjective> = {
  prepare: prepareBa,
  run(problem) {
    return {
      reprojection: overBlocks(problem.p, (start, end) => vmap(reprojectionError)(...block(problem, start, end))),
      weight: weightError(problem.weights),
    };
  },
  output({ reprojection, weight }) {
    const p = weight.shape[0]!;
    const first = reprojection.slice(0).toArray() as number[];
    return {
      reproj_error: { elements: first, repeated: p },
      w_err: { element: weight.slice(0).item(), repeated: p },
    };
  },
};

/** The Jacobian in compressed sparse row form: row offsets, column of each nonzero, its value. */
export interface BaJacobian {
  rows: Tensor;
  cols: Tensor;
  vals: Tensor;
}

/** The 15 basis tangents of one observation's inputs, split by input: camera [15, 11], point [15, 3], weight [15]. */
function basisTangents(): [Tensor, Tensor, Tensor] {
  const basis = eye(ROW_NONZEROS, ROW_NONZEROS, { dtype: "float64" });
  return [basis.slice(null, [0, CAMERA_PARAMETERS]), basis.slice(null, [CAMERA_PARAMETERS, CAMERA_PARAMETERS + 3]), basis.slice(null, CAMERA_PARAMETERS + 3)];
}

/**
 * The 15 nonzeros of each observation's two error rows, [b, 2, 15]: for each basis tangent of
 * (camera, point, weight), one forward-mode pass over all the observations. The basis is the outer
 * vmap (jacfwd nested inside a vmap over observations would put it inside) so that its axis leads
 * every array: values that do not depend on the tangent, the whole primal computation, then repeat
 * as whole blocks along it, which the kernels read without copying.
 */
function errorJacobianBlock(cameras: Tensor, points: Tensor, weights: Tensor, features: Tensor): Tensor {
  const alongTangent = (cameraTangent: Tensor, pointTangent: Tensor, weightTangent: Tensor) =>
    vmap((camera: Tensor, point: Tensor, weight: Tensor, feature: Tensor) => {
      const error = (c: Tensor, x: Tensor, w: Tensor) => reprojectionError(c, x, w, feature);
      return jvp(error, [camera, point, weight], [cameraTangent, pointTangent, weightTangent])[1] as Tensor;
    })(cameras, points, weights, features);
  const columns = vmap(alongTangent)(...basisTangents()) as Tensor;
  return columns.transpose([1, 2, 0]);
}

/**
 * The full (2p + p) × (11n + 3m + p) Jacobian in CSR form. Error rows of observation i hold 15
 * nonzeros (its camera's 11 columns, its point's 3, its weight's 1), found by forward mode with
 * the 15 basis tangents, vectorized over all observations; weight-error row i holds d(1 − w²)/dw,
 * found by one JVP with an all-ones tangent (each weight error depends on its own weight only).
 */
export function baJacobian(problem: BaProblem): BaJacobian {
  const { n, m, p, weights } = problem;
  const errorValues = overBlocks(p, (start, end) => errorJacobianBlock(...block(problem, start, end)));
  const [, weightValues] = jvp(weightError, [weights], [onesLike(weights)]);
  const vals = concatenate([reshape(errorValues, [2 * p * ROW_NONZEROS]), weightValues as Tensor]);

  // The sparsity pattern: columns 11c..11c+10, then 11n + 3q..11n + 3q+2, then 11n + 3m + i.
  const observation = arange(0, p, 1, { dtype: "int32" });
  const errorColumns = concatenate(
    [
      problem.cameraIndex.mul(CAMERA_PARAMETERS).expandDims(1).add(arange(0, CAMERA_PARAMETERS, 1, { dtype: "int32" })),
      problem.pointIndex.mul(3).add(CAMERA_PARAMETERS * n).expandDims(1).add(arange(0, 3, 1, { dtype: "int32" })),
      observation.add(CAMERA_PARAMETERS * n + 3 * m).expandDims(1),
    ],
    1,
  );
  const cols = concatenate([
    reshape(errorColumns.expandDims(1).broadcastTo([p, 2, ROW_NONZEROS]), [2 * p * ROW_NONZEROS]),
    observation.add(CAMERA_PARAMETERS * n + 3 * m),
  ]);
  const rows = concatenate([
    arange(0, 2 * p * ROW_NONZEROS + 1, ROW_NONZEROS, { dtype: "int32" }),
    arange(2 * p * ROW_NONZEROS + 1, 2 * p * ROW_NONZEROS + p + 1, 1, { dtype: "int32" }),
  ]);
  return { rows, cols, vals };
}

/** The first 30 entries and the last of a CSR array, as GradBench's output keeps them. */
function truncated(values: Tensor): number[] {
  const size = values.shape[0]!;
  const head = values.slice([0, KEPT_ENTRIES]).toArray() as number[];
  return [...head, values.slice(size - 1).item()];
}

const jacobian: EvalFunction<BaInput, BaProblem, BaJacobian> = {
  prepare: prepareBa,
  run: baJacobian,
  output: ({ rows, cols, vals }) => ({ rows: truncated(rows), cols: truncated(cols), vals: truncated(vals) }),
};

/** GradBench's `ba` module: `objective` and `jacobian`. */
export const ba: EvalModule = { objective, jacobian };
