import { NotDifferentiableError, ShapeError, DTypeError, ValueError } from "../errors.js";
import { Tensor, filled } from "../tensor/tensor.js";
import { isFloat } from "../tensor/dtype.js";
import { formatShape, shapesEqual } from "../tensor/shape.js";
import { treeFlatten, treeUnflatten, checkSameStructure, leafCount, type TreeDef } from "../core/tree.js";
import { JvpTrace, JvpTracer } from "./jvp.js";
import { linearizeFlat, evaluateLinear } from "./linearize.js";
import { transposeLinear } from "./transpose.js";
import { vmapFlat } from "./vmap.js";
import { withTraces } from "./stack.js";
import { zerosLikeConcrete } from "./zeros.js";
import { eye } from "../ops/creation.js";
import { astype, describe } from "../ops/convert.js";
import { reshape, slice, transpose as transposeOp } from "../ops/shape.js";

/** @inline Any function: transformations take functions of tensors, numbers and trees of them. */
type Fn = (...args: any[]) => any;

/**
 * Options of `grad` and `valueAndGrad`.
 * @example
 * const f = (w: Tensor, x: Tensor) => w.mul(x).sum();
 * grad(f, { argnums: 1 })(tensor([2, 3]), tensor([1, 1]));          // => tensor([2, 3])
 * grad(f, { argnums: [0, 1] })(tensor([2]), tensor([5]));           // => [tensor([5]), tensor([2])]
 */
export interface GradOptions {
  /** Which positional argument(s) to differentiate with respect to (default 0). */
  argnums?: number | readonly number[];
  /** `f` returns `[output, aux]`; aux is passed through undifferentiated. */
  hasAux?: boolean;
}

/** A JS number becomes a float64 0-d tensor (a number is a double: nothing is lost). */
export function leafTensor(leaf: Tensor | number): Tensor {
  return leaf instanceof Tensor ? leaf : filled(leaf, [], "float64");
}

const FIRST_ARGUMENT: readonly number[] = [0];

function normalizeArgnums(op: string, argnums: number | readonly number[] | undefined, count: number): readonly number[] {
  // The default (the first argument) is the common case of derivatives taken in a loop.
  if (argnums === undefined && count > 0) return FIRST_ARGUMENT;
  const list = argnums === undefined ? [0] : typeof argnums === "number" ? [argnums] : [...argnums];
  for (const a of list) {
    if (!Number.isInteger(a) || a < 0 || a >= count) {
      throw new ValueError(op, `argnums must name arguments in [0, ${count - 1}], got ${formatArgnums(argnums!)} for a call with ${count} argument${count === 1 ? "" : "s"}.`);
    }
  }
  if (new Set(list).size !== list.length) throw new ValueError(op, `argnums must be distinct, got ${formatArgnums(argnums!)}.`);
  return list;
}

function formatArgnums(argnums: number | readonly number[]): string {
  return typeof argnums === "number" ? String(argnums) : `[${argnums.join(", ")}]`;
}

/** The differentiated arguments' leaves, and a way to call `f` with replacements for them. */
function differentiable(op: string, f: Fn, args: readonly unknown[], argnums: readonly number[], requireFloat: boolean) {
  const defs: TreeDef[] = [];
  const counts: number[] = [];
  const leaves: Tensor[] = [];
  for (const a of argnums) {
    const [l, def] = treeFlatten(args[a], op);
    l.forEach((leaf, i) => {
      const t = leafTensor(leaf);
      if (requireFloat && !isFloat(t.dtype)) {
        throw new NotDifferentiableError(
          op,
          `expected float32 or float64 inputs to differentiate, got ${t.dtype} (argument ${a}, leaf ${i}). ` +
            `Convert it with astype("float32"), or leave it out of argnums.`,
        );
      }
      leaves.push(t);
    });
    defs.push(def);
    counts.push(l.length);
  }
  const call = (replacements: readonly Tensor[]): unknown => {
    const newArgs = args.slice();
    let offset = 0;
    argnums.forEach((a, k) => {
      newArgs[a] = treeUnflatten(defs[k]!, replacements.slice(offset, offset + counts[k]!));
      offset += counts[k]!;
    });
    return f(...newArgs);
  };
  const split = <T>(flat: readonly T[]): unknown[] => {
    let offset = 0;
    return argnums.map((_, k) => {
      const part = flat.slice(offset, offset + counts[k]!);
      offset += counts[k]!;
      return treeUnflatten(defs[k]!, part);
    });
  };
  return { leaves, call, split };
}

function scalarOutput(op: string, out: unknown): Tensor {
  if (typeof out === "number") return filled(out, [], "float64");
  if (!(out instanceof Tensor)) {
    throw new ValueError(op, `f must return a scalar tensor, got ${Array.isArray(out) ? "an array" : typeof out}. Return a 0-d tensor (or [value, aux] with hasAux).`);
  }
  if (out.shape.length !== 0) {
    throw new ShapeError(op, `f must return a scalar, got shape ${formatShape(out.shape)}. Sum the output, or use jacrev for a Jacobian.`);
  }
  if (!isFloat(out.dtype)) {
    throw new NotDifferentiableError(op, `f must return a float32 or float64 scalar, got ${out.dtype}. Integer and bool results have no derivative.`);
  }
  return out;
}

/** Linearizes a function of leaves that returns a tree: its output leaves, structure and linear map. */
function linearizeTree(op: string, call: (xs: readonly Tensor[]) => unknown, leaves: readonly Tensor[]) {
  let outDef: TreeDef | null = null;
  const { outputs, program } = linearizeFlat((xs) => {
    const [outLeaves, def] = treeFlatten(call(xs), op);
    outDef = def;
    return outLeaves.map(leafTensor);
  }, leaves);
  return { outputs, program, outDef: outDef! as TreeDef };
}

function valueAndGradCore(op: string, f: Fn, args: readonly unknown[], options: GradOptions) {
  const argnums = normalizeArgnums(op, options.argnums, args.length);
  const { leaves, call, split } = differentiable(op, f, args, argnums, true);
  let auxDef: TreeDef | null = null;
  const { outputs, program } = linearizeFlat((xs) => {
    let out = call(xs);
    let aux: unknown = undefined;
    if (options.hasAux) {
      if (!Array.isArray(out) || out.length !== 2) {
        throw new ValueError(op, `with hasAux, f must return [output, aux], got ${Array.isArray(out) ? `an array of length ${out.length}` : describe(out)}.`);
      }
      [out, aux] = out;
    }
    const value = scalarOutput(op, out);
    const [auxLeaves, def] = treeFlatten(aux, op);
    auxDef = def;
    return [value, ...auxLeaves.map(leafTensor)];
  }, leaves);
  const value = outputs[0]!;
  const cts = transposeLinear(program, [filled(1, [], value.dtype)]);
  const grads = cts.map((c, i) => c ?? zerosLikeConcrete(leaves[i]!));
  const gradTrees = split(grads);
  const aux = options.hasAux ? treeUnflatten(auxDef!, outputs.slice(1)) : undefined;
  const grad = typeof options.argnums === "number" || options.argnums === undefined ? gradTrees[0] : gradTrees;
  return { value, aux, grad };
}

/**
 * The gradient of a scalar-valued function: a function with the same arguments returning ∂f/∂x
 * with the structure of x (a tree of tensors for a tree of parameters). Composes with every other
 * transformation, to any order.
 *
 * @param f - a function returning a 0-d float tensor
 * @returns a function returning the gradient with respect to argument `argnums` (an array of
 *   gradients when `argnums` is an array)
 * @throws ShapeError if `f` does not return a scalar
 * @throws NotDifferentiableError for int32 or bool inputs
 * @example
 * const df = grad((x: Tensor) => x.square().sum());
 * df(tensor([1, 2, 3]));   // => tensor([2, 4, 6])
 * @see valueAndGrad, jacrev
 */
export function grad(f: Fn, options: GradOptions = {}): (...args: any[]) => any {
  return (...args) => {
    const r = valueAndGradCore("grad", f, args, options);
    return options.hasAux ? [r.grad, r.aux] : r.grad;
  };
}

/**
 * Like `grad`, returning `[value, gradient]` from one evaluation (`[[value, aux], gradient]` with hasAux).
 * @throws ShapeError if `f` does not return a scalar
 * @throws NotDifferentiableError for int32 or bool inputs
 * @example
 * valueAndGrad((x: Tensor) => x.square().sum())(tensor([3]));   // => [tensor(9), tensor([6])]
 */
export function valueAndGrad(f: Fn, options: GradOptions = {}): (...args: any[]) => [any, any] {
  return (...args) => {
    const r = valueAndGradCore("valueAndGrad", f, args, options);
    return options.hasAux ? [[r.value, r.aux], r.grad] : [r.value, r.grad];
  };
}

/**
 * Checks tangents against their primals (or, with `kind` "cotangent", cotangents against the
 * outputs they pull back) and converts float dtypes to match.
 */
function checkTangents(op: string, primals: readonly Tensor[], tangentLeaves: readonly (Tensor | number)[], kind: "tangent" | "cotangent" = "tangent"): Tensor[] {
  const of = kind === "tangent" ? "primal" : "output";
  return tangentLeaves.map((leaf, i) => {
    const p = primals[i]!;
    let t = leaf instanceof Tensor ? leaf : filled(leaf, [], p.dtype);
    if (!shapesEqual(t.shape, p.shape)) {
      throw new ShapeError(op, `each ${kind} must have its ${of}'s shape, got ${formatShape(t.shape)} for ${of === "output" ? "an" : "a"} ${of} of shape ${formatShape(p.shape)} (leaf ${i}).`);
    }
    if (t.dtype !== p.dtype) {
      if (!isFloat(t.dtype) || !isFloat(p.dtype)) {
        throw new DTypeError(op, `each ${kind} must have its ${of}'s dtype, got ${t.dtype} for a ${p.dtype} ${of} (leaf ${i}).`);
      }
      t = astype(t, p.dtype);
    }
    return t;
  });
}

/**
 * Forward mode: the value of `f` at `primals` and its directional derivative along `tangents`
 * (both arrays of arguments, trees allowed).
 * @returns `[f(...primals), J·tangents]`
 * @throws TreeMismatchError if `tangents` and `primals` differ in structure
 * @throws ShapeError if a tangent's shape differs from its primal's
 * @example
 * jvp((x: Tensor) => x.sin(), [tensor(0)], [tensor(1)]);   // => [tensor(0), tensor(1)]
 */
export function jvp(f: Fn, primals: readonly unknown[], tangents: readonly unknown[]): [any, any] {
  if (!Array.isArray(primals) || !Array.isArray(tangents)) {
    throw new ValueError("jvp", `expected arrays of arguments for primals and tangents, got ${typeof primals} and ${typeof tangents}. Wrap a single argument: jvp(f, [x], [v]).`);
  }
  const [pLeaves, pDef] = treeFlatten(primals, "jvp");
  const [tLeaves, tDef] = treeFlatten(tangents, "jvp");
  checkSameStructure("jvp", pDef, tDef, "tangents");
  const ps = pLeaves.map(leafTensor);
  const ts = checkTangents("jvp", ps, tLeaves);
  const trace = new JvpTrace();
  return withTraces([trace], () => {
    const tracers = ps.map((p, i) => trace.tracer(p, ts[i]!));
    const out = f(...treeUnflatten<unknown[]>(pDef, tracers));
    const [outLeaves, outDef] = treeFlatten(out, "jvp");
    const primalOut: Tensor[] = [];
    const tangentOut: Tensor[] = [];
    for (const leaf of outLeaves) {
      const r = leafTensor(leaf);
      if (r._trace === trace) {
        primalOut.push((r as JvpTracer).primal);
        tangentOut.push((r as JvpTracer).tangent ?? zerosLikeConcrete(r));
      } else {
        primalOut.push(r);
        tangentOut.push(zerosLikeConcrete(r));
      }
    }
    return [treeUnflatten(outDef, primalOut), treeUnflatten(outDef, tangentOut)];
  });
}

/**
 * Reverse mode: the value of `f(...primals)` and a function pulling an output cotangent back to
 * one cotangent per argument (as an array, each with its argument's structure).
 * @returns `[f(...primals), pullback]`; the pullback throws TreeMismatchError or ShapeError for a
 *   cotangent whose structure or shapes differ from the output's
 * @example
 * const [y, pullback] = vjp((x: Tensor) => x.square(), tensor([1, 2]));
 * pullback(tensor([1, 1]));   // => [tensor([2, 4])]
 */
export function vjp(f: Fn, ...primals: unknown[]): [any, (cotangent: unknown) => any[]] {
  const argnums = primals.map((_, i) => i);
  const { leaves, call, split } = differentiable("vjp", f, primals, argnums, false);
  const { outputs, program, outDef } = linearizeTree("vjp", call, leaves);
  const out = treeUnflatten(outDef, outputs);
  const pullback = (cotangent: unknown): any[] => {
    const [ctLeaves, ctDef] = treeFlatten(cotangent, "vjp");
    checkSameStructure("vjp", outDef, ctDef, "the cotangent");
    const cts = checkTangents("vjp", outputs, ctLeaves, "cotangent");
    const grads = transposeLinear(program, cts);
    return split(grads.map((g, i) => g ?? zerosLikeConcrete(leaves[i]!)));
  };
  return [out, pullback];
}

/**
 * The value of `f(...primals)` and its linear approximation there: a function mapping tangents
 * (one per argument) to the output tangent, reusing the recorded derivative on every call.
 * @example
 * const [y, push] = linearize((x: Tensor) => x.exp(), tensor(0));
 * push(tensor(2));   // => tensor(2)
 */
export function linearize(f: Fn, ...primals: unknown[]): [any, (...tangents: unknown[]) => any] {
  const argnums = primals.map((_, i) => i);
  const { leaves, call } = differentiable("linearize", f, primals, argnums, false);
  const { outputs, program, outDef } = linearizeTree("linearize", call, leaves);
  const [, pDef] = treeFlatten(primals, "linearize");
  const push = (...tangents: unknown[]): any => {
    const [tLeaves, tDef] = treeFlatten(tangents, "linearize");
    checkSameStructure("linearize", pDef, tDef, "tangents");
    const ts = checkTangents("linearize", leaves, tLeaves);
    const out = evaluateLinear(program, ts);
    return treeUnflatten(outDef, out.map((t, i) => t ?? zerosLikeConcrete(outputs[i]!)));
  };
  return [treeUnflatten(outDef, outputs), push];
}

/**
 * Options of `vmap`: which axis of each argument is mapped, and where the batch axis goes in the output.
 * @example
 * // Add one bias (not mapped) to each row of a batch:
 * vmap((x: Tensor, b: Tensor) => x.add(b), { inAxes: [0, null] })(zeros([2, 3]), tensor([1, 2, 3])).shape;   // => [2, 3]
 * vmap((x: Tensor) => x.mul(2), { inAxes: 1, outAxes: 1 })(ones([3, 2]));   // => tensor([[2, 2], [2, 2], [2, 2]])
 */
export interface VmapOptions {
  /** The mapped axis of each argument: a number (all its leaves), null (not mapped), or a tree of those per argument. Default 0. */
  inAxes?: number | null | readonly unknown[];
  /** Where the batch axis goes in each output: a number, null, or a tree matching the output. Default 0. */
  outAxes?: number | null | unknown;
}

/** Expands a per-node axis spec (a number or null applies to a whole subtree) to one entry per leaf. */
function axesPerLeaf(op: string, spec: unknown, def: TreeDef, what: string): (number | null)[] {
  const out: (number | null)[] = [];
  const walk = (s: unknown, d: TreeDef): void => {
    if (s === null || typeof s === "number") {
      const n = leafCount(d);
      for (let i = 0; i < n; i++) out.push(s as number | null);
      return;
    }
    if (d.kind === "array" && Array.isArray(s) && s.length === d.children.length) {
      d.children.forEach((c, i) => walk(s[i], c));
      return;
    }
    if (d.kind === "object" && s !== null && typeof s === "object" && !Array.isArray(s)) {
      // A key left out defaults to 0; an explicit null (not mapped) must be kept, so no `??` here.
      const spec = s as Record<string, unknown>;
      d.children.forEach((c, i) => {
        const entry = spec[d.keys[i]!];
        walk(entry === undefined ? 0 : entry, c);
      });
      return;
    }
    throw new ValueError(op, `${what} must be a number, null, or a tree matching the value's structure, got ${JSON.stringify(s)}.`);
  };
  walk(spec, def);
  return out;
}

/**
 * Vectorizes `f` over a batch axis of its inputs: `vmap(f)(xs)` equals stacking `f(x)` for each
 * slice x of xs, computed in one pass. Composes with grad, jvp and itself.
 * @example
 * const norms = vmap((v: Tensor) => v.square().sum().sqrt());
 * norms(tensor([[3, 4], [6, 8]]));   // => tensor([5, 10])
 */
export function vmap(f: Fn, options: VmapOptions = {}): (...args: any[]) => any {
  return (...args) => {
    const inAxes = options.inAxes === undefined ? 0 : options.inAxes;
    const spec = inAxes === null || typeof inAxes === "number" ? args.map(() => inAxes) : inAxes;
    if (!Array.isArray(spec) || spec.length !== args.length) {
      throw new ValueError("vmap", `inAxes must have one entry per argument (${args.length}), got ${JSON.stringify(inAxes)}.`);
    }
    const [leaves, def] = treeFlatten(args, "vmap");
    const tensors = leaves.map(leafTensor);
    const axes = axesPerLeaf("vmap", spec, def, "inAxes");
    let size = -1;
    const normalized = axes.map((a, i) => {
      if (a === null) return null;
      const t = tensors[i]!;
      if (!Number.isInteger(a) || a < -t.rank || a >= t.rank) {
        throw new ValueError("vmap", `inAxes ${a} is out of range for an input of shape ${formatShape(t.shape)} (leaf ${i}).`);
      }
      const axis = a < 0 ? a + t.rank : a;
      const n = t.shape[axis]!;
      if (size === -1) size = n;
      else if (size !== n) {
        throw new ShapeError("vmap", `mapped axes must have one size, got ${size} and ${n} (leaf ${i}, shape ${formatShape(t.shape)}).`);
      }
      return axis;
    });
    if (size === -1) throw new ValueError("vmap", `expected at least one mapped input, got inAxes that map none. Set inAxes to 0 for the batched argument.`);
    let outDef: TreeDef | null = null;
    let outAxesList: (number | null)[] = [];
    const results = vmapFlat(
      (xs) => {
        const out = f(...treeUnflatten<unknown[]>(def, xs));
        const [outLeaves, d] = treeFlatten(out, "vmap");
        outDef = d;
        const rawOut = options.outAxes === undefined ? 0 : options.outAxes;
        outAxesList = axesPerLeaf("vmap", rawOut, d, "outAxes");
        return outLeaves.map(leafTensor);
      },
      tensors,
      normalized,
      size,
      (j) => {
        const a = outAxesList[j]!;
        if (a === null) return null;
        return a;
      },
    );
    return treeUnflatten(outDef!, results);
  };
}

/**
 * Options of `jacfwd`, `jacrev`, `jacobian` and `hessian`.
 * @example
 * jacrev((a: Tensor, x: Tensor) => a.mul(x), { argnums: 1 })(tensor([2, 3]), tensor([1, 1]));   // => tensor([[2, 0], [0, 3]])
 */
export interface JacobianOptions {
  /** Which argument(s) to differentiate with respect to (default 0). */
  argnums?: number | readonly number[];
}

/** Builds the Jacobian tree: for each output leaf, the input structure with blocks of shape out ++ in. */
function assembleJacobian(
  outShapes: readonly (readonly number[])[],
  inShapes: readonly (readonly number[])[],
  block: (outIndex: number, inIndex: number) => Tensor,
  outDef: TreeDef,
  split: (flat: readonly Tensor[]) => unknown[],
  single: boolean,
): unknown {
  const perOut = outShapes.map((_, j) => {
    const trees = split(inShapes.map((_, i) => block(j, i)));
    return single ? trees[0] : trees;
  });
  return treeUnflatten(outDef, perOut);
}

/**
 * The Jacobian by forward mode (one JVP per input element, vectorized with vmap): efficient when
 * inputs are fewer than outputs. For f from shape [2, 3] to shape [4] it has shape [4, 2, 3].
 * @example
 * jacfwd((x: Tensor) => x.square())(tensor([1, 2]));   // => tensor([[2, 0], [0, 4]])
 */
export function jacfwd(f: Fn, options: JacobianOptions = {}): (...args: any[]) => any {
  return (...args) => {
    const argnums = normalizeArgnums("jacfwd", options.argnums, args.length);
    const { leaves, call, split } = differentiable("jacfwd", f, args, argnums, true);
    const sizes = leaves.map((l) => l.size);
    const total = sizes.reduce((a, b) => a + b, 0);
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    // Basis tangents: row r of the stacked basis is the r-th unit vector of all inputs together.
    const basis = leaves.map((l, i) => {
      const rows = slice(eye(total, total, { dtype: l.dtype }), null, [offsets[i]!, offsets[i]! + sizes[i]!]);
      return reshape(rows, [total, ...l.shape]);
    });
    let outDef: TreeDef | null = null;
    let outShapes: (readonly number[])[] = [];
    const tangentsOut = vmapFlat(
      (ts) => {
        const [, tangent] = jvp((...xs: Tensor[]) => call(xs), leaves, ts);
        const [outLeaves, d] = treeFlatten(tangent, "jacfwd");
        outDef = d;
        outShapes = outLeaves.map((o) => leafTensor(o).shape);
        return outLeaves.map(leafTensor);
      },
      basis,
      basis.map(() => 0),
      total,
      () => 0,
    );
    return assembleJacobian(
      outShapes,
      leaves.map((l) => l.shape),
      (j, i) => {
        const rows = slice(tangentsOut[j]!, [offsets[i]!, offsets[i]! + sizes[i]!]);
        const outRank = outShapes[j]!.length;
        const moved = transposeOp(reshape(rows, [sizes[i]!, ...outShapes[j]!]), [...Array.from({ length: outRank }, (_, k) => k + 1), 0]);
        return reshape(moved, [...outShapes[j]!, ...leaves[i]!.shape]);
      },
      outDef!,
      split,
      typeof options.argnums !== "object",
    );
  };
}

/**
 * The Jacobian by reverse mode (one VJP per output element, vectorized with vmap): efficient when
 * outputs are fewer than inputs. Same result and shape as `jacfwd`.
 * @example
 * jacrev((x: Tensor) => x.square())(tensor([1, 2]));   // => tensor([[2, 0], [0, 4]])
 */
export function jacrev(f: Fn, options: JacobianOptions = {}): (...args: any[]) => any {
  return (...args) => {
    const argnums = normalizeArgnums("jacrev", options.argnums, args.length);
    const { leaves, call, split } = differentiable("jacrev", f, args, argnums, true);
    const { outputs, program, outDef } = linearizeTree("jacrev", call, leaves);
    const sizes = outputs.map((o) => o.size);
    const total = sizes.reduce((a, b) => a + b, 0);
    const offsets = sizes.map((_, j) => sizes.slice(0, j).reduce((a, b) => a + b, 0));
    for (const o of outputs) {
      if (!isFloat(o.dtype)) throw new NotDifferentiableError("jacrev", `expected float outputs, got ${o.dtype}. Integer and bool results have no derivative.`);
    }
    const basis = outputs.map((o, j) => reshape(slice(eye(total, total, { dtype: o.dtype }), null, [offsets[j]!, offsets[j]! + sizes[j]!]), [total, ...o.shape]));
    const pullBack = (cts: Tensor[]) => transposeLinear(program, cts).map((g, i) => g ?? zerosLikeConcrete(leaves[i]!));
    // One output element (a scalar function, as inside hessian) needs one pullback, not a vmap of one.
    const cotangentsIn =
      total === 1
        ? pullBack(outputs.map((o) => filled(1, o.shape, o.dtype))).map((g) => reshape(g, [1, ...g.shape]))
        : vmapFlat(pullBack, basis, basis.map(() => 0), total, () => 0);
    return assembleJacobian(
      outputs.map((o) => o.shape),
      leaves.map((l) => l.shape),
      (j, i) => {
        const rows = slice(cotangentsIn[i]!, [offsets[j]!, offsets[j]! + sizes[j]!]);
        return reshape(rows, [...outputs[j]!.shape, ...leaves[i]!.shape]);
      },
      outDef,
      split,
      typeof options.argnums !== "object",
    );
  };
}

/** Alias of `jacrev`. @example jacobian((x: Tensor) => x.mul(2))(tensor([1, 2])) // => tensor([[2, 0], [0, 2]]) */
export const jacobian = jacrev;

/**
 * The matrix of second partial derivatives, as `jacfwd(jacrev(f))`. For f of x with shape s the
 * result has shape [...s, ...s].
 * @example
 * hessian((x: Tensor) => x.pow(3).sum())(tensor([1, 2]));   // => tensor([[6, 0], [0, 12]])
 */
export function hessian(f: Fn, options: JacobianOptions = {}): (...args: any[]) => any {
  return jacfwd(jacrev(f, options), options);
}

/**
 * The Hessian-vector product H·v without forming H: forward mode over reverse mode,
 * `jvp(grad(f), primals, tangents)`; about the cost of two or three gradients.
 * @example
 * hvp((x: Tensor) => x.pow(3).sum(), [tensor([1, 2])], [tensor([1, 1])]);   // => tensor([6, 12])
 */
export function hvp(f: Fn, primals: readonly unknown[], tangents: readonly unknown[]): any {
  return jvp(grad(f), primals, tangents)[1];
}

