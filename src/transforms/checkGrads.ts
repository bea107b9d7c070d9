import { NablaError, ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { isFloat } from "../tensor/dtype.js";
import { treeFlatten, treeUnflatten } from "../core/tree.js";
import { astype } from "../ops/convert.js";
import { normal, splitKey, randomKey, type RandomKey } from "../ops/random.js";
import { jvp, vjp, leafTensor } from "./api.js";

/**
 * Raised by `checkGrads` when an automatic derivative disagrees with finite differences.
 * @example
 * // A rule that forgets the factor 2 of d(x²)/dx:
 * const square = customJvp((x: Tensor) => x.square(), ([x], [dx]) => [x.square(), dx.mul(x)]);
 * checkGrads((x: Tensor) => square(x).sum(), [tensor([1, 2])], { order: 1 });   // throws GradCheckError
 */
export class GradCheckError extends NablaError {}

/**
 * Options of `checkGrads`.
 * @example
 * checkGrads((x: Tensor) => x.exp().sum(), [tensor([0, 1])], { order: 1, modes: ["rev"] }).checks.length;   // => 1
 */
export interface CheckGradsOptions {
  /** Check derivatives up to this order (default 2). */
  order?: number;
  /** Which modes to check: forward (`"fwd"`, JVP) and/or reverse (`"rev"`, VJP). Default both. */
  modes?: readonly ("fwd" | "rev")[];
  /** Finite-difference step (default 1e-5, for float64 central differences). */
  eps?: number;
  /** Absolute and relative tolerances (defaults 1e-5 each). */
  atol?: number;
  rtol?: number;
  /** Seed of the random directions (default 0). */
  seed?: number;
}

/**
 * One comparison made by `checkGrads`.
 * @example
 * const check = checkGrads((x: Tensor) => x.sin().sum(), [tensor([1])]).worst;
 * check.error <= check.tolerance;   // => true
 */
export interface GradCheck {
  /** What was compared, e.g. "rev, order 2". */
  readonly name: string;
  readonly automatic: number;
  readonly numerical: number;
  readonly error: number;
  readonly tolerance: number;
}

/**
 * What `checkGrads` compared: every check, and the one closest to its tolerance.
 * @example
 * checkGrads((x: Tensor) => x.square().sum(), [tensor([1, 2])], { order: 1 }).checks.length;   // => 2
 */
export interface GradCheckReport {
  readonly checks: readonly GradCheck[];
  /** The check with the largest error relative to its tolerance. */
  readonly worst: GradCheck;
}

/** @inline Any function of tensors, numbers and trees of them. */
type Fn = (...args: any[]) => any;

/**
 * Verifies the derivatives of `f` at `args` numerically, in float64: forward mode against central
 * differences along a random direction, reverse mode through the dot-product identity
 * ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ with random u and v, and the same again for the derivative functions
 * themselves up to `order`. Use it on your own functions and on custom rules.
 *
 * @param f - the function to check, taking `args`
 * @param args - the point to check at, an array of arguments (trees allowed)
 * @returns a report of every comparison (the worst one first to read)
 * @throws GradCheckError naming the mode, the order and the mismatch when one exceeds its tolerance
 * @example
 * checkGrads((x: Tensor) => x.sin().mul(x).sum(), [tensor([0.5, 1.5])], { order: 2 }).checks.length;   // => 6
 */
export function checkGrads(f: Fn, args: readonly unknown[], options: CheckGradsOptions = {}): GradCheckReport {
  const order = options.order ?? 2;
  const modes = options.modes ?? ["fwd", "rev"];
  if (!Number.isInteger(order) || order < 1) throw new ValueError("checkGrads", `order must be a positive integer, got ${order}.`);
  if (modes.length === 0 || modes.some((m) => m !== "fwd" && m !== "rev")) {
    throw new ValueError("checkGrads", `modes must be a non-empty list of "fwd" and "rev", got ${JSON.stringify(modes)}.`);
  }
  const settings = { eps: options.eps ?? 1e-5, atol: options.atol ?? 1e-5, rtol: options.rtol ?? 1e-5 };
  const [leaves, def] = treeFlatten(args, "checkGrads");
  const primals = leaves.map((l) => {
    const t = leafTensor(l);
    return isFloat(t.dtype) ? astype(t, "float64") : t;
  });
  const checks: GradCheck[] = [];
  const flatF = (xs: Tensor[]): Tensor[] => treeFlatten(f(...treeUnflatten<unknown[]>(def, xs)), "checkGrads")[0].map(leafTensor).map((t) => (isFloat(t.dtype) ? astype(t, "float64") : t));
  check(flatF, primals, order, modes, settings, checks, randomKey(options.seed ?? 0));
  const worst = checks.reduce((a, b) => (b.error / b.tolerance > a.error / a.tolerance ? b : a));
  for (const c of checks) {
    if (!(c.error <= c.tolerance)) {
      throw new GradCheckError(
        "checkGrads",
        `expected ${c.name} derivatives to match finite differences, got ${c.automatic} (automatic) vs ${c.numerical} (numerical), ` +
          `error ${c.error.toExponential(3)} > tolerance ${c.tolerance.toExponential(3)}. The derivative rule or function is wrong, or f is not smooth at this point.`,
      );
    }
  }
  return { checks, worst };
}

interface Settings {
  eps: number;
  atol: number;
  rtol: number;
}

function check(
  f: (xs: Tensor[]) => Tensor[],
  xs: Tensor[],
  order: number,
  modes: readonly string[],
  s: Settings,
  checks: GradCheck[],
  key: RandomKey,
): void {
  const floatIndex = xs.map((x, i) => (isFloat(x.dtype) ? i : -1)).filter((i) => i >= 0);
  const [kv, ku, kNext] = splitKey(key, 3);
  const directions = xs.map((x, i) => (isFloat(x.dtype) ? normal(splitKey(kv!, xs.length)[i]!, x.shape, { dtype: x.dtype }) : x));
  const shifted = (sign: number) => xs.map((x, i) => (floatIndex.includes(i) ? x.add(directions[i]!.mul(sign * s.eps)) : x));
  const plus = f(shifted(1));
  const minus = f(shifted(-1));
  const numerical = plus.map((p, j) => (isFloat(p.dtype) ? p.sub(minus[j]!).div(2 * s.eps) : null));
  const depth = (s as Settings & { depth?: number }).depth ?? 1;
  const tol = (value: number) => s.atol + s.rtol * Math.abs(value);

  const jvpAt = (ys: Tensor[], vs: Tensor[]) => jvp((...a: Tensor[]) => f(a), ys, vs);
  if (modes.includes("fwd")) {
    const [, tangents] = jvpAt(xs, directions) as [Tensor[], Tensor[]];
    tangents.forEach((t, j) => {
      const n = numerical[j];
      if (n === null || n === undefined) return;
      const a = t.sub(n).abs();
      const error = a.size === 0 ? 0 : a.max().item();
      const scale = n.size === 0 ? 0 : n.abs().max().item();
      const worstIndex = a.size === 0 ? 0 : a.flatten().argmax(0).item();
      checks.push({
        name: `forward-mode (JVP), order ${depth}`,
        automatic: a.size === 0 ? 0 : t.flatten().take(worstIndex).item(),
        numerical: a.size === 0 ? 0 : n.flatten().take(worstIndex).item(),
        error,
        tolerance: tol(scale),
      });
    });
  }
  const outputs = f(xs);
  const cotangents = outputs.map((o, j) => (isFloat(o.dtype) ? normal(splitKey(ku!, outputs.length)[j]!, o.shape, { dtype: o.dtype }) : o.mul(0)));
  if (modes.includes("rev")) {
    const [, pullback] = vjp((...a: Tensor[]) => f(a), ...xs);
    const grads = pullback(cotangents) as Tensor[];
    let automatic = 0;
    floatIndex.forEach((i) => (automatic += grads[i]!.mul(directions[i]!).sum().item()));
    let numeric = 0;
    numerical.forEach((n, j) => {
      if (n !== null) numeric += n.mul(cotangents[j]!).sum().item();
    });
    checks.push({ name: `reverse-mode (VJP), order ${depth}`, automatic, numerical: numeric, error: Math.abs(automatic - numeric), tolerance: tol(numeric) });
  }
  if (order > 1) {
    const next = { ...s, depth: depth + 1 } as Settings;
    if (modes.includes("fwd")) {
      check((ys) => jvpAt(ys, directions)[1] as Tensor[], xs, order - 1, modes, next, checks, kNext!);
    }
    if (modes.includes("rev")) {
      check(
        (ys) => {
          const [, pullback] = vjp((...a: Tensor[]) => f(a), ...ys);
          return (pullback(cotangents) as Tensor[]).filter((_, i) => floatIndex.includes(i));
        },
        xs,
        order - 1,
        modes,
        next,
        checks,
        kNext!,
      );
    }
  }
}
