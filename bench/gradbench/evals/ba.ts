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

/** The components of a quantity per camera, point or observation: one tensor each, of one shape. */
type Components = Tensor[];

/** Columns of a [count, width] table as `width` tensors of shape [count] (structure of arrays). */
function components(table: Tensor): Components {
  return rowsOf(table.transpose());
}

/** Rows of a [width, count] table as `width` tensors of shape [count]. */
function rowsOf(table: Tensor): Components {
  return Array.from({ length: table.shape[0]! }, (_, k) => table.slice(k));
}

/**
 * The rotation matrix of angle-axis vectors r (3 components), row-major as 9 components (Rodrigues'
 * formula, as in Ceres and ADBench): R = cos θ I + sin θ [u]ₓ + (1 − cos θ) u uᵀ with θ = |r|,
 * u = r/θ, and the first-order I + [r]ₓ at θ = 0.
 */
function rotationMatrix(r: Components): Components {
  const squaredAngle = r[0]!.square().add(r[1]!.square()).add(r[2]!.square());
  const atZero = squaredAngle.equal(0);
  // The general branch is evaluated even where θ = 0 is selected. There sqrt and 1/θ would give
  // infinite derivatives, and reverse mode multiplies them by the zero cotangent of the unselected
  // branch (0·∞ = NaN); a stand-in angle of 1 keeps that branch finite.
  const angle = where(atZero, 1, squaredAngle).sqrt();
  const cosine = angle.cos();
  const sine = angle.sin();
  const versine = cosine.neg().add(1);
  const u = r.map((c) => c.div(angle));
  const scaledU = u.map((c) => c.mul(versine));
  // [v]ₓ's off-diagonal entry (i, j) is −v_k when j follows i cyclically, +v_k otherwise (k the third index).
  const crossEntry = (v: Components, i: number, j: number): Tensor => ((j - i + 3) % 3 === 1 ? v[3 - i - j]!.neg() : v[3 - i - j]!);
  const out: Components = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const outer = u[i]!.mul(scaledU[j]!);
      const general = i === j ? outer.add(cosine) : outer.add(crossEntry(u, i, j).mul(sine));
      out.push(where(atZero, i === j ? 1 : crossEntry(r, i, j), general));
    }
  }
  return out;
}

/** X = R (x − c) for each observation: rotation R (9), camera centre c (3) and point x (3). */
function rotate(rotation: Components, centre: Components, point: Components): Components {
  const offset = [0, 1, 2].map((k) => point[k]!.sub(centre[k]!));
  return [0, 1, 2].map((i) => rotation[3 * i]!.mul(offset[0]!).add(rotation[3 * i + 1]!.mul(offset[1]!)).add(rotation[3 * i + 2]!.mul(offset[2]!)));
}

/**
 * The weighted reprojection errors [2, ...] of points X in camera coordinates: the pinhole
 * projection X[0:2]/X[2], radial distortion 1 + k1 r² + k2 r⁴, focal length and principal point
 * (intrinsics: f, cx, cy, k1, k2), minus the measured feature, times the weight. Written as
 * p·(distortion·f·w) + (c − feature)·w, with one reciprocal of the depth and the distortion in
 * Horner form, so that a derivative in X passes through as few operations as the formula allows
 * (f, w, c and the feature are constants there).
 */
function project(X: Components, intrinsics: Components, weight: Tensor, feature: Components): Tensor {
  const [focal, cx, cy, k1, k2] = intrinsics as [Tensor, Tensor, Tensor, Tensor, Tensor];
  const inverseDepth = X[2]!.reciprocal();
  const projected = [X[0]!.mul(inverseDepth), X[1]!.mul(inverseDepth)];
  const radiusSquared = projected[0]!.square().add(projected[1]!.square());
  const distortion = radiusSquared.mul(k2).add(k1).mul(radiusSquared).add(1);
  const scale = distortion.mul(focal.mul(weight));
  const principal = [cx, cy];
  const errors = [0, 1].map((k) => projected[k]!.mul(scale).add(principal[k]!.sub(feature[k]!).mul(weight)));
  return stack(errors);
}

/**
 * The weighted reprojection error of one observation: camera [11] (angle-axis rotation, centre,
 * focal length, principal point, two radial distortion coefficients), point [3], weight [] and
 * measured feature [2]; returns [2].
 */
export function reprojectionError(camera: Tensor, point: Tensor, weight: Tensor, feature: Tensor): Tensor {
  const c = (k: number) => camera.slice(k);
  const rotation = rotationMatrix([c(0), c(1), c(2)]);
  const X = rotate(rotation, [c(3), c(4), c(5)], [0, 1, 2].map((k) => point.slice(k)));
  return project(X, [c(6), c(7), c(8), c(9), c(10)], weight, [feature.slice(0), feature.slice(1)]);
}

/** ADBench's weight regularizer for one observation: 1 − w². */
export function weightError(weight: Tensor): Tensor {
  return weight.square().neg().add(1);
}

/**
 * Observations are processed in blocks of this many: every step is still one vectorized pass over
 * a block, and a block's arrays (up to [6, block] float64 under forward mode, 192 kB) stay in
 * cache instead of streaming arrays of many megabytes through memory on the largest inputs.
 * Measured on ba1 and ba8: 4096 takes about 15% less time for the Jacobian than 16 384 or 2048,
 * and the same for the objective.
 */
export const OBSERVATION_BLOCK = 4096;
const BLOCK = OBSERVATION_BLOCK;

/** Rows of the per-camera table: rotation matrix (9), centre (3), intrinsics (5), then dR/dr (27). */
const TABLE_ROTATION = 0;
const TABLE_CENTRE = 9;
const TABLE_INTRINSICS = 12;
const TABLE_ROTATION_TANGENTS = 17;

/**
 * Everything an observation needs of its camera, computed once per camera, one row per quantity,
 * [17, n] or [44, n], so that one gather along the last axis per block fetches it: the rotation
 * matrix (row-major), centre and intrinsics, and with `unitTangents` the rotation matrix's
 * derivatives in the angle-axis vector, found by jvp along its three unit tangents (component j of
 * R along r_d in row 17 + 3j + d).
 */
function cameraTable(cameras: Tensor, unitTangents: UnitTangents | null): Tensor {
  const c = components(cameras);
  const angleAxis = c.slice(0, 3);
  const columns = [...rotationMatrix(angleAxis), ...c.slice(3, 11)];
  if (unitTangents !== null) {
    const derivatives = vmap((dr: Components) => jvp(rotationMatrix, [angleAxis], [dr])[1])(unitTangents(3, 0, 3, cameras.shape[0]!)) as Components;
    for (const d of derivatives) columns.push(d.slice(0), d.slice(1), d.slice(2));
  }
  return stack(columns);
}

/** Observations [start, end) of the problem: their cameras' quantities, points, weights and features, each component [b]. */
interface ObservationBlock {
  rotation: Components;
  centre: Components;
  intrinsics: Components;
  /** dR/dr_d: for each component of R, [3, b] (one row per direction d); empty without them. */
  rotationTangents: Components;
  point: Components;
  weight: Tensor;
  feature: Components;
}

function observationBlock(problem: BaProblem, table: Tensor, pointTable: Tensor, start: number, end: number): ObservationBlock {
  const range = [start, end] as const;
  const perCamera = take(table, problem.cameraIndex.slice(range), 1);
  const rows = (from: number, count: number) => Array.from({ length: count }, (_, k) => perCamera.slice(from + k));
  const tangentColumns = table.shape[0]! - TABLE_ROTATION_TANGENTS;
  return {
    rotation: rows(TABLE_ROTATION, 9),
    centre: rows(TABLE_CENTRE, 3),
    intrinsics: rows(TABLE_INTRINSICS, 5),
    rotationTangents: Array.from({ length: tangentColumns / 3 }, (_, j) => perCamera.slice([TABLE_ROTATION_TANGENTS + 3 * j, TABLE_ROTATION_TANGENTS + 3 * j + 3])),
    point: rowsOf(take(pointTable, problem.pointIndex.slice(range), 1)),
    weight: problem.weights.slice(range),
    feature: components(problem.features.slice(range)),
  };
}

/** `compute(start, end)` for consecutive blocks of the p observations. */
function overBlocks(p: number, compute: (start: number, end: number) => Tensor): Tensor[] {
  const parts: Tensor[] = [];
  for (let start = 0; start < p; start += BLOCK) parts.push(compute(start, Math.min(p, start + BLOCK)));
  return parts;
}

interface BaObjective {
  /** [2, p]: row k holds error component k of every observation. */
  reprojection: Tensor;
  weight: Tensor;
}

/** The reprojection errors of all observations, [2, p]: rotation matrices once per camera, then vectorized over observations. */
function reprojectionErrors(problem: BaProblem): Tensor {
  const table = cameraTable(problem.cameras, null);
  const pointTable = problem.points.transpose();
  const parts = overBlocks(problem.p, (start, end) => {
    const o = observationBlock(problem, table, pointTable, start, end);
    return project(rotate(o.rotation, o.centre, o.point), o.intrinsics, o.weight, o.feature);
  });
  return parts.length === 1 ? parts[0]! : concatenate(parts, 1);
}

const objective: EvalFunction<BaInput, BaProblem, BaObjective> = {
  prepare: prepareBa,
  run(problem) {
    return { reprojection: reprojectionErrors(problem), weight: weightError(problem.weights) };
  },
  output({ reprojection, weight }) {
    const p = weight.shape[0]!;
    const first = reprojection.slice(null, 0).toArray() as number[];
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

/**
 * `count` unit tangents for `components` components of shape [size]: component k of direction d
 * is 1 where d = first + k, else 0; each [count, size]. Memoized by its arguments, because every
 * block but the last has the same size.
 */
type UnitTangents = (count: number, first: number, components: number, size: number) => Components;

function unitTangentsCache(): UnitTangents {
  const made = new Map<string, Components>();
  return (count, first, components, size) => {
    const key = `${count},${first},${components},${size}`;
    let tangents = made.get(key);
    if (tangents === undefined) {
      // Filled directly: a broadcast of an identity's columns would walk [count, size] by strides.
      tangents = Array.from({ length: components }, (_, k) => {
        const data = new Float64Array(count * size);
        data.fill(1, (first + k) * size, (first + k + 1) * size);
        return tensor(data, { shape: [count, size] });
      });
      made.set(key, tangents);
    }
    return tangents;
  };
}

/**
 * The 15 nonzeros of each observation's two error rows as [15, 2, b], by forward mode with the
 * tangents split by where they enter, so that each only passes through the part of the program
 * it changes:
 * - rotation (camera columns 0-2): the per-camera derivatives of the rotation matrix, found by jvp
 *   once per camera, gathered per observation and pushed on by one jvp of project ∘ rotate in R;
 * - centre and point (camera columns 3-5, point columns): six unit tangents, one jvp in (c, x);
 * - intrinsics and weight (camera columns 6-10, the weight column): six unit tangents, one jvp of
 *   project alone, from the rotated points.
 * Within a group the tangents are batched by vmap, so the group's primal work is done once.
 */
function errorJacobianBlock(o: ObservationBlock, unitTangents: UnitTangents): Tensor {
  const size = o.weight.shape[0]!;
  const errorsOf = (rotation: Components, centre: Components, point: Components) => project(rotate(rotation, centre, point), o.intrinsics, o.weight, o.feature);
  const alongRotation = vmap((dR: Components) => jvp((R: Components) => errorsOf(R, o.centre, o.point), [o.rotation], [dR])[1], { inAxes: 0 })(
    o.rotationTangents,
  ) as Tensor;
  const alongCentreAndPoint = vmap(
    (dc: Components, dx: Components) => jvp((c: Components, x: Components) => errorsOf(o.rotation, c, x), [o.centre, o.point], [dc, dx])[1],
  )(unitTangents(6, 0, 3, size), unitTangents(6, 3, 3, size)) as Tensor;
  const X = rotate(o.rotation, o.centre, o.point);
  const alongIntrinsicsAndWeight = vmap(
    (di: Components, dw: Tensor) => jvp((i: Components, w: Tensor) => project(X, i, w, o.feature), [o.intrinsics, o.weight], [di, dw])[1],
  )(unitTangents(6, 0, 5, size), unitTangents(6, 5, 1, size)[0]!) as Tensor;
  return concatenate([
    alongRotation,
    alongCentreAndPoint.slice([0, 3]),
    alongIntrinsicsAndWeight.slice([0, 5]),
    alongCentreAndPoint.slice([3, 6]),
    alongIntrinsicsAndWeight.slice(5).expandDims(0),
  ]);
}

/**
 * The full (2p + p) × (11n + 3m + p) Jacobian in CSR form. Error rows of observation i hold 15
 * nonzeros (its camera's 11 columns, its point's 3, its weight's 1), found by forward mode as
 * errorJacobianBlock describes, vectorized over all observations; weight-error row i holds
 * d(1 − w²)/dw, found by one JVP with an all-ones tangent (each weight error depends on its own
 * weight only).
 */
export function baJacobian(problem: BaProblem): BaJacobian {
  const { n, m, p, weights } = problem;
  const unitTangents = unitTangentsCache();
  const table = cameraTable(problem.cameras, unitTangents);
  const pointTable = problem.points.transpose();
  // Each block's [15, 2, b] values are put in CSR order, [b, 2, 15], while still small; the blocks
  // and the weight rows are then joined by one copy into the (on the largest inputs, 300 MB) array.
  const errorValues = overBlocks(p, (start, end) => {
    const values = errorJacobianBlock(observationBlock(problem, table, pointTable, start, end), unitTangents);
    return values.transpose([2, 1, 0]).reshape([2 * (end - start) * ROW_NONZEROS]);
  });
  const [, weightValues] = jvp(weightError, [weights], [onesLike(weights)]);
  const vals = concatenate([...errorValues, weightValues as Tensor]);

  // The sparsity pattern: columns 11c..11c+10, then 11n + 3q..11n + 3q+2, then 11n + 3m + i.
  const observation = arange(0, p, 1, { dtype: "int32" });
  const weightColumn = observation.add(CAMERA_PARAMETERS * n + 3 * m);
  const rowColumns = [
    problem.cameraIndex.mul(CAMERA_PARAMETERS).expandDims(1).add(arange(0, CAMERA_PARAMETERS, 1, { dtype: "int32" })),
    problem.pointIndex.mul(3).add(CAMERA_PARAMETERS * n).expandDims(1).add(arange(0, 3, 1, { dtype: "int32" })),
    weightColumn.expandDims(1),
  ];
  // Both error rows of an observation have the same columns: [p, 30], then the weight rows'.
  const errorColumns = concatenate([...rowColumns, ...rowColumns], 1);
  const cols = concatenate([reshape(errorColumns, [2 * p * ROW_NONZEROS]), weightColumn]);
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
