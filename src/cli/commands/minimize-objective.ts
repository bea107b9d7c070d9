/**
 * What `nabla minimize` minimizes: an expression (or residuals separated by `;`) over its
 * variables, started from `--from x=-1.2,y=1`, or a function a JavaScript module exports, started
 * from `--from` as JSON; and how a point of either is shown.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { treeMap } from "../../core/tree.js";
import { NablaError, ValueError } from "../../errors.js";
import { scalar, stack, tensor } from "../../ops/index.js";
import type { MethodName } from "../../optim/minimize/index.js";
import { LEAST_SQUARES_METHODS } from "../../optim/minimize/types.js";
import { toTensorFunction } from "../../symbolic/bridge/to-tensor-function.js";
import { freeVariables, parseList } from "../../symbolic/index.js";
import { Tensor } from "../../tensor/tensor.js";
import { formatValue } from "./minimize-report.js";
import { pointOption } from "./symbolic-options.js";

/** The function to minimize, its start point, and how to show a point to the user. */
export interface Objective {
  /** f for the given method: a scalar, or residuals for the least-squares methods. */
  forMethod(method: MethodName): (x: any) => Tensor;
  readonly x0: unknown;
  /** x0 with every number a 0-d tensor of `dtype`, as `curvature` takes it. */
  startTensors(dtype: "float64" | "float32"): unknown;
  /** A point as name = value lines (expressions) or one JSON line (modules). */
  describe(x: unknown): [string, string][];
  /** A point as JSON. */
  toJson(x: unknown): unknown;
}

/** Whether the method reads f as residuals r(x) and minimizes ½‖r(x)‖². */
export const isLeastSquares = (method: MethodName): boolean => LEAST_SQUARES_METHODS.includes(method);

/** `--from x=-1.2,y=1`, read as `--at` is by the other commands, with errors that name `--from`. */
function startPoint(from: string): Record<string, number> {
  try {
    return pointOption(from);
  } catch (error) {
    if (error instanceof NablaError && error.op === "--at") {
      throw new ValueError("--from", `expected ${error.message.slice("--at: ".length)}`);
    }
    throw error;
  }
}

/**
 * An expression, or residuals separated by `;`, over its variables. With several residuals the
 * objective is ½ Σ rᵢ² for every method; the least-squares methods get the residuals themselves.
 */
export function expressionObjective(text: string, from: string | undefined): Objective {
  const exprs = parseList(text);
  const names = freeVariables(...exprs);
  if (names.length === 0) throw new ValueError("minimize", `expected an expression with at least one variable, got ${JSON.stringify(text)}.`);
  if (from === undefined) {
    throw new ValueError("--from", `expected a start point for ${names.join(", ")}, got none. Add --from ${names.map((n) => `${n}=0`).join(",")}`);
  }
  const point = startPoint(from);
  const missing = names.filter((name) => !(name in point));
  if (missing.length > 0) {
    throw new ValueError("--from", `expected a value for every variable (${names.join(", ")}), got none for ${missing.join(", ")}. Add ${missing.map((m) => `${m}=...`).join(",")} to --from`);
  }
  const extra = Object.keys(point).filter((name) => !names.includes(name));
  if (extra.length > 0) {
    throw new ValueError("--from", `expected only the expression's variables (${names.join(", ")}), got ${extra.join(", ")} as well.`);
  }
  const fns = exprs.map((e) => toTensorFunction(e, names));
  const x0 = Object.fromEntries(names.map((name) => [name, point[name]!]));
  const value = (x: unknown): number => (x instanceof Tensor ? x.item() : Number(x));
  return {
    forMethod(method) {
      return (x: Record<string, Tensor>) => {
        const args = names.map((name) => x[name]!);
        if (exprs.length === 1 && !isLeastSquares(method)) return fns[0]!(...args);
        const residuals = stack(fns.map((fn) => fn(...args)));
        return isLeastSquares(method) ? residuals : residuals.square().sum().mul(0.5);
      };
    },
    x0,
    startTensors: (dtype) => Object.fromEntries(names.map((name) => [name, scalar(point[name]!, dtype)])),
    describe: (x) => names.map((name) => [name, formatValue(value((x as Record<string, unknown>)[name]))]),
    toJson: (x) => Object.fromEntries(names.map((name) => [name, value((x as Record<string, unknown>)[name])])),
  };
}

/** The scalar the method minimizes: f itself, or ½‖r‖² for the least-squares methods. */
export function scalarObjective(objective: Objective, method: MethodName): (x: any) => Tensor {
  const f = objective.forMethod(method);
  return isLeastSquares(method) ? (x) => f(x).square().sum().mul(0.5) : f;
}

/** A JSON value as a parameter tree: arrays of numbers become tensors, objects and other arrays stay trees. */
function treeFromJson(value: unknown, path: string): unknown {
  if (typeof value === "number") return value;
  const numeric = (v: unknown): boolean => typeof v === "number" || (Array.isArray(v) && v.length > 0 && v.every(numeric));
  if (Array.isArray(value) && value.length > 0 && value.every(numeric)) return tensor(value as number[], { dtype: "float64" });
  if (Array.isArray(value)) return value.map((v, i) => treeFromJson(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, treeFromJson(v, `${path}.${k}`)]));
  }
  throw new ValueError("--from", `expected numbers, arrays and objects only, got ${JSON.stringify(value)} at ${path}.`);
}

/** A parameter tree as JSON: tensors as (nested) arrays of numbers. */
function treeToJson(tree: unknown): unknown {
  if (tree instanceof Tensor) return tree.toArray();
  if (Array.isArray(tree)) return tree.map(treeToJson);
  if (tree !== null && typeof tree === "object") return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, treeToJson(v)]));
  return tree;
}

/** A JSON tree with its numbers as `formatValue` writes them: `{w: [2, 2], b: -1}`. */
function treeText(tree: unknown): string {
  if (typeof tree === "number") return formatValue(tree);
  if (Array.isArray(tree)) return `[${tree.map(treeText).join(", ")}]`;
  if (tree !== null && typeof tree === "object") return `{${Object.entries(tree).map(([k, v]) => `${k}: ${treeText(v)}`).join(", ")}}`;
  return String(tree);
}

/** The function a JavaScript module exports (default, or by name), started from `--from`'s JSON. */
export async function moduleObjective(path: string, exportName: string | undefined, from: string | undefined): Promise<Objective> {
  let loaded: Record<string, unknown>;
  try {
    loaded = await import(pathToFileURL(resolve(path)).href) as Record<string, unknown>;
  } catch (error) {
    throw new ValueError("--module", `expected a JavaScript module that loads, got ${JSON.stringify(path)}: ${(error as Error).message}`);
  }
  const name = exportName ?? "default";
  const f = loaded[name];
  if (typeof f !== "function") {
    const functions = Object.keys(loaded).filter((key) => typeof loaded[key] === "function");
    throw new ValueError("--module", `expected ${JSON.stringify(path)} to export a function as ${exportName === undefined ? "its default export" : JSON.stringify(exportName)}, got ${typeof f}. ` +
      (functions.length > 0 ? `It exports the functions ${functions.join(", ")}: pick one with --export` : "Export the function to minimize"));
  }
  if (from === undefined) throw new ValueError("--from", "expected a start point as JSON with --module (an array such as [-1.2, 1], or a tree such as {\"w\": [0, 0], \"b\": 0}), got none.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(from);
  } catch {
    throw new ValueError("--from", `expected JSON with --module (an array such as [-1.2, 1], or a tree such as {"w": [0, 0], "b": 0}), got ${JSON.stringify(from)}.`);
  }
  const x0 = treeFromJson(parsed, "x0");
  const fn = f as (x: unknown) => Tensor;
  return {
    forMethod: () => fn,
    x0,
    startTensors: (dtype) => treeMap((leaf: Tensor | number) => (leaf instanceof Tensor ? leaf.astype(dtype) : scalar(leaf, dtype)), x0),
    describe: (x) => [["x", treeText(treeToJson(x))]],
    toJson: treeToJson,
  };
}

