import type { Tree } from "../../core/tree.js";
import { zerosLike } from "../../ops/creation.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { mapLeaves } from "./leaves.js";
import { checkInterval } from "./validate.js";

/**
 * The state of `scaleByAdam`: the update count and the first and second moment estimates.
 * @example
 * const state: ScaleByAdamState = scaleByAdam().init(tensor([1, 2]));
 * [state.count, state.mu, state.nu];   // => [0, tensor([0, 0]), tensor([0, 0])]
 */
export interface ScaleByAdamState {
  readonly count: number;
  readonly mu: any;
  readonly nu: any;
}

/**
 * Options of `scaleByAdam`, `adam` and `adamw`, with Optax's defaults.
 * @example
 * const options: ScaleByAdamOptions = { b1: 0.9, b2: 0.999, eps: 1e-8 };
 * options.b2;   // => 0.999
 */
export interface ScaleByAdamOptions {
  /** Decay of the first moment, in [0, 1); default 0.9. */
  b1?: number;
  /** Decay of the second moment, in [0, 1); default 0.999. */
  b2?: number;
  /** Added to the root of the second moment; default 1e-8. */
  eps?: number;
  /** Added to the second moment inside the root (keeps gradients through Adam finite); default 0. */
  epsRoot?: number;
  /** Nesterov momentum on the first moment (NAdam, Dozat 2016); default false. */
  nesterov?: boolean;
}

/**
 * Adam's rescaling (Kingma and Ba, 2015; Optax's `scale_by_adam`). With t the update count from 1:
 * `μ ← b1·μ + (1−b1)·g`, `ν ← b2·ν + (1−b2)·g²`, `μ̂ = μ/(1−b1^t)`, `ν̂ = ν/(1−b2^t)`, and the update
 * `μ̂ / (√(ν̂ + epsRoot) + eps)`. With `nesterov`, `μ̂ = b1·μ/(1−b1^(t+1)) + (1−b1)·g/(1−b1^t)`.
 * @throws ValueError for b1 or b2 outside [0, 1), or a negative eps
 * @example
 * const adamScale = scaleByAdam();
 * const [updates] = adamScale.update(tensor([0.5, -2]), adamScale.init(tensor([0, 0])));
 * updates;   // => tensor([1, -1])
 */
export function scaleByAdam(options: ScaleByAdamOptions = {}): GradientTransformation<ScaleByAdamState> {
  const op = "scaleByAdam";
  const b1 = checkInterval(op, "b1", options.b1 ?? 0.9, 0, 1, "high");
  const b2 = checkInterval(op, "b2", options.b2 ?? 0.999, 0, 1, "high");
  const eps = checkInterval(op, "eps", options.eps ?? 1e-8, 0, Infinity, "high");
  const epsRoot = checkInterval(op, "epsRoot", options.epsRoot ?? 0, 0, Infinity, "high");
  const nesterov = options.nesterov ?? false;
  return {
    init(params: Tree) {
      const zeros = () => mapLeaves(op, { params }, (p) => zerosLike(p));
      return { count: 0, mu: zeros(), nu: zeros() };
    },
    update(updates: Tree, state: ScaleByAdamState) {
      const t = state.count + 1;
      const mu = mapLeaves(op, { updates, mu: state.mu }, (g, m) => m.mul(b1).add(g.mul(1 - b1)));
      const nu = mapLeaves(op, { updates, nu: state.nu }, (g, v) => v.mul(b2).add(g.square().mul(1 - b2)));
      const muHat = nesterov
        ? mapLeaves(op, { updates, mu }, (g, m) => m.mul(b1 / (1 - b1 ** (t + 1))).add(g.mul((1 - b1) / (1 - b1 ** t))))
        : mapLeaves(op, { mu }, (m) => m.div(1 - b1 ** t));
      const out = mapLeaves(op, { muHat, nu }, (m, v) => m.div(v.div(1 - b2 ** t).add(epsRoot).sqrt().add(eps)));
      return [out, { count: t, mu, nu }];
    },
  };
}
