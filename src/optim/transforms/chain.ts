import type { Tree } from "../../core/tree.js";
import { ValueError } from "../../errors.js";
import type { GradientTransformation } from "./gradient-transformation.js";

/**
 * Applies transformations one after the other, each to the previous one's updates (Optax's
 * `chain`); the state is the list of their states, in order.
 * @throws ValueError if an argument is not a gradient transformation, or the state is not a list of the right length
 * @example
 * const opt = chain(clipByGlobalNorm(1), scaleByLearningRate(0.1));
 * const params = { w: tensor([0, 0]) };
 * const [updates] = opt.update({ w: tensor([3, 4]) }, opt.init(params));
 * updates.w;   // => tensor([-0.06, -0.08])
 */
export function chain(...transforms: GradientTransformation<any>[]): GradientTransformation<unknown[]> {
  transforms.forEach((t, i) => {
    if (typeof t?.init !== "function" || typeof t?.update !== "function") {
      throw new ValueError("chain", `expected gradient transformations (objects with init and update), got ${t === null ? "null" : typeof t} at argument ${i}.`);
    }
  });
  return {
    init: (params: Tree) => transforms.map((t) => t.init(params)),
    update(updates: Tree, state: unknown[], params?: Tree) {
      if (!Array.isArray(state) || state.length !== transforms.length) {
        const got = Array.isArray(state) ? `a list of ${state.length}` : typeof state;
        throw new ValueError("chain", `expected a state list of ${transforms.length} entries (one per transformation), got ${got}. Pass the state returned by init or update.`);
      }
      const next: unknown[] = [];
      let current: any = updates;
      transforms.forEach((t, i) => {
        const [out, s] = t.update(current, state[i], params);
        current = out;
        next.push(s);
      });
      return [current, next];
    },
  };
}
