import {
  Tensor,
  ValueError,
  concatenate,
  eye,
  full,
  jvp,
  pad,
  stack,
  take,
  tensor,
  vmap,
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
  /** The skinning product's right factor, [4·bones + 1, vertices] (see weightedRestPositions). */
  weightedRestPositions: Tensor;
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

/**
 * The right factor of the skinning product (see vertexMap), [4·bones + 1, vertices]: row 4b+k holds
 * bone b's weight times rest coordinate k of each vertex (homogeneous, so k = 3 is the weight
 * itself), and the last row ones, which carries the translation. It depends on the model alone, so
 * it is formed once with the model's other tensors.
 */
function weightedRestPositions(weights: Tensor, basePositions: Tensor): Tensor {
  const [bones, vertexCount] = weights.shape as [number, number];
  const weighted = weights.expandDims(1).mul(basePositions.expandDims(0)).reshape([4 * bones, vertexCount]);
  return concatenate([weighted, full([1, vertexCount], 1, { dtype: "float64" })]);
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
  const weights = columnsOf("weights", model.weights, boneCount);
  const basePositions = columnsOf("base_positions", model.base_positions, 4);
  return {
    theta: tensor(Float64Array.from(theta)),
    us: complicated ? tensor(matrixStack("ht", "us", us, 2), { shape: [pointCount, 2] }) : null,
    model: {
      boneCount,
      parents: model.parents.slice(),
      baseRelatives: matrices4("base_relatives", model.base_relatives, boneCount),
      inverseBaseAbsolutes: matrices4("inverse_base_absolutes", model.inverse_base_absolutes, boneCount),
      basePositions,
      weights,
      weightedRestPositions: weightedRestPositions(weights, basePositions),
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

/**
 * The posed position of a vertex is linear in its weighted rest position: with T_b the top 3x4 of
 * bone b's transform and G = R·diag(scale)·mirror the global map, vertex v lands at
 * Σ_b G·T_b·(w_bv p_v) + translation. This returns [G·T_0 | ... | G·T_{B-1} | translation],
 * [3, 4·bones + 1]: all the pose-dependent work, on 22 tiny matrices, so that derivatives in theta
 * pass through small arrays before the one product with the vertices.
 */
function vertexMap(theta: Tensor, model: HandModel): Tensor {
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
  const transforms = stack(absolutes).matmul(model.inverseBaseAbsolutes).slice(null, [0, 3]);

  // Mirroring negates the skinned x coordinate before the global rotation and scale: G's first column.
  let global = angleAxisMatrix(pose.slice(0)).mul(pose.slice(1).expandDims(0));
  if (model.isMirrored) global = global.mul(tensor([[-1, 1, 1]], { dtype: "float64" }));
  const posed = global.matmul(transforms).transpose([1, 0, 2]).reshape([3, 4 * boneCount]);
  return concatenate([posed, pose.slice(2).expandDims(1)], 1);
}

/**
 * Skinned and globally transformed positions of every vertex, [3, vertices]: linear blend skinning,
 * mirroring, global rotation, scale and translation as one [3, 4·bones + 1]·[4·bones + 1, vertices]
 * product (see vertexMap).
 */
export function posedVertices(theta: Tensor, model: HandModel): Tensor {
  return skin(vertexMap(theta, model), model.weightedRestPositions);
}

/**
 * map [3, K] times factor [K, V], as three vector-matrix products: for a product with three rows
 * the CPU matmul's packed path spends as long packing the [K, V] factor as multiplying, while its
 * vector path streams the factor once per row (measured 2.7 ms against 4.0 ms at K = 89, V = 10 000).
 */
function skin(map: Tensor, factor: Tensor): Tensor {
  return stack([0, 1, 2].map((row) => map.slice(row).matmul(factor)));
}

/**
 * Groups of consecutive theta indices whose derivatives reach only columns of vertexMap's result
 * that the group's first index reaches, with those columns: the global rotation reaches every
 * bone's map, the translation only the last column, and a finger angle only the maps of the bones
 * it moves (its own bone and the bones below it in the parent chain). Found from poseSource and the
 * parents alone.
 */
function thetaGroups(model: HandModel): { first: number; count: number; columns: number[] }[] {
  const { boneCount, parents } = model;
  const source = poseSource(boneCount);
  // The theta indices that move each bone: its own angles and its ancestors'.
  const movedBy: Set<number>[] = [];
  for (let b = 0; b < boneCount; b++) {
    const own = [0, 1, 2].map((r) => source[(GLOBAL_COLUMNS + b) * 3 + r]!).filter((j) => j < THETA_COUNT);
    movedBy.push(new Set([...(parents[b]! < 0 ? [] : movedBy[parents[b]!]!), ...own]));
  }
  const boneColumns = (b: number) => [0, 1, 2, 3].map((k) => 4 * b + k);
  const reachedColumns = (j: number): number[] => {
    const poseColumn = source.indexOf(j) === -1 ? -1 : Math.floor(source.indexOf(j) / 3);
    if (poseColumn === 0 || poseColumn === 1) return Array.from({ length: 4 * boneCount }, (_, c) => c);
    if (poseColumn === 2) return [4 * boneCount];
    return Array.from({ length: boneCount }, (_, b) => b).filter((b) => movedBy[b]!.has(j)).flatMap(boneColumns);
  };
  const groups: { first: number; count: number; columns: number[] }[] = [];
  for (let j = 0; j < THETA_COUNT; j++) {
    const columns = reachedColumns(j);
    const last = groups[groups.length - 1];
    // A finger's later angles move a subset of the bones its first ones move: one group per finger,
    // so each group's product packs its columns once.
    if (last !== undefined && columns.every((c) => last.columns.includes(c))) last.count++;
    else groups.push({ first: j, count: 1, columns });
  }
  return groups;
}

/**
 * The posed vertices [3, V] and their derivatives in theta [26, 3, V], by forward mode in two steps.
 * The 26 basis tangents go through vertexMap (tiny matrices) in one vmapped jvp, giving the map M
 * [3, 4·bones + 1] and its tangents. Then, for each group of thetaGroups, one jvp of the product
 * with the skinning factor pushes that group's tangents of M through the columns they reach; the
 * other columns' tangents are zero, so the product is [3·count, k]·[k, V] with k the reached
 * columns (16 or fewer for a finger) instead of all 89.
 */
function posedVerticesWithTangents(theta: Tensor, model: HandModel): [Tensor, Tensor] {
  const [map, dMap] = vmap((direction: Tensor) => jvp((t: Tensor) => vertexMap(t, model), [theta], [direction]), { outAxes: [null, 0] })(
    eye(THETA_COUNT, THETA_COUNT, { dtype: "float64" }),
  ) as [Tensor, Tensor];
  const factor = model.weightedRestPositions;
  const parts = thetaGroups(model).map(({ first, count, columns }) => {
    if (columns.length === 0) return zeros([count, 3, factor.shape[1]!], { dtype: "float64" });
    const contiguous = columns.every((c, i) => c === columns[0]! + i);
    const range = [columns[0]!, columns[0]! + columns.length] as const;
    const reached = contiguous ? factor.slice(range) : take(factor, tensor(Int32Array.from(columns)));
    const lastAxisColumns = (m: Tensor) => (contiguous ? m.slice(...m.shape.slice(1).map(() => null), range) : take(m, tensor(Int32Array.from(columns)), m.rank - 1));
    const groupTangents = lastAxisColumns(dMap.slice([first, first + count]));
    return vmap((dm: Tensor) => jvp((m: Tensor) => m.matmul(reached), [lastAxisColumns(map)], [dm])[1])(groupTangents) as Tensor;
  });
  return [skin(map, factor), concatenate(parts)];
}

/**
 * The offsets points − target, [3, N], one column per point. The target is the barycentric
 * combination u0·a + u1·b + (1 − u0 − u1)·c of its triangle's corners (or the corresponding vertex
 * for the simple variant); the weights are negated on the [N] vector, so the offset is the points
 * plus negated-weight terms and no pass over the corners' derivatives negates them.
 */
function pointOffsets(vertices: Tensor, us: Tensor | null, points: PointSet): Tensor {
  const corners = points.targets.map((t) => take(vertices, t, 1));
  if (us === null) return points.positions.sub(corners[0]!);
  const u0 = us.slice(null, 0);
  const u1 = us.slice(null, 1);
  const weights = [u0.neg(), u1.neg(), u0.add(u1).sub(1)];
  return corners.reduce((sum, corner, k) => sum.add(corner.mul(weights[k]!)), points.positions);
}

/** Measured points [3, N] and the vertex indices each is compared with (see HtProblem.targets). */
interface PointSet {
  positions: Tensor;
  targets: Tensor[];
}

/**
 * Points are differentiated in blocks of this many: a block's tangents, [28, 3, block] float64,
 * stay in cache, where arrays over all points (up to 34 MB on the largest input, a dozen of them)
 * would stream through memory and keep the garbage collector busy.
 */
export const POINT_BLOCK = 4096;

/** The offsets points − target, flattened point by point: [3N]. */
export function handErrors(theta: Tensor, us: Tensor | null, problem: HtProblem): Tensor {
  const offsets = pointOffsets(posedVertices(theta, problem.model), us, { positions: problem.points, targets: problem.targets });
  return offsets.transpose().reshape([3 * problem.points.shape[1]!]);
}

const objective: EvalFunction<HtInput, HtProblem, Tensor> = {
  prepare: prepareHt,
  run: (problem) => handErrors(problem.theta, problem.us, problem),
  output: (errors) => Array.from(errors.data()),
};

/**
 * The Jacobian [3N, 28] (26 without us), by forward mode with the tangents pushed through in two
 * steps. First the posed vertices and their derivatives in theta: the 26 basis tangents batched by
 * vmap around one jvp of posedVertices, [26, 3, V]. Then, per block of points, one jvp of the
 * offsets in the vertices along those 26 tangents (columns 2-27), and one in us along an all-ones
 * direction for every point (columns 0 and 1), which gives each row its own derivative because row
 * 3i+j depends on us[i] only. A block's [28, 3, b] tangents become its [3b, 28] rows by one
 * transpose, and the blocks are joined once.
 */
export function handJacobian(problem: HtProblem): Tensor {
  const { theta, us, model } = problem;
  const pointCount = problem.points.shape[1]!;
  const [vertices, dVertices] = posedVerticesWithTangents(theta, model);
  const blocks: Tensor[] = [];
  let usDirections: Tensor | null = null;
  for (let start = 0; start < pointCount; start += POINT_BLOCK) {
    const end = Math.min(pointCount, start + POINT_BLOCK);
    const range = [start, end] as const;
    const points: PointSet = { positions: problem.points.slice(null, range), targets: problem.targets.map((t) => t.slice(range)) };
    const blockUs = us === null ? null : us.slice(range);
    let tangents = vmap((dv: Tensor) => jvp((v: Tensor) => pointOffsets(v, blockUs, points), [vertices], [dv])[1])(dVertices) as Tensor;
    if (blockUs !== null) {
      if (usDirections === null || usDirections.shape[1] !== end - start) {
        usDirections = zeros([2, end - start, 2], { dtype: "float64" }).add(tensor([[[1, 0]], [[0, 1]]], { dtype: "float64" }));
      }
      const dUs = vmap((du: Tensor) => jvp((u: Tensor) => pointOffsets(vertices, u, points), [blockUs], [du])[1])(usDirections) as Tensor;
      tangents = concatenate([dUs, tangents]);
    }
    blocks.push(tangents.transpose([2, 1, 0]).reshape([3 * (end - start), tangents.shape[0]!]));
  }
  return blocks.length === 1 ? blocks[0]! : concatenate(blocks);
}

const jacobian: EvalFunction<HtInput, HtProblem, Tensor> = {
  prepare: prepareHt,
  run: handJacobian,
  output: (jac) => jac.toArray(),
};

/** GradBench's `ht` module: `objective` and `jacobian`. */
export const ht: EvalModule = { objective, jacobian };
