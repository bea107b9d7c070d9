/**
 * GradBench `det`: the determinant by Laplace (cofactor) expansion along the first row, and its
 * gradient (the cofactor matrix) by `grad`.
 *
 * The expansion is evaluated with memoized minors, level by level. The minor of the rows k..ℓ−1
 * restricted to a set S of ℓ − k columns expands along its first row k:
 *
 *   minor(k, S) = Σ_p (−1)^p · A[k, S_p] · minor(k + 1, S ∖ {S_p}),   S_0 < S_1 < ... sorted,
 *
 * and minor(ℓ, ∅) = 1, det A = minor(0, {0, ..., ℓ−1}). The recursive program recomputes each
 * minor of the lower rows many times (ℓ! products in all); here each of the C(ℓ, ℓ−k) minors of
 * level k is computed once, from the whole level below, with two gathers, a product and a sum:
 * ℓ·2^(ℓ−1) terms in all. It is the same expansion, so the same function with the same
 * derivative, but not the O(ℓ!) work the eval's reference does on purpose.
 */
import { grad, tensor, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatVector, positiveInteger } from "../json-input.js";

interface DetInput {
  A: number[];
  ell: number;
}

/** How level k's minors are built from level k + 1's: for each minor and each term of its expansion. */
interface Level {
  /** [minors, terms]: the column S_p of row k in the term. */
  columns: Tensor;
  /** [minors, terms]: the index of minor(k + 1, S ∖ {S_p}) in the level below. */
  subminors: Tensor;
  /** [minors, terms]: the sign (−1)^p. */
  signs: Tensor;
}

/** The expansion's index tables for ℓ×ℓ matrices; they depend on ℓ only. */
export function expansionPlan(ell: number): Level[] {
  // Column subsets as bit masks, listed per size; index[mask] is the mask's position in its list.
  const bySize: number[][] = Array.from({ length: ell + 1 }, () => []);
  for (let mask = 0; mask < 1 << ell; mask++) bySize[popCount(mask)]!.push(mask);
  const index = new Int32Array(1 << ell);
  for (const list of bySize) list.forEach((mask, i) => (index[mask] = i));
  const levels: Level[] = [];
  for (let k = 0; k < ell; k++) {
    const size = ell - k;
    const masks = bySize[size]!;
    const columns = new Int32Array(masks.length * size);
    const subminors = new Int32Array(masks.length * size);
    const signs = new Float64Array(masks.length * size);
    masks.forEach((mask, i) => {
      let p = 0;
      for (let column = 0; column < ell; column++) {
        if (!(mask & (1 << column))) continue;
        columns[i * size + p] = column;
        subminors[i * size + p] = index[mask & ~(1 << column)]!;
        signs[i * size + p] = p % 2 === 0 ? 1 : -1;
        p++;
      }
    });
    const shape = [masks.length, size];
    levels.push({ columns: tensor(columns, { shape }), subminors: tensor(subminors, { shape }), signs: tensor(signs, { shape }) });
  }
  return levels;
}

function popCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/** det A of an ℓ×ℓ matrix by expansion along the first row with memoized minors. */
export function determinant(a: Tensor, plan: readonly Level[]): Tensor {
  const ell = plan.length;
  let minors = tensor([1], { dtype: a.dtype }); // minor(ℓ, ∅)
  for (let k = ell - 1; k >= 0; k--) {
    const { columns, subminors, signs } = plan[k]!;
    const entries = a.slice(k).take(columns); // A[k, S_p]
    minors = entries.mul(signs).mul(minors.take(subminors)).sum(1);
  }
  return minors.reshape([]);
}

interface Problem {
  a: Tensor;
  plan: Level[];
}

const plans = new Map<number, Level[]>();

function detFunction(f: (problem: Problem) => Tensor): EvalFunction<DetInput, Problem, Tensor> {
  return {
    prepare: (input) => {
      const ell = positiveInteger("det", input.ell, "ell");
      const data = floatVector("det", input.A, "A");
      if (data.length !== ell * ell) throw new Error(`det: expected A to hold ell² = ${ell * ell} numbers, got ${data.length}.`);
      if (!plans.has(ell)) plans.set(ell, expansionPlan(ell));
      return { a: tensor(data, { shape: [ell, ell] }), plan: plans.get(ell)! };
    },
    run: f,
    output: (y) => (y.rank === 0 ? y.item() : Array.from(y.data())),
  };
}

const gradient = grad(determinant);

export const det: EvalModule = {
  primal: detFunction(({ a, plan }) => determinant(a, plan)),
  gradient: detFunction(({ a, plan }) => gradient(a, plan)),
};
