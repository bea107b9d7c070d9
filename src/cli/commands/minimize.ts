/**
 * `nabla minimize <expression>`: minimizes an expression (or a function exported by a JavaScript
 * module) with `minimize`, derivatives by automatic differentiation, and prints the result, the
 * run's history and plot, a comparison of methods, or the curvature at the start and the end.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Option, type Command } from "commander";
import { NablaError, ValueError } from "../../errors.js";
import { scalar, stack, tensor } from "../../ops/index.js";
import { curvature, type CurvatureReport } from "../../optim/curvature.js";
import { minimize, type MethodName, type MinimizeOptions, type MinimizeResult } from "../../optim/minimize/index.js";
import { LEAST_SQUARES_METHODS } from "../../optim/minimize/types.js";
import { treeMap } from "../../core/tree.js";
import { toTensorFunction } from "../../symbolic/bridge/to-tensor-function.js";
import { freeVariables, parseList } from "../../symbolic/index.js";
import { Tensor } from "../../tensor/tensor.js";
import type { CliCommand } from "../program.js";
import type { CliIo } from "../io.js";
import { formatCurvature, formatEvaluations, formatHistory, formatPlot, formatResult, formatTable, formatValue } from "./minimize-report.js";
import { pointOption } from "./symbolic-options.js";

/** The options of `nabla minimize`, as commander hands them over (numbers still as text). */
export interface MinimizeCommandOptions {
  from?: string;
  method?: string;
  tol?: string;
  maxIter?: string;
  lr?: string;
  dtype?: "float64" | "float32";
  trace?: boolean;
  compare?: string;
  curvature?: boolean;
  module?: string;
  export?: string;
  json?: boolean;
}

/** The function to minimize, its start point, and how to show a point to the user. */
interface Objective {
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

/** The gradient norm every run reports: minimize's default, SciPy's `gtol` norm. */
const NORM_NAME = "‖∇f‖∞";

/** A number option: finite, or a clear error naming the option. */
function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new ValueError(name, `expected a number, got ${JSON.stringify(text)}.`);
  return value;
}

function integerOption(name: string, text: string | undefined): number | undefined {
  const value = numberOption(name, text);
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new ValueError(name, `expected a non-negative whole number, got ${JSON.stringify(text)}.`);
  return value;
}

/** Whether the method reads f as residuals r(x) and minimizes ½‖r(x)‖². */
const isLeastSquares = (method: MethodName): boolean => LEAST_SQUARES_METHODS.includes(method);

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
function expressionObjective(text: string, from: string | undefined): Objective {
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
function scalarObjective(objective: Objective, method: MethodName): (x: any) => Tensor {
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
async function moduleObjective(path: string, exportName: string | undefined, from: string | undefined): Promise<Objective> {
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

function methodList(text: string): MethodName[] {
  const names = text.split(",").map((name) => name.trim());
  if (names.some((name) => name === "")) throw new ValueError("--compare", `expected comma-separated method names such as gd,newton,bfgs, got ${JSON.stringify(text)}.`);
  return names as MethodName[];
}

/** What one run shows in the comparison table. */
interface Compared {
  readonly result: MinimizeResult;
  readonly milliseconds: number;
}

function compare(objective: Objective, methods: readonly MethodName[], common: MinimizeOptions, singleExpression: boolean): Compared[] {
  if (singleExpression) {
    const leastSquares = methods.filter(isLeastSquares);
    if (leastSquares.length > 0 && leastSquares.length < methods.length) {
      throw new ValueError("--compare", `expected residuals separated by ";" when comparing ${leastSquares.join(", ")} with other methods, got one expression. The least-squares methods minimize ½ Σ rᵢ² of the residuals, the others f itself`);
    }
  }
  return methods.map((method) => {
    const started = performance.now();
    const result = minimize(objective.forMethod(method), objective.x0, { ...common, method });
    return { result, milliseconds: performance.now() - started };
  });
}

/**
 * Runs `nabla minimize` and returns what it prints.
 *
 * @example
 * const printed = await minimizeCommand("(x - 3)^2 + 1", { from: "x=0", method: "newton" });
 * printed.split("\n")[0];   // => "newton: Converged: gradient norm 8.88e-16 <= tol 0.00001 after 1 iterations."
 */
export async function minimizeCommand(expression: string | undefined, options: MinimizeCommandOptions): Promise<string> {
  if ((expression === undefined) === (options.module === undefined)) {
    throw new ValueError("minimize", `expected an expression or --module, got ${expression === undefined ? "neither" : "both"}. For example: nabla minimize "(1-x)^2 + 100*(y-x^2)^2" --from x=-1.2,y=1`);
  }
  if (options.export !== undefined && options.module === undefined) throw new ValueError("--export", "expected --module with it, got an expression. --export names the function a module exports");
  const common: MinimizeOptions = {
    tol: numberOption("--tol", options.tol),
    maxIter: integerOption("--max-iter", options.maxIter),
    learningRate: numberOption("--lr", options.lr),
    dtype: options.dtype,
  };
  const objective = expression !== undefined
    ? expressionObjective(expression, options.from)
    : await moduleObjective(options.module!, options.export, options.from);

  if (options.compare !== undefined) {
    const single = expression !== undefined && parseList(expression).length === 1;
    const runs = compare(objective, methodList(options.compare), common, single);
    if (options.json) {
      return JSON.stringify({ compare: runs.map(({ result, milliseconds }) => ({ ...summary(result, objective), timeMs: milliseconds })) }, null, 2);
    }
    return formatTable(
      ["method", "iterations", "evaluations", "time (ms)", "f", NORM_NAME, "reason"],
      runs.map(({ result, milliseconds }) => [
        result.method, String(result.iterations), formatEvaluations(result.evaluations), milliseconds.toFixed(1),
        formatValue(result.fun, 6), formatValue(result.gradNorm, 5), result.reason,
      ]),
    );
  }

  const method = (options.method ?? "bfgs") as MethodName;
  const result = minimize(objective.forMethod(method), objective.x0, { ...common, method });
  const measured = options.curvature ? curvatureAtEnds(objective, method, result, options.dtype ?? "float64") : undefined;
  if (options.json) {
    return JSON.stringify({
      ...summary(result, objective),
      ...(options.trace ? { history: result.history } : {}),
      ...(measured ? { curvature: measured } : {}),
    }, null, 2);
  }
  const sections = [formatResult(result, objective.describe(result.x), NORM_NAME)];
  if (options.trace) sections.push(formatHistory(result.history), formatPlot(result.history));
  if (measured) sections.push(formatCurvature(measured));
  return sections.join("\n\n");
}

/** The Hessian's extreme eigenvalues, and what they predict, at the start point and at the result. */
function curvatureAtEnds(objective: Objective, method: MethodName, result: MinimizeResult, dtype: "float64" | "float32"): { start: CurvatureReport; end: CurvatureReport } {
  const f = scalarObjective(objective, method);
  return { start: curvature(f, objective.startTensors(dtype) as never), end: curvature(f, result.x as never) };
}

/** A run's result as JSON, x by name for expressions and as a tree for modules. */
function summary(result: MinimizeResult, objective: Objective): Record<string, unknown> {
  return {
    method: result.method,
    x: objective.toJson(result.x),
    fun: result.fun,
    gradNorm: result.gradNorm,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    reason: result.reason,
    message: result.message,
  };
}

export const minimizeCli: CliCommand = {
  register(program: Command, io: CliIo) {
    program.command("minimize")
      .description("minimize an expression (or residuals r1; r2; ... in the least-squares sense) from a start point")
      .argument("[expression]", "for example \"(1-x)^2 + 100*(y-x^2)^2\"")
      .option("--from <point>", "the start point: x=-1.2,y=1 (with --module: JSON, an array or a tree)")
      .addOption(new Option("--method <name>", "gd, momentum, adam, newton, newton-cg, bfgs, lbfgs, cg, trust-region, gauss-newton, levenberg-marquardt (default: bfgs)").conflicts("compare"))
      .option("--tol <number>", "stop when the gradient's largest component is at most this (default 1e-5)")
      .option("--max-iter <n>", "most iterations (default: the method's)")
      .option("--lr <number>", "learning rate of gd, momentum and adam")
      .addOption(new Option("--dtype <dtype>", "the dtype f is evaluated in").choices(["float64", "float32"]))
      .addOption(new Option("--trace", "print every iteration (the first and last 20 of a long run) and a plot of log10 f").conflicts("compare"))
      .option("--compare <methods>", "run each method, comma-separated, and print a table of iterations, evaluations, time and f")
      .addOption(new Option("--curvature", "print the Hessian's extreme eigenvalues and what they predict for gradient descent, at the start and the end").conflicts("compare"))
      .option("--module <path>", "minimize the function a JavaScript module exports instead of an expression")
      .option("--export <name>", "the export of --module to minimize (default: the default export)")
      .option("--json", "print JSON")
      .addHelpText("after", [
        "",
        "Several expressions separated by \";\" are residuals: the objective is ½ Σ rᵢ², and gauss-newton and",
        "levenberg-marquardt use the residuals themselves.",
        "",
        "Examples:",
        "  nabla minimize \"(1-x)^2 + 100*(y-x^2)^2\" --from x=-1.2,y=1 --method newton --trace",
        "  nabla minimize \"(1-x)^2 + 100*(y-x^2)^2\" --from x=-1.2,y=1 --compare gd,momentum,adam,newton,bfgs,lbfgs",
        "  nabla minimize \"a*exp(-b) - 0.6; a*exp(-2*b) - 0.35; a*exp(-3*b) - 0.2\" --from a=1,b=1 --method levenberg-marquardt",
        "  nabla minimize --module loss.js --export loss --from '{\"w\": [0, 0], \"b\": 0}'",
      ].join("\n"))
      .action(async (expression: string | undefined, options: MinimizeCommandOptions) => io.out(await minimizeCommand(expression, options)));
  },
};
