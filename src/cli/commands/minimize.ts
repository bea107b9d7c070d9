/**
 * `nabla minimize <expression>`: minimizes an expression (or a function exported by a JavaScript
 * module) with `minimize`, derivatives by automatic differentiation, and prints the result, the
 * run's history and plot, a comparison of methods, or the curvature at the start and the end.
 */
import { Option, type Command } from "commander";
import { ValueError } from "../../errors.js";
import { curvature, type CurvatureReport } from "../../optim/curvature.js";
import { minimize, type MethodName, type MinimizeOptions, type MinimizeResult } from "../../optim/minimize/index.js";
import { parseList } from "../../symbolic/index.js";
import type { CliCommand } from "../program.js";
import type { CliIo } from "../io.js";
import { expressionObjective, isLeastSquares, moduleObjective, scalarObjective, type Objective } from "./minimize-objective.js";
import { formatCurvature, formatEvaluations, formatHistory, formatPlot, formatResult, formatTable, formatValue } from "./minimize-report.js";

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
 * printed.split("\n")[0];   // => "newton: Converged: gradient norm 0.00e+0 <= tol 0.00001 after 1 iterations."
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
