import { bind, escapedTracer, topTrace } from "../core/trace.js";
import { definePrimitive, linear, type Primitive } from "../core/primitive.js";
import { NotDifferentiableError, ShapeError, ValueError } from "../errors.js";
import { Tensor, filled } from "../tensor/tensor.js";
import { isFloat, promoteTypes, type DType } from "../tensor/dtype.js";
import { formatShape, shapesEqual } from "../tensor/shape.js";
import { treeFlatten, treeUnflatten, checkSameStructure, type TreeDef } from "../core/tree.js";
import { JvpTrace, type JvpTracer } from "./jvp.js";
import { BatchTrace, type BatchTracer, vmapFlat } from "./vmap.js";
import { moveAxis, loopBatch } from "../primitives/batching.js";
import { zerosLikeConcrete } from "./zeros.js";
import { leafTensor } from "./api.js";
import { astype } from "../ops/convert.js";
import { concatenate, reshape, slice } from "../ops/shape.js";
import { sum } from "../ops/reduce.js";

type Flat = (xs: Tensor[]) => Tensor[];

interface CustomJvpCall {
  readonly f: Flat;
  readonly rule: (primals: Tensor[], tangents: Tensor[]) => [Tensor[], Tensor[]];
}

interface CustomVjpCall {
  readonly f: Flat;
  readonly fwd: (xs: Tensor[]) => [Tensor[], Tensor[]];
  readonly bwd: (residuals: Tensor[], cotangents: Tensor[]) => Tensor[];
}

/** The primals and tangents (null for zero) of inputs, some of them tracers of `trace`. */
function jvpInputs(trace: JvpTrace, inputs: readonly Tensor[]) {
  const primals = inputs.map((x) => (x._trace === trace ? (x as JvpTracer).primal : x));
  const tangents = inputs.map((x) => (x._trace === trace ? (x as JvpTracer).tangent : null));
  return { primals, tangents };
}

function batchedInputs(trace: BatchTrace, inputs: readonly Tensor[]) {
  const moved = inputs.map((x) => (x._trace === trace ? moveAxis((x as BatchTracer).value, (x as BatchTracer).batchAxis, 0) : x));
  const axes = inputs.map((x) => (x._trace === trace ? 0 : null));
  return { moved, axes };
}

/**
 * Applies a function with a custom JVP rule. Forward and reverse mode both use the rule (reverse
 * mode transposes what the rule does to the tangents); vmap batches the function and the rule
 * together, so the rule survives any nesting.
 */
function bindCustomJvp(call: CustomJvpCall, inputs: Tensor[]): Tensor[] {
  const top = topTrace(inputs);
  if (top === null) return call.f(inputs);
  if (!top.active) throw escapedTracer("customJvp", top);
  if (top instanceof JvpTrace) {
    const { primals, tangents } = jvpInputs(top, inputs);
    if (tangents.every((t) => t === null)) return bindCustomJvp(call, primals).map((o) => top.tracer(o, null));
    const [outs, touts] = call.rule(primals, tangents.map((t, i) => t ?? zerosLikeConcrete(primals[i]!)));
    return outs.map((o, i) => top.tracer(o, touts[i]!));
  }
  if (top instanceof BatchTrace) {
    const { moved, axes } = batchedInputs(top, inputs);
    const size = top.size;
    const f: Flat = (xs) => vmapFlat(call.f, xs, axes, size, () => 0);
    const rule = (ps: Tensor[], ts: Tensor[]): [Tensor[], Tensor[]] => {
      let count = 0;
      const both = vmapFlat(
        (zs) => {
          const [o, t] = call.rule(zs.slice(0, ps.length), zs.slice(ps.length));
          count = o.length;
          return [...o, ...t];
        },
        [...ps, ...ts],
        [...axes, ...axes],
        size,
        () => 0,
      );
      return [both.slice(0, count), both.slice(count)];
    };
    return bindCustomJvp({ f, rule }, moved).map((o) => top.tracer(o, 0));
  }
  // Staging traces see only linear tangent computations: trace the function itself.
  return call.f(inputs);
}

/** The linear map a customVjp function presents to reverse mode: its transpose is the user's bwd. */
interface CustomVjpParams {
  readonly call: CustomVjpCall;
  readonly residuals: Tensor[];
  readonly inputs: readonly { shape: readonly number[]; dtype: DType }[];
  readonly outputs: readonly { shape: readonly number[]; dtype: DType }[];
  readonly dtype: DType;
}

/** Splits a flat vector into pieces of the given shapes and dtypes. */
function unpack(vector: Tensor, types: readonly { shape: readonly number[]; dtype: DType }[]): Tensor[] {
  let offset = 0;
  return types.map((t) => {
    const size = t.shape.reduce((a, b) => a * b, 1);
    const piece = reshape(slice(vector, [offset, offset + size]), t.shape);
    offset += size;
    return astype(piece, t.dtype);
  });
}

function pack(values: readonly Tensor[], dtype: DType): Tensor {
  if (values.length === 0) return filled(0, [0], dtype);
  return concatenate(values.map((v) => astype(reshape(v, [v.size]), dtype)), 0);
}

export const customVjpCall: Primitive<CustomVjpParams> = definePrimitive<CustomVjpParams>({
  name: "customVjpCall",
  type: (_inputs, { outputs, dtype }) => ({ shape: [outputs.reduce((n, o) => n + o.shape.reduce((a, b) => a * b, 1), 0)], dtype }),
  jvp: linear,
  transpose: (ct, _inputs, { call, residuals, inputs, outputs, dtype }) => {
    const cts = call.bwd(residuals, unpack(ct, outputs));
    return [pack(cts, dtype)];
  },
  batch: loopBatch,
});

function bindCustomVjp(call: CustomVjpCall, inputs: Tensor[]): Tensor[] {
  const top = topTrace(inputs);
  if (top === null) return call.f(inputs);
  if (!top.active) throw escapedTracer("customVjp", top);
  if (top instanceof JvpTrace) {
    const { primals, tangents } = jvpInputs(top, inputs);
    if (tangents.every((t) => t === null)) return bindCustomVjp(call, primals).map((o) => top.tracer(o, null));
    const [outs, residuals] = call.fwd(primals);
    let dtype: DType = "float32";
    for (const t of [...primals, ...outs]) if (isFloat(t.dtype)) dtype = promoteTypes(dtype, t.dtype);
    const tangentIn = pack(
      tangents.map((t, i) => t ?? zerosLikeConcrete(primals[i]!)),
      dtype,
    );
    const params: CustomVjpParams = {
      call,
      residuals,
      inputs: primals.map((p) => ({ shape: p.shape, dtype: p.dtype })),
      outputs: outs.map((o) => ({ shape: o.shape, dtype: o.dtype })),
      dtype,
    };
    const tangentOut = unpack(bind(customVjpCall, [tangentIn], params), params.outputs);
    return outs.map((o, i) => top.tracer(o, tangentOut[i]!));
  }
  if (top instanceof BatchTrace) {
    const { moved, axes } = batchedInputs(top, inputs);
    const size = top.size;
    let residualCount = 0;
    const f: Flat = (xs) => vmapFlat(call.f, xs, axes, size, () => 0);
    const fwd = (xs: Tensor[]): [Tensor[], Tensor[]] => {
      let count = 0;
      const all = vmapFlat(
        (zs) => {
          const [o, r] = call.fwd(zs);
          count = o.length;
          residualCount = r.length;
          return [...o, ...r];
        },
        xs,
        axes,
        size,
        () => 0,
      );
      return [all.slice(0, count), all.slice(count)];
    };
    const bwd = (residuals: Tensor[], cts: Tensor[]): Tensor[] => {
      const perExample = vmapFlat(
        (zs) => call.bwd(zs.slice(0, residualCount), zs.slice(residualCount)),
        [...residuals, ...cts],
        [...residuals.map(() => 0), ...cts.map(() => 0)],
        size,
        () => 0,
      );
      // Inputs that were the same for the whole batch receive the sum of the batch's cotangents.
      return perExample.map((c, i) => (axes[i] === null ? sum(c, [0]) : c));
    };
    return bindCustomVjp({ f, fwd, bwd }, moved).map((o) => top.tracer(o, 0));
  }
  return call.f(inputs);
}

/** @inline Any function of tensors, numbers and trees of them. */
type Fn = (...args: any[]) => any;

function flatCall(op: string, f: Fn, def: TreeDef, record: (d: TreeDef) => void): Flat {
  return (xs) => {
    const [leaves, d] = treeFlatten(f(...treeUnflatten<unknown[]>(def, xs)), op);
    record(d);
    return leaves.map(leafTensor);
  };
}

/**
 * Gives `f` a hand-written JVP rule, used by every transformation (forward mode directly, reverse
 * mode by transposing the rule, vmap by batching it). Use it where the composed derivative is
 * numerically poor or slow.
 *
 * @param f - the function
 * @param rule - `(primals, tangents) => [output, outputTangent]`, with `primals` and `tangents`
 *   arrays of `f`'s arguments; must be linear in the tangents
 * @example
 * // log(1 + eˣ) with the derivative σ(x) written directly:
 * const softplus = customJvp(
 *   (x: Tensor) => x.exp().log1p(),
 *   ([x], [dx]) => [x.exp().log1p(), dx.mul(x.sigmoid())],
 * );
 * grad((x: Tensor) => softplus(x).sum())(tensor([0]));   // => tensor([0.5])
 */
export function customJvp<F extends Fn>(f: F, rule: (primals: any[], tangents: any[]) => [any, any]): F {
  const wrapped = (...args: any[]) => {
    const [leaves, def] = treeFlatten(args, "customJvp");
    let outDef: TreeDef | null = null;
    const flatF = flatCall("customJvp", f, def, (d) => (outDef = d));
    const flatRule = (ps: Tensor[], ts: Tensor[]): [Tensor[], Tensor[]] => {
      const result = rule(treeUnflatten<unknown[]>(def, ps), treeUnflatten<unknown[]>(def, ts));
      if (!Array.isArray(result) || result.length !== 2) {
        throw new ValueError("customJvp", `the rule must return [output, outputTangent], got ${Array.isArray(result) ? `an array of length ${result.length}` : typeof result}.`);
      }
      const [o, od] = treeFlatten(result[0], "customJvp");
      const [t, td] = treeFlatten(result[1], "customJvp");
      checkSameStructure("customJvp", od, td, "the rule's output tangent");
      outDef = od;
      const outs = o.map(leafTensor);
      const touts = t.map(leafTensor).map((x, i) => {
        if (!shapesEqual(x.shape, outs[i]!.shape)) {
          throw new ShapeError("customJvp", `the rule's output tangent ${i} must have the output's shape ${formatShape(outs[i]!.shape)}, got ${formatShape(x.shape)}.`);
        }
        return astype(x, outs[i]!.dtype);
      });
      return [outs, touts];
    };
    const outs = bindCustomJvp({ f: flatF, rule: flatRule }, leaves.map(leafTensor));
    return treeUnflatten(outDef!, outs);
  };
  return wrapped as F;
}

/**
 * Gives `f` a hand-written reverse-mode rule, like JAX's custom_vjp: `fwd` returns the output and
 * residuals saved for the backward pass, `bwd(residuals, outputCotangent)` returns one cotangent
 * per argument (null for none). Used by grad, vjp and jacrev, also under vmap. Forward mode of
 * the function itself (jvp, jacfwd) raises NotDifferentiableError; forward over reverse (hessian,
 * hvp) works, differentiating `bwd` as ordinary code.
 *
 * @example
 * // Gradient clipping inside the backward pass:
 * const clipped = customVjp(
 *   (x: Tensor) => x,
 *   (x: Tensor) => [x, []],
 *   (_res: Tensor[], ct: Tensor) => [ct.clip(-1, 1)],
 * );
 * grad((x: Tensor) => clipped(x).mul(10).sum())(tensor([1]));   // => tensor([1])
 */
export function customVjp<F extends Fn>(
  f: F,
  fwd: (...args: any[]) => [any, any],
  bwd: (residuals: any, cotangent: any) => readonly any[],
): F {
  const wrapped = (...args: any[]) => {
    const [leaves, def] = treeFlatten(args, "customVjp");
    const inputs = leaves.map(leafTensor);
    let outDef: TreeDef | null = null;
    let residualDef: TreeDef | null = null;
    const flatF = flatCall("customVjp", f, def, (d) => (outDef = d));
    const flatFwd = (xs: Tensor[]): [Tensor[], Tensor[]] => {
      const result = fwd(...treeUnflatten<unknown[]>(def, xs));
      if (!Array.isArray(result) || result.length !== 2) {
        throw new ValueError("customVjp", `fwd must return [output, residuals], got ${Array.isArray(result) ? `an array of length ${result.length}` : typeof result}.`);
      }
      const [o, od] = treeFlatten(result[0], "customVjp");
      const [r, rd] = treeFlatten(result[1], "customVjp");
      outDef = od;
      residualDef = rd;
      return [o.map(leafTensor), r.map(leafTensor)];
    };
    const flatBwd = (residuals: Tensor[], cts: Tensor[]): Tensor[] => {
      const result = bwd(treeUnflatten(residualDef!, residuals), treeUnflatten(outDef!, cts));
      if (!Array.isArray(result) || result.length !== args.length) {
        throw new ValueError("customVjp", `bwd must return one cotangent per argument (${args.length}), got ${Array.isArray(result) ? `an array of length ${result.length}` : typeof result}.`);
      }
      const [c] = treeFlatten(result.map((r, i) => (r === null || r === undefined ? zerosOfTree(args[i]) : r)), "customVjp");
      if (c.length !== inputs.length) {
        throw new ValueError("customVjp", `bwd's cotangents must have the arguments' structure (${inputs.length} leaves), got ${c.length} leaves.`);
      }
      return c.map((x, i) => {
        const t = leafTensor(x);
        if (!shapesEqual(t.shape, inputs[i]!.shape)) {
          throw new ShapeError("customVjp", `bwd's cotangent ${i} must have its input's shape ${formatShape(inputs[i]!.shape)}, got ${formatShape(t.shape)}.`);
        }
        return t;
      });
    };
    const outs = bindCustomVjp({ f: flatF, fwd: flatFwd, bwd: flatBwd }, inputs);
    return treeUnflatten(outDef!, outs);
  };
  return wrapped as F;
}

function zerosOfTree(tree: unknown): unknown {
  const [leaves, def] = treeFlatten(tree, "customVjp");
  return treeUnflatten(def, leaves.map((l) => zerosLikeConcrete(leafTensor(l))));
}

