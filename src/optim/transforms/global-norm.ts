import type { Tree } from "../../core/tree.js";
import { astype } from "../../ops/convert.js";
import { scalar } from "../../ops/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { floatLeaves } from "./leaves.js";

/**
 * The Euclidean norm of all the leaves of a tree taken together, √(Σ‖leaf‖²), as a 0-d tensor
 * (Optax's `global_norm`); float64 if any leaf is.
 * @example
 * globalNorm({ a: tensor([3]), b: [tensor([4])] }).item();   // => 5
 */
export function globalNorm(tree: Tree): Tensor {
  const [leaves] = floatLeaves("globalNorm", tree, "the tree");
  const dtype = leaves.some((l) => l.dtype === "float64") ? "float64" : "float32";
  return leaves.reduce((sum, leaf) => sum.add(astype(leaf, dtype).square().sum()), scalar(0, dtype)).sqrt();
}
