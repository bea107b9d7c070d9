/**
 * The tree bookkeeping every gradient transformation shares, kept out of the update formulas:
 * checking that a tree holds float tensors, and mapping a formula over matching leaves of several
 * trees (updates, moments, parameters) that must have one structure.
 */
import { checkSameStructure, treeFlatten, treeUnflatten, type TreeDef } from "../../core/tree.js";
import { DTypeError, ValueError } from "../../errors.js";
import { isFloat } from "../../tensor/dtype.js";
import { Tensor } from "../../tensor/tensor.js";

/**
 * The leaves of `tree`, checked to be float tensors (optimizer states and updates are real numbers).
 * @internal
 */
export function floatLeaves(op: string, tree: unknown, what: string): [Tensor[], TreeDef] {
  const [leaves, def] = treeFlatten(tree, op);
  leaves.forEach((leaf, i) => {
    if (!(leaf instanceof Tensor)) {
      throw new ValueError(op, `expected ${what} to be a tree of tensors, got the number ${leaf} at leaf ${i}. Wrap numbers with tensor(...).`);
    }
    if (!isFloat(leaf.dtype)) {
      throw new DTypeError(op, `expected float tensors in ${what}, got ${leaf.dtype} at leaf ${i}. Convert with astype(x, "float32") or "float64".`);
    }
  });
  return [leaves as Tensor[], def];
}

/**
 * Applies `formula` to the matching leaves of the named trees; the first tree gives the structure
 * and the others must share it (an error names the one that does not).
 * @internal
 */
export function mapLeaves(op: string, trees: Record<string, unknown>, formula: (...leaves: Tensor[]) => Tensor): any {
  const names = Object.keys(trees);
  const [first, def] = floatLeaves(op, trees[names[0]!], names[0]!);
  const others = names.slice(1).map((name) => {
    const [leaves, otherDef] = floatLeaves(op, trees[name], name);
    checkSameStructure(op, def, otherDef, name);
    return leaves;
  });
  return treeUnflatten(def, first.map((leaf, i) => formula(leaf, ...others.map((l) => l[i]!))));
}
