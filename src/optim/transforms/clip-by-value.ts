import type { Tree } from "../../core/tree.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { mapLeaves } from "./leaves.js";
import { checkInterval } from "./validate.js";

/**
 * Clips every update coordinate to [−maxDelta, maxDelta] (Optax's `clip`); no state.
 * @throws ValueError for a negative or non-finite maxDelta
 * @example
 * const [updates] = clipByValue(1).update(tensor([-3, 0.5, 2]), null);
 * updates;   // => tensor([-1, 0.5, 1])
 */
export function clipByValue(maxDelta: number): GradientTransformation<null> {
  const bound = checkInterval("clipByValue", "maxDelta", maxDelta, 0, Infinity, "high");
  return {
    init: () => null,
    update: (updates: Tree, state: null) => [mapLeaves("clipByValue", { updates }, (g) => g.clip(-bound, bound)), state],
  };
}
