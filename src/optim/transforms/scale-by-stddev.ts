import type { Tree } from "../../core/tree.js";
import { full, zerosLike } from "../../ops/creation.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { mapLeaves } from "./leaves.js";
import { rmsSettings, type ScaleByRmsOptions } from "./scale-by-rms.js";

/**
 * The state of `scaleByStddev`: the update count and running means of the updates and their squares.
 * @example
 * const state: ScaleByStddevState = scaleByStddev().init(tensor([1]));
 * [state.mu, state.nu];   // => [tensor([0]), tensor([0])]
 */
export interface ScaleByStddevState {
  readonly count: number;
  readonly mu: any;
  readonly nu: any;
}

/**
 * Centered RMSProp's rescaling (Graves, 2013; Optax's `scale_by_stddev`): running means
 * `μ ← decay·μ + (1−decay)·g` and `ν ← decay·ν + (1−decay)·g²`, update `g / √(ν − μ² + eps)`, dividing
 * by an estimate of the standard deviation of the updates rather than their root mean square.
 * ν − μ² is a variance, so it is clamped at 0 where rounding would make it negative.
 * @throws ValueError for a decay outside [0, 1] or a negative eps or initialScale
 * @example
 * const centered = scaleByStddev({ decay: 0.5, eps: 0 });
 * const [updates] = centered.update(tensor([2]), centered.init(tensor([0])));
 * updates;   // => tensor([2])
 */
export function scaleByStddev(options: ScaleByRmsOptions = {}): GradientTransformation<ScaleByStddevState> {
  const op = "scaleByStddev";
  const { decay, eps, initialScale, epsInSqrt, biasCorrection } = rmsSettings(op, options);
  return {
    init: (params: Tree) => ({
      count: 0,
      mu: mapLeaves(op, { params }, (p) => zerosLike(p)),
      nu: mapLeaves(op, { params }, (p) => full(p.shape, initialScale, { dtype: p.dtype })),
    }),
    update(updates: Tree, state: ScaleByStddevState) {
      const t = state.count + 1;
      const mu = mapLeaves(op, { updates, mu: state.mu }, (g, m) => m.mul(decay).add(g.mul(1 - decay)));
      const nu = mapLeaves(op, { updates, nu: state.nu }, (g, v) => v.mul(decay).add(g.square().mul(1 - decay)));
      const correction = biasCorrection ? 1 - decay ** t : 1;
      const out = mapLeaves(op, { updates, mu, nu }, (g, m, v) => {
        const variance = v.div(correction).sub(m.div(correction).square()).maximum(0);
        return g.div(epsInSqrt ? variance.add(eps).sqrt() : variance.sqrt().add(eps));
      });
      return [out, { count: t, mu, nu }];
    },
  };
}
