/**
 * How `nabla minimize` prints a run: the result, the per-iteration table, the plot of the
 * objective against iteration, and the table comparing methods.
 */
import { plot } from "asciichart";
import type { CurvatureReport } from "../../optim/curvature.js";
import type { IterationRecord, MinimizeResult } from "../../optim/minimize/index.js";

/**
 * A number short enough for a table: `digits` significant digits, in exponent form when it is
 * below 1e-3 or above 1e7 in magnitude.
 */
export function formatValue(value: number, digits = 10): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) return String(Number(value.toPrecision(digits)));
  return value.toExponential(Math.min(digits, 5) - 1);
}

/** Columns of cells, the first left-aligned and the others right-aligned, with a rule under the header. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, j) => Math.max(cell.length, ...rows.map((row) => row[j]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The evaluation counts in words: `f 25, gradient 22, Hessian 21`, leaving out the zero ones after the first. */
export function formatEvaluations(evaluations: MinimizeResult["evaluations"]): string {
  const parts: string[] = [`f ${evaluations.fun}`, `gradient ${evaluations.grad}`];
  if (evaluations.hessian > 0) parts.push(`Hessian ${evaluations.hessian}`);
  if (evaluations.hvp > 0) parts.push(`Hessian-vector ${evaluations.hvp}`);
  return parts.join(", ");
}

/**
 * The result of one run, one fact per line: the message first (it says why the run stopped),
 * then x, f, the gradient norm, the iteration and evaluation counts.
 */
export function formatResult(result: MinimizeResult, x: readonly (readonly [string, string])[], normName: string): string {
  const rows: (readonly [string, string])[] = [
    ...x,
    ["f", formatValue(result.fun)],
    [`gradient norm (${normName})`, formatValue(result.gradNorm)],
    ["iterations", String(result.iterations)],
    ["evaluations", formatEvaluations(result.evaluations)],
    ["reason", `${result.reason}${result.converged ? " (converged)" : " (not converged)"}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`${result.method}: ${result.message}`, ...rows.map(([label, value]) => `  ${label.padEnd(width)} = ${value}`)].join("\n");
}

/** How many table rows `--trace` prints from each end of a long run. */
export const TRACE_ENDS = 20;

/** The per-iteration table: every row of a short run, the first and last rows of a long one. */
export function formatHistory(history: readonly IterationRecord[]): string {
  const row = (r: IterationRecord): string[] => [String(r.iteration), formatValue(r.fun, 7), formatValue(r.gradNorm, 5), formatValue(r.stepLength, 5)];
  const header = ["iteration", "f", "gradient norm", "step length"];
  if (history.length <= 2 * TRACE_ENDS + 1) return formatTable(header, history.map(row));
  const omitted = history.length - 2 * TRACE_ENDS;
  const rows = [...history.slice(0, TRACE_ENDS).map(row), [`… ${omitted} more`, "", "", ""], ...history.slice(-TRACE_ENDS).map(row)];
  return formatTable(header, rows);
}

/** The plot's width in columns of points; a longer history is sampled evenly down to it. */
const PLOT_WIDTH = 64;
const PLOT_HEIGHT = 12;

/**
 * log10 of the objective against iteration, as a terminal line chart (drawn by asciichart).
 * Plots log10 f when no f is negative, otherwise log10(f − f_best), where f_best is the smallest
 * f of the run. A value of exactly 0 (a minimum hit exactly, or f_best itself) has no logarithm:
 * it is drawn at f_best's rounding error when f_best < 0 (below it differences are noise), and a
 * decade under the smallest positive value otherwise. Non-finite values (a diverged run's last
 * record) are left out.
 */
export function formatPlot(history: readonly IterationRecord[]): string {
  const points = history.filter((r) => Number.isFinite(r.fun));
  const best = Math.min(...points.map((r) => r.fun));
  const shifted = best < 0;
  const values = points.map((r) => (shifted ? r.fun - best : r.fun));
  const smallest = Math.min(...values.filter((v) => v > 0));
  if (points.length < 2 || !Number.isFinite(smallest)) return "(too few positive finite values of f to plot)";
  const floor = shifted ? Math.max(Number.EPSILON * Math.abs(best), Number.MIN_VALUE) : smallest / 10;
  const heights = values.map((v) => Math.log10(Math.max(v, floor)));
  const columns = Math.min(points.length, PLOT_WIDTH);
  const sampled = Array.from({ length: columns }, (_, c) => Math.round((c * (points.length - 1)) / Math.max(columns - 1, 1)));
  const chart = plot(sampled.map((i) => heights[i]!), {
    height: PLOT_HEIGHT,
    format: (v: number) => v.toFixed(1).padStart(7),
  });
  const title = shifted ? `log10(f − f_best), f_best = ${formatValue(best)}` : "log10 f";
  const first = String(points[0]!.iteration);
  const last = String(points[points.length - 1]!.iteration);
  const axisOffset = 8; // the chart's label column and axis character come first
  const axis = `${" ".repeat(axisOffset)}${first.padEnd(Math.max(columns - last.length, first.length + 1))}${last}`;
  const sampling = points.length > columns ? ` (${columns} of ${points.length} iterates, evenly spaced)` : "";
  return [title, chart, axis, `${" ".repeat(axisOffset)}iteration${sampling}`].join("\n");
}

/**
 * The curvature diagnostics at the start and the end side by side, then each point's note (what
 * the numbers mean there: a minimum's curvature, a saddle, a flat direction).
 */
export function formatCurvature(measured: { readonly start: CurvatureReport; readonly end: CurvatureReport }): string {
  const optional = (v: number | undefined): string => (v === undefined ? "—" : formatValue(v, 6));
  const rows: [string, (report: CurvatureReport) => string][] = [
    ["λmin", (r) => formatValue(r.lambdaMin, 6)],
    ["λmax", (r) => formatValue(r.lambdaMax, 6)],
    ["condition number κ = λmax/λmin", (r) => formatValue(r.conditionNumber, 6)],
    ["largest stable step 2/λmax", (r) => formatValue(r.maxStableStep, 6)],
    ["best fixed step 2/(λmax + λmin)", (r) => optional(r.bestFixedStep)],
    ["predicted rate (κ − 1)/(κ + 1)", (r) => optional(r.predictedRate)],
    ["indefinite (a saddle)", (r) => (r.indefinite ? "yes" : "no")],
  ];
  const table = formatTable(["curvature", "start", "end"], rows.map(([label, cell]) => [label, cell(measured.start), cell(measured.end)]));
  return [table, "", `start: ${measured.start.note}`, `end: ${measured.end.note}`].join("\n");
}
