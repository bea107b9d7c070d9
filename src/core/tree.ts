import { TreeMismatchError, ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";

/**
 * A parameter tree: tensors (and plain numbers) nested in arrays and plain objects, such as
 * `{ layers: [{ w, b }, { w, b }] }`. Every transformation takes and returns trees.
 * @example
 * const params: Tree = { w: tensor([1, 2]), layers: [{ b: tensor(3) }] };
 * grad((p: any) => p.w.sum().add(p.layers[0].b))(params);   // => { w: tensor([1, 1]), layers: [{ b: tensor(1) }] }
 */
export type Tree = Tensor | number | null | undefined | readonly Tree[] | { readonly [key: string]: Tree };

/**
 * The structure of a tree without its leaves, as `treeFlatten` returns it.
 * @example
 * treeFlatten([tensor(1), null])[1];   // => { kind: "array", children: [{ kind: "leaf" }, { kind: "none", value: null }] }
 */
export type TreeDef =
  | { readonly kind: "leaf" }
  | { readonly kind: "none"; readonly value: null | undefined }
  | { readonly kind: "array"; readonly children: readonly TreeDef[] }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly children: readonly TreeDef[] };

const LEAF: TreeDef = { kind: "leaf" };
const NONE_NULL: TreeDef = { kind: "none", value: null };
const NONE_UNDEFINED: TreeDef = { kind: "none", value: undefined };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== "object") return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * The leaves of a tree in a fixed order (arrays by index, objects by key order) and its structure.
 * @param tree - tensors and numbers nested in arrays and plain objects (null and undefined are kept as structure)
 * @param op - the operation named in error messages
 * @returns `[leaves, def]`, where `treeUnflatten(def, leaves)` rebuilds the tree
 * @throws ValueError for anything else in the tree (a class instance, a string, a function)
 * @example
 * const [leaves, def] = treeFlatten({ w: tensor([1, 2]), b: 3 });
 * leaves.length;   // => 2
 */
export function treeFlatten(tree: unknown, op = "tree"): [(Tensor | number)[], TreeDef] {
  // Transformations flatten their arguments on every call, so the walk builds no path strings:
  // the path of an offending node is only worked out when there is one to report.
  if (tree instanceof Tensor || typeof tree === "number") return [[tree], LEAF];
  const leaves: (Tensor | number)[] = [];
  const def = flattenInto(tree, leaves);
  if (def === null) {
    const [node, path] = firstInvalid(tree, "")!;
    throw new ValueError(
      op,
      `expected a tree of tensors and numbers (nested arrays and plain objects), got ${describeNode(node)} at ${path || "the top"}.`,
    );
  }
  return [leaves, def];
}

/** The structure of `node`, pushing its leaves; null if it holds something that is not a tree. */
function flattenInto(node: unknown, leaves: (Tensor | number)[]): TreeDef | null {
  if (node instanceof Tensor || typeof node === "number") {
    leaves.push(node);
    return LEAF;
  }
  if (node === null || node === undefined) return node === null ? NONE_NULL : NONE_UNDEFINED;
  if (Array.isArray(node)) {
    const children = new Array<TreeDef>(node.length);
    for (let i = 0; i < node.length; i++) {
      const child = flattenInto(node[i], leaves);
      if (child === null) return null;
      children[i] = child;
    }
    return { kind: "array", children };
  }
  if (isPlainObject(node)) {
    const keys = Object.keys(node);
    const children = new Array<TreeDef>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const child = flattenInto(node[keys[i]!], leaves);
      if (child === null) return null;
      children[i] = child;
    }
    return { kind: "object", keys, children };
  }
  return null;
}

/** The first node, in flattening order, that is not part of a tree, with its path (`[1].w`). */
function firstInvalid(node: unknown, path: string): [unknown, string] | null {
  if (node instanceof Tensor || typeof node === "number" || node === null || node === undefined) return null;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = firstInvalid(node[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (isPlainObject(node)) {
    for (const key of Object.keys(node)) {
      const found = firstInvalid(node[key], `${path}.${key}`);
      if (found !== null) return found;
    }
    return null;
  }
  return [node, path];
}

function describeNode(x: unknown): string {
  if (typeof x === "object" && x !== null) return `an instance of ${x.constructor?.name ?? "an unknown class"}`;
  return `${typeof x} ${String(x)}`;
}

/**
 * Rebuilds a tree of structure `def` from leaves in `treeFlatten` order.
 * @throws TreeMismatchError when the number of leaves does not fit the structure
 * @example
 * const [, def] = treeFlatten({ w: tensor([1, 2]), b: 3 });
 * treeUnflatten(def, [tensor([0, 0]), 4]);   // => { w: tensor([0, 0]), b: 4 }
 */
export function treeUnflatten<T = any>(def: TreeDef, leaves: readonly unknown[]): T {
  if (def.kind === "leaf" && leaves.length === 1) return leaves[0] as T; // one tensor: the common case
  let i = 0;
  const build = (d: TreeDef): unknown => {
    switch (d.kind) {
      case "leaf":
        return leaves[i++];
      case "none":
        return d.value;
      case "array":
        return d.children.map(build);
      case "object": {
        const out: Record<string, unknown> = {};
        d.keys.forEach((k, j) => (out[k] = build(d.children[j]!)));
        return out;
      }
    }
  };
  const result = build(def);
  if (i !== leaves.length) throw new TreeMismatchError("tree", `expected ${i} leaves for this structure, got ${leaves.length}.`);
  return result as T;
}

export function leafCount(def: TreeDef): number {
  switch (def.kind) {
    case "leaf":
      return 1;
    case "none":
      return 0;
    default:
      return def.children.reduce((n, c) => n + leafCount(c), 0);
  }
}

/** A readable form of a structure, for error messages: `{w: *, b: [*, *]}`. */
export function formatTreeDef(def: TreeDef): string {
  switch (def.kind) {
    case "leaf":
      return "*";
    case "none":
      return String(def.value);
    case "array":
      return `[${def.children.map(formatTreeDef).join(", ")}]`;
    case "object":
      return `{${def.keys.map((k, i) => `${k}: ${formatTreeDef(def.children[i]!)}`).join(", ")}}`;
  }
}

export function treeDefsEqual(a: TreeDef, b: TreeDef): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "leaf") return true;
  if (a.kind === "none") return true;
  const bc = (b as typeof a).children;
  if (a.children.length !== bc.length) return false;
  if (a.kind === "object") {
    const bk = (b as typeof a).keys;
    if (a.keys.some((k, i) => k !== bk[i])) return false;
  }
  return a.children.every((c, i) => treeDefsEqual(c, bc[i]!));
}

/** Throws a TreeMismatchError naming both structures unless they are equal. */
export function checkSameStructure(op: string, expected: TreeDef, got: TreeDef, what: string): void {
  if (!treeDefsEqual(expected, got)) {
    throw new TreeMismatchError(op, `${what} must have the structure ${formatTreeDef(expected)}, got ${formatTreeDef(got)}.`);
  }
}

/**
 * Applies `fn` to each leaf, and to the matching leaves of `others` (which must share the structure).
 * @throws TreeMismatchError when a tree of `others` has another structure
 * @example
 * // One step of gradient descent on a tree of parameters:
 * const params = { w: tensor([1, 2]), b: tensor(0.5) };
 * const grads = { w: tensor([10, 10]), b: tensor(1) };
 * treeMap((p, g) => p.sub(g.mul(0.1)), params, grads);   // => { w: tensor([0, 1]), b: tensor(0.4) }
 */
export function treeMap<T = any>(fn: (leaf: any, ...others: any[]) => unknown, tree: unknown, ...others: unknown[]): T {
  const [leaves, def] = treeFlatten(tree, "treeMap");
  const rest = others.map((o, i) => {
    const [l, d] = treeFlatten(o, "treeMap");
    checkSameStructure("treeMap", def, d, `tree ${i + 2}`);
    return l;
  });
  return treeUnflatten<T>(def, leaves.map((leaf, i) => fn(leaf, ...rest.map((l) => l[i]))));
}

/** The leaves of a tree as a flat list. @example treeLeaves({ a: tensor([1]), b: [2, 3] }) // => [tensor([1]), 2, 3] */
export function treeLeaves(tree: unknown): (Tensor | number)[] {
  return treeFlatten(tree, "treeLeaves")[0];
}
