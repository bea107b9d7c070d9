import type { Tree } from "../../core/tree.js";
import { zerosLike } from "../../ops/creation.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { floatLeaves, mapLeaves } from "./leaves.js";
import { checkInterval } from "./validate.js";

/**
 * The state of `traceMomentum`: the running trace, shaped like the parameters.
 * @example
 * const state: TraceMomentumState = traceMomentum().init({ w: tensor([1, 2]) });
 * state.trace;   // => { w: tensor([0, 0]) }
 */
export interface TraceMomentumState {
  readonly trace: any;
}

/**
 * Options of `traceMomentum`.
 * @example
 * const options: TraceMomentumOptions = { decay: 0.9, nesterov: true };
 * options.decay;   // => 0.9
 */
export interface TraceMomentumOptions {
  /** The momentum coefficient β in [0, 1]; default 0.9. */
  decay?: number;
  /** Use Nesterov's look-ahead form; default false. */
  nesterov?: boolean;
}

/**
 * Heavy-ball momentum (Optax's `trace`): the trace is `t ← g + β·t` and the update is `t`, or
 * `g + β·t` with `nesterov` (Sutskever et al., 2013). The trace starts at zero, so the first update
 * is the gradient itself.
 * @throws ValueError if `decay` is outside [0, 1]
 * @example
 * const tr = traceMomentum({ decay: 0.5 });
 * let state = tr.init(tensor([0]));
 * let updates: any;
 * [updates, state] = tr.update(tensor([1]), state);
 * [updates, state] = tr.update(tensor([1]), state);
 * updates;   // => tensor([1.5])
 */
export function traceMomentum(options: TraceMomentumOptions = {}): GradientTransformation<TraceMomentumState> {
  const op = "traceMomentum";
  const decay = checkInterval(op, "decay", options.decay ?? 0.9, 0, 1);
  const nesterov = options.nesterov ?? false;
  return {
    init: (params: Tree) => ({ trace: mapLeaves(op, { params }, (p) => zerosLike(p)) }),
    update(updates: Tree, state: TraceMomentumState) {
      floatLeaves(op, updates, "updates");
      const trace = mapLeaves(op, { updates, trace: state.trace }, (g, t) => g.add(t.mul(decay)));
      const out = nesterov ? mapLeaves(op, { updates, trace }, (g, t) => g.add(t.mul(decay))) : trace;
      return [out, { trace }];
    },
  };
}
