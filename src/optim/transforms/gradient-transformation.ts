import type { Tree } from "../../core/tree.js";

/**
 * A gradient transformation in Optax's shape: `init` builds a state from the parameters, `update`
 * turns incoming updates (gradients, at the start of a chain) into outgoing updates and a new state.
 * Both are pure: states are plain trees, never changed in place, so a step can be repeated or undone.
 * @typeParam S - the state tree
 * @example
 * const opt: GradientTransformation<unknown> = sgd(0.1);
 * const params = { w: tensor([1, 2]) };
 * const [updates] = opt.update({ w: tensor([1, -1]) }, opt.init(params), params);
 * applyUpdates(params, updates);   // => { w: tensor([0.9, 2.1]) }
 */
export interface GradientTransformation<S = unknown> {
  /** The initial state for parameters shaped like `params`. */
  init(params: Tree): S;
  /**
   * The transformed updates and the next state.
   * @param updates - a tree of float tensors shaped like the parameters (gradients, or the previous transformation's output)
   * @param state - the state from `init` or from the previous `update`
   * @param params - the current parameters, needed by transformations such as weight decay
   */
  update(updates: Tree, state: S, params?: Tree): [any, S];
}
