import type { Tree } from "../../core/tree.js";
import { full } from "../../ops/creation.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { mapLeaves } from "./leaves.js";
import { checkInterval } from "./validate.js";

/**
 * The state of `scaleByRms`: the update count and the running mean of squared updates.
 * @example
 * const state: ScaleByRmsState = scaleByRms().init(tensor([1, 2]));
 * state.nu;   // => tensor([0, 0])
 */
export interface ScaleByRmsState {
  readonly count: number;
  readonly nu: any;
}

/**
 * Options of `scaleByRms`, `scaleByStddev` and `rmsprop`, with Optax's defaults.
 * @example
 * const options: ScaleByRmsOptions = { decay: 0.9, eps: 1e-8 };
 * options.decay;   // => 0.9
 */
export interface ScaleByRmsOptions {
  /** Decay of the running averages, in [0, 1]; default 0.9. */
  decay?: number;
  /** Keeps the division finite; default 1e-8. */
  eps?: number;
  /** The value the running mean of squares starts from; default 0. */
  initialScale?: number;
  /** Add eps inside the square root (`g/√(ν+eps)`, Optax's default) rather than after it (`g/(√ν+eps)`); default true. */
  epsInSqrt?: boolean;
  /** Divide the running averages by `1 − decay^t` as Adam does; default false. */
  biasCorrection?: boolean;
}

/**
 * RMSProp's rescaling (Tieleman and Hinton, 2012; Optax's `scale_by_rms`):
 * `ν ← decay·ν + (1−decay)·g²`, update `g / √(ν + eps)` (or `g / (√ν + eps)` with `epsInSqrt: false`),
 * ν divided by `1 − decay^t` first when `biasCorrection` is set.
 * @throws ValueError for a decay outside [0, 1] or a negative eps or initialScale
 * @example
 * const rms = scaleByRms({ decay: 0.75, eps: 0 });
 * const [updates] = rms.update(tensor([2, -4]), rms.init(tensor([0, 0])));
 * updates;   // => tensor([2, -2])
 */
export function scaleByRms(options: ScaleByRmsOptions = {}): GradientTransformation<ScaleByRmsState> {
  const op = "scaleByRms";
  const { decay, eps, initialScale, epsInSqrt, biasCorrection } = rmsSettings(op, options);
  return {
    init: (params: Tree) => ({ count: 0, nu: mapLeaves(op, { params }, (p) => full(p.shape, initialScale, { dtype: p.dtype })) }),
    update(updates: Tree, state: ScaleByRmsState) {
      const t = state.count + 1;
      const nu = mapLeaves(op, { updates, nu: state.nu }, (g, v) => v.mul(decay).add(g.square().mul(1 - decay)));
      const correction = biasCorrection ? 1 - decay ** t : 1;
      const out = mapLeaves(op, { updates, nu }, (g, v) => {
        const mean = v.div(correction);
        return g.div(epsInSqrt ? mean.add(eps).sqrt() : mean.sqrt().add(eps));
      });
      return [out, { count: t, nu }];
    },
  };
}

/** ScaleByRmsOptions validated, with their defaults (shared with scaleByStddev). */
export function rmsSettings(op: string, options: ScaleByRmsOptions): Required<ScaleByRmsOptions> {
  return {
    decay: checkInterval(op, "decay", options.decay ?? 0.9, 0, 1),
    eps: checkInterval(op, "eps", options.eps ?? 1e-8, 0, Infinity, "high"),
    initialScale: checkInterval(op, "initialScale", options.initialScale ?? 0, 0, Infinity, "high"),
    epsInSqrt: options.epsInSqrt ?? true,
    biasCorrection: options.biasCorrection ?? false,
  };
}
