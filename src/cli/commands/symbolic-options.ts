/** Options and formatting shared by the symbolic commands (`diff`, `gradient`, `hessian`, `jacobian`). */
import { Option, type Command } from "commander";
import {
  ArgumentError, evaluate, freeVariables, parse, toLatex, toText, type Expr,
} from "../../symbolic/index.js";

/** Options every symbolic command takes. */
export interface SymbolicOptions {
  wrt?: string;
  at?: string;
  latex?: boolean;
  json?: boolean;
}

/** Adds the shared options to a command. */
export function withSymbolicOptions(command: Command): Command {
  return command
    .option("--wrt <variables>", "variables to differentiate by, comma-separated (default: every variable, in natural order)")
    .option("--at <point>", "evaluate at a point, for example x=1,y=2,z=pi/2")
    .addOption(new Option("--latex", "print LaTeX").conflicts("json"))
    .option("--json", "print JSON");
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** The variables of `--wrt`, or every variable of the expressions. */
export function variablesOption(wrt: string | undefined, exprs: Expr[]): string[] {
  if (wrt === undefined) return freeVariables(...exprs);
  const names = wrt.split(",").map((name) => name.trim());
  if (names.some((name) => name === "")) {
    throw new ArgumentError("--wrt", `comma-separated variable names such as x,y, got ${JSON.stringify(wrt)}.`);
  }
  return names;
}

/** The point of `--at`: each `name=value`, where a value may be an expression such as `pi/2`. */
export function pointOption(at: string): Record<string, number> {
  const point: Record<string, number> = {};
  for (const part of splitTopLevel(at)) {
    const match = /^([^=]+)=(.+)$/.exec(part);
    if (!match) {
      throw new ArgumentError("--at", `name=value pairs such as x=1,y=2, got ${JSON.stringify(part)}.`);
    }
    const name = match[1]!.trim();
    const value = parse(match[2]!);
    const unknowns = freeVariables(value);
    if (unknowns.length > 0) {
      throw new ArgumentError("--at", `a number or constant expression for ${name}, got ${JSON.stringify(match[2]!.trim())}, which uses ${unknowns.join(", ")}.`);
    }
    point[name] = evaluate(value, {});
  }
  return point;
}

/** The point of `--at`, checked to give a value to every variable of `exprs`. */
export function pointFor(at: string | undefined, exprs: Expr[]): Record<string, number> | undefined {
  if (at === undefined) return undefined;
  const point = pointOption(at);
  const missing = freeVariables(...exprs).filter((name) => !(name in point));
  if (missing.length > 0) {
    throw new ArgumentError("--at", `a value for every variable, got none for ${missing.join(", ")}. Add ${missing.map((m) => `${m}=...`).join(",")} to --at`);
  }
  return point;
}

/** An expression printed as the options ask: text, LaTeX, or its value at the point. */
export function show(e: Expr, options: SymbolicOptions, point: Record<string, number> | undefined): string {
  if (point) return formatNumber(evaluate(e, point));
  return options.latex ? toLatex(e) : toText(e);
}

/** A float64 in its shortest exact-round-trip form. */
export function formatNumber(value: number): string {
  return Object.is(value, -0) ? "0" : String(value);
}

/** The JSON fields of one expression: its text and LaTeX, and its value if a point was given. */
export function jsonOf(e: Expr, point: Record<string, number> | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = { text: toText(e), latex: toLatex(e) };
  if (point) {
    const value = evaluate(e, point);
    fields.value = Number.isFinite(value) ? value : String(value);
  }
  return fields;
}

/** A matrix as rows of `[a, b, c]`, or as a LaTeX `bmatrix`. */
export function showMatrix(rows: Expr[][], options: SymbolicOptions, point: Record<string, number> | undefined): string {
  if (options.latex && !point) {
    return `\\begin{bmatrix} ${rows.map((row) => row.map(toLatex).join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;
  }
  return rows.map((row) => `[${row.map((e) => show(e, options, point)).join(", ")}]`).join("\n");
}
