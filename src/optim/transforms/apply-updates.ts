import type { Tree } from "../../core/tree.js";
import { astype } from "../../ops/convert.js";
import { mapLeaves } from "./leaves.js";

/**
 * The new parameters `params + updates`, leaf by leaf, each kept in its parameter's dtype (Optax's
 * `apply_updates`).
 * @throws TreeMismatchError when the trees differ in structure
 * @example
 * applyUpdates({ w: tensor([1, 2]) }, { w: tensor([-0.5, 0.5]) });   // => { w: tensor([0.5, 2.5]) }
 */
export function applyUpdates<T extends Tree>(params: T, updates: Tree): T {
  return mapLeaves("applyUpdates", { params, updates }, (p, u) => astype(p.add(u), p.dtype));
}
