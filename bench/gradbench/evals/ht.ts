import {
  Tensor,
  ValueError,
  concatenate,
  eye,
  full,
  jacfwd,
  jvp,
  pad,
  stack,
  take,
  tensor,
  where,
  zeros,
} from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";

/**
 * GradBench's hand tracking (ADBench's "ht"): a skinned hand model posed by 26 parameters, and the
 * offsets between measured points and their corresponding points on the posed hand surface.
 * Conventions follow ADBench's C++ reference: bone rotations from Euler angles as Rz·Ry·Rx, the
 * bone chain composed from the root, linear blend skinning, then a global rotation, scale and
 * translation.
 */

/** The hand model as GradBench sends it (4x4 matrices as lists of rows). */
export interface HandModelInput {
  bone_count: number;
  bone_names: string[];
  parents: number[];
  base_relatives: number[][][];
  inverse_base_absolutes: number[][][];
  base_positions: number[][];
  weights: number[][];
  triangles: number[][];
  is_mirrored: boolean;
}

/** The message's input; `us` is empty for the "simple" variant. */
export interface HtInput {
  theta: number[];
  us: number[][];
  data: { model: HandModelInput; correspondences: number[]; points: number[][] };
}

/** The model as tensors. Vertex data are stored one vertex per column, which the skinning product wants. */
export interface HandModel {
  boneCount: number;
  parents: readonly number[];
  /** [bones, 4, 4] */
  baseRelatives: Tensor;
  /** [bones, 4, 4] */
  inverseBaseAbsolutes: Tensor;
  /** Homogeneous rest positions, [4, vertices]. */
  basePositions: Tensor;
  /** Skinning weights, [bones, vertices]. */
  weights: Tensor;
  isMirrored: boolean;
}

export interface HtProblem {
  theta: Tensor;
  /** Barycentric coordinates [N, 2] of each point's triangle; null for the simple variant. */
  us: Tensor | null;
  model: HandModel;
  /** Measured points, [3, N]. */
  points: Tensor;
  /** The vertices each point is compared with: one [N] index array (simple) or the three corners of its triangle (complicated). */
  targets: Tensor[];
}

const THETA_COUNT = 26;
/** Pose parameters before the bones' Euler angles: global rotation, scale and translation. */
const GLOBAL_COLUMNS = 3;

function matrixStack(op: string, name: string, rows: unknown, columns: number): Float64Array {
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r) || r.length !== columns)) {
    throw new ValueError(op, `expected ${name} to be a list of rows of ${columns} numbers, got ${JSON.stringify(rows).slice(0, 80)}.`);
  }
  return Float64Array.from((rows as number[][]).flat());
}

/** A [count, 4, 4] tensor from count lists of 4 rows. */
function matrices4(name: string, list: number[][][], count: number): Tensor {
  if (!Array.isArray(list) || list.length !== count) {
    throw new ValueError("ht", `expected ${name} to hold ${count} 4x4 matrices, got ${Array.isArray(list) ? list.length : typeof list}.`);
  }
  const data = new Float64Array(count * 16);
  list.forEach((m, b) => data.set(matrixStack("ht", `${name}[${b}]`, m, 4).subarray(0, 16), b * 16));
  if (list.some((m) => m.length !== 4)) throw new ValueError("ht", `expected ${name} to hold 4x4 matrices, got one with ${list.find((m) => m.length !== 4)!.length} rows.`);
  return tensor(data, { shape: [count, 4, 4] });
}

/** Transposed [columns, rows] tensor of a list of rows. */
function columnsOf(name: string, rows: number[][], columns: number): Tensor {
  const flat = matrixStack("ht", name, rows, columns);
  return tensor(flat, { shape: [rows.length, columns] }).transpose();
}

/** Parses the model and data; the triangle lookup of each point is done here, once. */
export function prepareHt(input: HtInput): HtProblem {
  const { theta, us, data } = input;
  if (!Array.isArray(theta) || theta.length !== THETA_COUNT) {
    throw new ValueError("ht", `expected theta to be ${THETA_COUNT} numbers, got ${Array.isArray(theta) ? theta.length : typeof theta}.`);
  }
  const model = data.model;
  const boneCount = model.parents.length;
  model.parents.forEach((parent, b) => {
    if (!Number.isInteger(parent) || parent >= b || parent < -1) {
      throw new ValueError("ht", `expected each bone's parent to precede it (or be -1), got parent ${parent} for bone ${b}.`);
    }
  });
  const vertexCount = model.base_positions.length;
  const correspondences = data.correspondences;
  const pointCount = correspondences.length;
  const complicated = Array.isArray(us) && us.length > 0;
  if (complicated && us.length !== pointCount) {
    throw new ValueError("ht", `expected one us pair per point (${pointCount}), got ${us.length}.`);
  }
  let targets: Tensor[];
  if (complicated) {
    const corners = [new Int32Array(pointCount), new Int32Array(pointCount), new Int32Array(pointCount)];
    correspondences.forEach((t, i) => {
      const triangle = model.triangles[t];
      if (triangle === undefined) throw new ValueError("ht", `expected triangle indices in [0, ${model.triangles.length - 1}], got ${t} for point ${i}.`);
      for (let k = 0; k < 3; k++) corners[k]![i] = triangle[k]!;
    });
    targets = corners.map((c) => tensor(c));
  } else {
    targets = [tensor(Int32Array.from(correspondences))];
  }
  for (const t of targets) {
    for (const v of t.data()) if (v < 0 || v >= vertexCount) throw new ValueError("ht", `expected vertex indices in [0, ${vertexCount - 1}], got ${v}.`);
  }
  return {
    theta: tensor(Float64Array.from(theta)),
    us: complicated ? tensor(matrixStack("ht", "us", us, 2), { shape: [pointCount, 2] }) : null,
    model: {
      boneCount,
      parents: model.parents.slice(),
      baseRelatives: matrices4("base_relatives", model.base_relatives, boneCount),
      inverseBaseAbsolutes: matrices4("inverse_base_absolutes", model.inverse_base_absolutes, boneCount),
      basePositions: columnsOf("base_positions", model.base_positions, 4),
      weights: columnsOf("weights", model.weights, boneCount),
      isMirrored: model.is_mirrored,
    },
    points: columnsOf("points", data.points, 3),
    targets,
  };
}

/**
 * Where each pose parameter comes from, as indices into [theta..., 0, 1]. The pose is a list of
 * columns of 3: global rotation (theta 0-2), scale (1, 1, 1), translation (theta 3-5), then one
 * column of Euler angles per bone. Of each finger f's bones 2+4f, 3+4f, 4+4f, the first takes two
 * angles and the others one, from theta 6 on in order; every other angle is 0.
 */
function poseSource(boneCount: number): Int32Array {
  const zero = THETA_COUNT;
  const one = THETA_COUNT + 1;
  const columns = GLOBAL_COLUMNS + boneCount;
  const source = new Int32Array(columns * 3).fill(zero);
  source.set([0, 1, 2, one, one, one, 3, 4, 5]);
  let next = 6;
  for (let finger = 0; finger < 5; finger++) {
    for (let joint = 0; joint < 3; joint++) {
      const column = GLOBAL_COLUMNS + 2 + 4 * finger + joint;
      const angles = joint === 0 ? 2 : 1;
      for (let row = 0; row < angles; row++, next++) if (column < columns) source[column * 3 + row] = next;
    }
  }
  return source;
}

/** A [count, 3, 3] stack of matrices from 3x3 entries, each a [count] tensor or a constant. */
function matrices3(entries: (Tensor | number)[][], count: number): Tensor {
  const filled = (e: Tensor | number) => (typeof e === "number" ? full([count], e, { dtype: "float64" }) : e);
  return stack(entries.map((row) => stack(row.map(filled), 1)), 1);
}

/** R = Rz(angles[:, 1]) · Ry(angles[:, 2]) · Rx(angles[:, 0]) for each row of angles [count, 3]. */
function eulerRotations(angles: Tensor): Tensor {
  const count = angles.shape[0]!;
  const [cx, cy, cz] = [0, 2, 1].map((k) => angles.slice(null, k).cos());
  const [sx, sy, sz] = [0, 2, 1].map((k) => angles.slice(null, k).sin());
  const rx = matrices3([[1, 0, 0], [0, cx!, sx!.neg()], [0, sx!, cx!]], count);
  const ry = matrices3([[cy!, 0, sy!], [0, 1, 0], [sy!.neg(), 0, cy!]], count);
  const rz = matrices3([[cz!, sz!.neg(), 0], [sz!, cz!, 0], [0, 0, 1]], count);
  return rz.matmul(ry).matmul(rx);
}

/**
 * The rotation matrix of an angle-axis vector r [3] (Rodrigues: cos θ I + sin θ [u]ₓ + (1 − cos θ) u uᵀ
 * with θ = |r|, u = r/θ), or the identity when θ < 1e-4, as the reference does.
 */
function angleAxisMatrix(r: Tensor): Tensor {
  const squaredAngle = r.square().sum();
  const small = squaredAngle.less(1e-8);
  // The unselected branch is still differentiated: a stand-in angle of 1 keeps 1/θ and sqrt's
  // derivative finite there, so reverse mode never multiplies a zero cotangent by infinity.
  const angle = where(small, 1, squaredAngle).sqrt();
  const u = r.div(angle);
  const [x, y, z] = [0, 1, 2].map((k) => u.slice(k));
  const zero = tensor(0, { dtype: "float64" });
  const cross = stack([stack([zero, z!.neg(), y!]), stack([z!, zero, x!.neg()]), stack([y!.neg(), x!, zero])]);
  const cosine = angle.cos();
  const outer = u.expandDims(1).mul(u.expandDims(0));
  const rotation = eye(3, 3, { dtype: "float64" }).mul(cosine).add(cross.mul(angle.sin())).add(outer.mul(cosine.neg().add(1)));
  return where(small, eye(3, 3, { dtype: "float64" }), rotation);
}

/** Skinned and globally transformed positions of every vertex, [3, vertices]. */
export function posedVertices(theta: Tensor, model: HandModel): Tensor {
  const { boneCount, parents } = model;
  const extended = concatenate([theta, tensor([0, 1], { dtype: "float64" })]);
  const pose = take(extended, tensor(poseSource(boneCount))).reshape([GLOBAL_COLUMNS + boneCount, 3]);

  const rotations = eulerRotations(pose.slice([GLOBAL_COLUMNS, null]));
  const homogeneous = pad(rotations, [[0, 0], [0, 1], [0, 1]]).add(pad(tensor([[1]], { dtype: "float64" }), [[3, 0], [3, 0]]));
  const relatives = model.baseRelatives.matmul(homogeneous);
  // Each bone's absolute transform is its parent's times its own relative one (parents come first).
  const absolutes: Tensor[] = [];
  for (let b = 0; b < boneCount; b++) {
    const relative = relatives.slice(b);
    absolutes.push(parents[b]! < 0 ? relative : absolutes[parents[b]!]!.matmul(relative));
  }
  const transforms = stack(absolutes).matmul(model.inverseBaseAbsolutes);

  // Linear blend skinning: each vertex's 3x4 transform is the weighted sum of its bones', one
  // [12, bones]·[bones, vertices] product (entries ordered column by column), then applied to its
  // own rest position as four scaled columns, so every step is a whole-array operation.
  const vertexCount = model.weights.shape[1]!;
  const columns = transforms.slice(null, [0, 3]).transpose([0, 2, 1]).reshape([boneCount, 12]);
  const blended = columns.transpose().matmul(model.weights).reshape([4, 3, vertexCount]);
  let positions = blended.slice(0).mul(model.basePositions.slice(0));
  for (let k = 1; k < 4; k++) positions = positions.add(blended.slice(k).mul(model.basePositions.slice(k)));
  if (model.isMirrored) positions = positions.mul(tensor([[-1], [1], [1]], { dtype: "float64" }));

  const globalRotation = angleAxisMatrix(pose.slice(0)).mul(pose.slice(1).expandDims(0));
  return globalRotation.matmul(positions).add(pose.slice(2).expandDims(1));
}

/** The offsets points − target, flattened point by point: [3N]. */
export function handErrors(theta: Tensor, us: Tensor | null, problem: HtProblem): Tensor {
  const vertices = posedVertices(theta, problem.model);
  const corners = problem.targets.map((t) => take(vertices, t, 1));
  let target: Tensor;
  if (us === null) {
    target = corners[0]!;
  } else {
    const u0 = us.slice(null, 0);
    const u1 = us.slice(null, 1);
    target = corners[0]!.mul(u0).add(corners[1]!.mul(u1)).add(corners[2]!.mul(u0.add(u1).neg().add(1)));
  }
  return problem.points.sub(target).transpose().reshape([3 * problem.points.shape[1]!]);
}

const objective: EvalFunction<HtInput, HtProblem, Tensor> = {
  prepare: prepareHt,
  run: (problem) => handErrors(problem.theta, problem.us, problem),
  output: (errors) => Array.from(errors.data()),
};

/**
 * The Jacobian [3N, 28] (26 without us): columns 0 and 1 by one JVP each along an all-ones us
 * tangent for every point, which gives each row's own derivative because row 3i+j depends on
 * us[i] only; columns 2-27 by forward mode over theta (26 basis tangents, vectorized by jacfwd).
 */
export function handJacobian(problem: HtProblem): Tensor {
  const { theta, us } = problem;
  const dTheta = jacfwd((t: Tensor) => handErrors(t, us, problem))(theta) as Tensor;
  if (us === null) return dTheta;
  const pointCount = us.shape[0]!;
  const usColumn = (k: number) => {
    const direction = zeros([pointCount, 2], { dtype: "float64" }).add(tensor(k === 0 ? [1, 0] : [0, 1], { dtype: "float64" }));
    const [, tangent] = jvp((u: Tensor) => handErrors(theta, u, problem), [us], [direction]);
    return (tangent as Tensor).expandDims(1);
  };
  return concatenate([usColumn(0), usColumn(1), dTheta], 1);
}

const jacobian: EvalFunction<HtInput, HtProblem, Tensor> = {
  prepare: prepareHt,
  run: handJacobian,
  output: (jac) => jac.toArray(),
};

/** GradBench's `ht` module: `objective` and `jacobian`. */
export const ht: EvalModule = { objective, jacobian };
