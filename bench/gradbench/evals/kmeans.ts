/**
 * GradBench `kmeans`: the k-means cost Σ_i min_j |p_i − c_j|² and the Newton direction J ./ H for
 * the centroids, with the gradient J and the Hessian's diagonal H both by automatic
 * differentiation.
 */
import { concatenate, grad, jvp, matmul, ones, onesLike, stopGradient, tensor, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatMatrix } from "../json-input.js";

interface KmeansInput {
  points: number[][];
  centroids: number[][];
}

interface Problem {
  points: Tensor;
  centroids: Tensor;
}

/**
 * Σ_i min_j |p_i − c_j|². The nearest centroid of each point is found first, from all squared
 * distances at once (up to the term |p_i|², which is the same for every j):
 * −2 p_i·c_j + |c_j|² is one [n, d+1]×[d+1, k] matrix product of [p_i, 1] and [−2c_j; |c_j|²].
 * Then the cost is the sum of the distances to those centroids. This is the same function (the
 * minimum of the terms is the term at the argmin, the first one on ties as in the reference) with
 * the same derivative (that of min, which flows to the smallest term), but the derivative passes
 * through n·d gathered values instead of the whole [n, k] matrix of distances.
 */
export function cost(centroids: Tensor, points: Tensor): Tensor {
  const nearest = nearestCentroids(stopGradient(centroids), points);
  // c − p rather than p − c: the same squares, and the reverse pass needs no negation on the centroids' side.
  return centroids.take(nearest).sub(points).square().sum();
}

/** For each point, the index of its nearest centroid (int32 [n]); no derivative flows here. */
function nearestCentroids(centroids: Tensor, points: Tensor): Tensor {
  const n = points.shape[0]!;
  const k = centroids.shape[0]!;
  const augmentedPoints = concatenate([points, ones([n, 1], { dtype: points.dtype })], 1); // [n, d+1]
  const augmentedCentroids = concatenate([centroids.T.mul(-2), centroids.square().sum(1).reshape([1, k])], 0); // [d+1, k]
  return matmul(augmentedPoints, augmentedCentroids).argmin(1);
}

/**
 * The Newton step J ./ diag(H). The cost is a sum over points of the squared distance to the
 * nearest centroid; where the assignment is locally constant its Hessian with respect to the
 * centroids is diagonal (2·count_j on each coordinate of centroid j, no coupling between
 * coordinates or centroids), so H·1 is exactly its diagonal. One forward-over-reverse pass,
 * jvp of grad with an all-ones tangent, gives J and H·1 together.
 */
export function newtonDirection(centroids: Tensor, points: Tensor): Tensor {
  const gradient = grad(cost);
  const [j, h] = jvp((c: Tensor) => gradient(c, points), [centroids], [onesLike(centroids)]);
  return j.div(h);
}

function kmeansFunction(f: (problem: Problem) => Tensor, toJson: (y: Tensor) => unknown): EvalFunction<KmeansInput, Problem, Tensor> {
  return {
    prepare: (input) => {
      const points = floatMatrix("kmeans", input.points, "points");
      const centroids = floatMatrix("kmeans", input.centroids, "centroids");
      if (points.shape[1] !== centroids.shape[1]) {
        throw new Error(`kmeans: expected points and centroids of the same dimension, got ${points.shape[1]} and ${centroids.shape[1]}.`);
      }
      if (centroids.shape[0] === 0) throw new Error("kmeans: expected at least one centroid, got none.");
      return { points: tensor(points.data, { shape: points.shape }), centroids: tensor(centroids.data, { shape: centroids.shape }) };
    },
    run: f,
    output: toJson,
  };
}

export const kmeans: EvalModule = {
  cost: kmeansFunction(({ centroids, points }) => cost(centroids, points), (y) => y.item()),
  dir: kmeansFunction(({ centroids, points }) => newtonDirection(centroids, points), (y) => y.toArray()),
};
