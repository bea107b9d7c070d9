import type { Tree } from "../../core/tree.js";
import { full } from "../../ops/creation.js";
import { where } from "../../ops/elementwise.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { mapLeaves } from "./leaves.js";
import { checkInterval } from "./validate.js";

/**
 * The state of `scaleByRss`: the running sum of squared updates.
 * @example
 * const state: ScaleByRssState = scaleByRss().init(tensor([1, 2]));
 * state.sumOfSquares;   // => tensor([0.1, 0.1])
 */
export interface ScaleByRssState {
  readonly sumOfSquares: any;
}

/**
 * Adagrad's rescaling (Duchi et al., 2011; Optax's `scale_by_rss`): `s ← s + g²` and the update
 * `g / √(s + eps)`, or 0 where s is 0 (a coordinate that never moved).
 * @param options - `initialAccumulatorValue` (default 0.1) starts s; `eps` (default 1e-7)
 * @throws ValueError for a negative initial value or eps
 * @example
 * const rss = scaleByRss({ initialAccumulatorValue: 0, eps: 0 });
 * const [updates] = rss.update(tensor([3, -4]), rss.init(tensor([0, 0])));
 * updates;   // => tensor([1, -1])
 */
export function scaleByRss(options: { initialAccumulatorValue?: number; eps?: number } = {}): GradientTransformation<ScaleByRssState> {
  const op = "scaleByRss";
  const initial = checkInterval(op, "initialAccumulatorValue", options.initialAccumulatorValue ?? 0.1, 0, Infinity, "high");
  const eps = checkInterval(op, "eps", options.eps ?? 1e-7, 0, Infinity, "high");
  return {
    init: (params: Tree) => ({ sumOfSquares: mapLeaves(op, { params }, (p) => full(p.shape, initial, { dtype: p.dtype })) }),
    update(updates: Tree, state: ScaleByRssState) {
      const sumOfSquares = mapLeaves(op, { updates, sumOfSquares: state.sumOfSquares }, (g, s) => s.add(g.square()));
      const out = mapLeaves(op, { updates, sumOfSquares }, (g, s) => where(s.greater(0), g.div(s.add(eps).sqrt()), 0));
      return [out, { sumOfSquares }];
    },
  };
}
