import type { Tree } from "../../core/tree.js";
import { astype } from "../../ops/convert.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { globalNorm } from "./global-norm.js";
import { mapLeaves } from "./leaves.js";
import { checkInterval } from "./validate.js";

/**
 * Rescales all updates together so that their global norm is at most `maxNorm` (Pascanu et al.,
 * 2013; Optax's `clip_by_global_norm`): the direction is kept, only the length shrinks. No state.
 * @throws ValueError for a maxNorm that is not positive and finite
 * @example
 * const [updates] = clipByGlobalNorm(1).update({ a: tensor([3]), b: tensor([4]) }, null);
 * updates;   // => { a: tensor([0.6]), b: tensor([0.8]) }
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<null> {
  const op = "clipByGlobalNorm";
  const bound = checkInterval(op, "maxNorm", maxNorm, 0, Infinity, "both");
  return {
    init: () => null,
    update(updates: Tree, state: null) {
      const norm = globalNorm(updates);
      // maxNorm / max(norm, maxNorm) is 1 below the bound and maxNorm/norm above it, with no branch.
      const factor = norm.maximum(bound).reciprocal().mul(bound);
      return [mapLeaves(op, { updates }, (g) => g.mul(astype(factor, g.dtype))), state];
    },
  };
}
