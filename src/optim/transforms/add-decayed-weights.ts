import { treeUnflatten, type Tree, type TreeDef } from "../../core/tree.js";
import { TreeMismatchError, ValueError } from "../../errors.js";
import type { GradientTransformation } from "./gradient-transformation.js";
import { floatLeaves } from "./leaves.js";
import { checkSameStructure } from "../../core/tree.js";
import { checkFinite } from "./validate.js";

/**
 * Which parameters a transformation applies to: a tree of booleans shaped like the parameters, where
 * a boolean may also stand for a whole subtree (`{ w: true, b: false }` for `{ w, b: [b1, b2] }`), or
 * a function computing that tree from the parameters.
 * @example
 * const decayMatricesOnly: ParameterMask = (params: any) => ({ w: true, b: false });
 * decayMatricesOnly({}).w;   // => true
 */
export type ParameterMask = unknown | ((params: Tree) => unknown);

/** The mask flag of each leaf of `def`, in flatten order; a boolean covers its whole subtree. */
function maskFlags(op: string, def: TreeDef, mask: unknown, path = ""): boolean[] {
  if (typeof mask === "boolean") return new Array<boolean>(countLeaves(def)).fill(mask);
  const where = path || "the top";
  switch (def.kind) {
    case "leaf":
      throw new TreeMismatchError(op, `expected a boolean in the mask for the parameter at ${where}, got ${describe(mask)}.`);
    case "none":
      return [];
    case "array":
      if (!Array.isArray(mask) || mask.length !== def.children.length) {
        throw new TreeMismatchError(op, `expected the mask at ${where} to be a boolean or a list of ${def.children.length}, got ${describe(mask)}.`);
      }
      return def.children.flatMap((child, i) => maskFlags(op, child, mask[i], `${path}[${i}]`));
    case "object": {
      if (mask === null || typeof mask !== "object" || Array.isArray(mask)) {
        throw new TreeMismatchError(op, `expected the mask at ${where} to be a boolean or an object with keys ${def.keys.join(", ")}, got ${describe(mask)}.`);
      }
      const record = mask as Record<string, unknown>;
      return def.children.flatMap((child, i) => {
        const key = def.keys[i]!;
        if (!(key in record)) throw new TreeMismatchError(op, `expected the mask to have the key ${path}.${key}, got keys ${Object.keys(record).join(", ") || "none"}.`);
        return maskFlags(op, child, record[key], `${path}.${key}`);
      });
    }
  }
}

function countLeaves(def: TreeDef): number {
  return def.kind === "leaf" ? 1 : def.kind === "none" ? 0 : def.children.reduce((n, c) => n + countLeaves(c), 0);
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return `a list of ${x.length}`;
  return x === null ? "null" : typeof x;
}

/**
 * Adds `weightDecay · params` to the updates (Optax's `add_decayed_weights`): placed before the
 * learning-rate scale it gives decoupled weight decay (Loshchilov and Hutter, AdamW, 2019).
 * `mask` limits the decay to some parameters, commonly the weight matrices and not the biases.
 * @throws ValueError when `update` is called without the parameters (unless weightDecay is 0)
 * @throws TreeMismatchError when the mask does not fit the parameters
 * @example
 * const decay = addDecayedWeights(0.1, { w: true, b: false });
 * const params = { w: tensor([10]), b: tensor([10]) };
 * const [updates] = decay.update({ w: tensor([1]), b: tensor([1]) }, decay.init(params), params);
 * updates;   // => { w: tensor([2]), b: tensor([1]) }
 */
export function addDecayedWeights(weightDecay = 0, mask?: ParameterMask): GradientTransformation<null> {
  const op = "addDecayedWeights";
  const rate = checkFinite(op, "weightDecay", weightDecay);
  return {
    init: () => null,
    update(updates: Tree, state: null, params?: Tree) {
      // A zero decay changes nothing, so it does not need the parameters.
      if (rate === 0) return [updates, state];
      if (params === undefined) {
        throw new ValueError(op, "expected the parameters as the third argument of update, got undefined. Call update(updates, state, params).");
      }
      const [gs, def] = floatLeaves(op, updates, "updates");
      const [ps, paramsDef] = floatLeaves(op, params, "params");
      checkSameStructure(op, def, paramsDef, "params");
      const flags = mask === undefined ? gs.map(() => true) : maskFlags(op, paramsDef, typeof mask === "function" ? mask(params) : mask);
      return [treeUnflatten(def, gs.map((g, i) => (flags[i] ? g.add(ps[i]!.mul(rate)) : g))), state];
    },
  };
}
