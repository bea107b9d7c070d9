import type { Tree } from "../../core/tree.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { mapLeaves } from "./leaves.js";
import { checkFinite } from "./validate.js";

/**
 * Multiplies every update by a fixed `stepSize` (Optax's `scale`); no state.
 * @throws ValueError if `stepSize` is not a finite number
 * @example
 * const [updates] = scale(-0.5).update([tensor([2, 4])], null);
 * updates[0];   // => tensor([-1, -2])
 */
export function scale(stepSize: number): GradientTransformation<null> {
  const factor = checkFinite("scale", "stepSize", stepSize);
  return {
    init: () => null,
    update: (updates: Tree, state: null) => [mapLeaves("scale", { updates }, (g) => g.mul(factor)), state],
  };
}
