/**
 * GradBench `kmeans`: the k-means cost Σ_i min_j |p_i − c_j|² and the Newton direction J ./ H for
 * the centroids, with the gradient J and the Hessian's diagonal H both by automatic
 * differentiation.
 */
import { grad, jvp, matmul, onesLike, tensor, type Tensor } from "../../../src/index.js";
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
 * Σ_i min_j |p_i − c_j|², with all squared distances at once as |p_i|² − 2 p_i·c_j + |c_j|²:
 * one [n, d]×[d, k] matrix product instead of an [n, k, d] array of differences.
 */
export function cost(centroids: Tensor, points: Tensor): Tensor {
  const pointNorms = points.square().sum(1, { keepdims: true }); // [n, 1]
  const centroidNorms = centroids.square().sum(1); // [k]
  const distances = pointNorms.sub(matmul(points, centroids.T).mul(2)).add(centroidNorms); // [n, k]
  return distances.min(1).sum();
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
