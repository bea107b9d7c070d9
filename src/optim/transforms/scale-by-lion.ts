import type { Tree } from "../../core/tree.js";
import { zerosLike } from "../../ops/creation.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { mapLeaves } from "./leaves.js";
import { checkInterval } from "./validate.js";

/**
 * The state of `scaleByLion`: the update count and the momentum.
 * @example
 * const state: ScaleByLionState = scaleByLion().init(tensor([1]));
 * state.mu;   // => tensor([0])
 */
export interface ScaleByLionState {
  readonly count: number;
  readonly mu: any;
}

/**
 * Lion's rescaling (Chen et al., "Symbolic Discovery of Optimization Algorithms", 2023; Optax's
 * `scale_by_lion`): the update is `sign((1−b1)·g + b1·μ)`, then the momentum moves with its own
 * rate, `μ ← b2·μ + (1−b2)·g`. Every coordinate moves by exactly ±1 (or 0).
 * @throws ValueError for b1 or b2 outside [0, 1]
 * @example
 * const signs = scaleByLion();
 * const [updates] = signs.update(tensor([0.3, -7, 0]), signs.init(tensor([0, 0, 0])));
 * updates;   // => tensor([1, -1, 0])
 */
export function scaleByLion(options: { b1?: number; b2?: number } = {}): GradientTransformation<ScaleByLionState> {
  const op = "scaleByLion";
  const b1 = checkInterval(op, "b1", options.b1 ?? 0.9, 0, 1);
  const b2 = checkInterval(op, "b2", options.b2 ?? 0.99, 0, 1);
  return {
    init: (params: Tree) => ({ count: 0, mu: mapLeaves(op, { params }, (p) => zerosLike(p)) }),
    update(updates: Tree, state: ScaleByLionState) {
      const out = mapLeaves(op, { updates, mu: state.mu }, (g, m) => g.mul(1 - b1).add(m.mul(b1)).sign());
      const mu = mapLeaves(op, { updates, mu: state.mu }, (g, m) => m.mul(b2).add(g.mul(1 - b2)));
      return [out, { count: state.count + 1, mu }];
    },
  };
}
