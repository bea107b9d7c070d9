/**
 * `nabla diff <expression>`: partial derivatives, simplified, as text, LaTeX or JSON, at a
 * point, or explained step by step.
 */
import type { Command } from "commander";
import {
  ArgumentError, derivative, explain, formatExplanation, parse, toText, type Expr,
} from "../../symbolic/index.js";
import { latexName } from "../../symbolic/print/latex.js";
import type { CliCommand } from "../program.js";
import {
  jsonOf, pointFor, show, variablesOption, withSymbolicOptions, type SymbolicOptions,
} from "./symbolic-options.js";

/** The options of `nabla diff`. */
export interface DiffOptions extends SymbolicOptions {
  order?: string;
  explain?: boolean;
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const superscript = (n: number): string => (n === 1 ? "" : [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join(""));

/** Groups repeated variables: `[x, x, y]` is `[[x, 2], [y, 1]]`. */
function runs(wrt: readonly string[]): Array<[string, number]> {
  const result: Array<[string, number]> = [];
  for (const name of wrt) {
    const last = result[result.length - 1];
    if (last && last[0] === name) last[1]++; else result.push([name, 1]);
  }
  return result;
}

/** `∂²f/∂x∂y` for the variables differentiated by, in order. */
export function partialLabel(wrt: readonly string[]): string {
  return `∂${superscript(wrt.length)}f/${runs(wrt).map(([name, n]) => `∂${name}${superscript(n)}`).join("")}`;
}

/** `\frac{\partial^{2} f}{\partial x \partial y}`. */
export function partialLabelLatex(wrt: readonly string[]): string {
  const order = wrt.length === 1 ? "" : `^{${wrt.length}}`;
  const below = runs(wrt).map(([name, n]) => `\\partial ${latexName(name)}${n === 1 ? "" : `^{${n}}`}`).join(" ");
  return `\\frac{\\partial${order} f}{${below}}`;
}

/** Every way to pick `order` variables from `names` with repetition, in non-decreasing order. */
function multisets(names: readonly string[], order: number): string[][] {
  const result: string[][] = [];
  const pick = (start: number, chosen: string[]): void => {
    if (chosen.length === order) { result.push(chosen); return; }
    for (let i = start; i < names.length; i++) pick(i, [...chosen, names[i]!]);
  };
  pick(0, []);
  return result;
}

function orderOption(order: string | undefined): number {
  if (order === undefined) return 1;
  const n = Number(order);
  if (!Number.isInteger(n) || n < 1 || n > 10) {
    throw new ArgumentError("--order", `a whole number from 1 to 10, got ${JSON.stringify(order)}.`);
  }
  return n;
}

/**
 * Runs `nabla diff` and returns what it prints.
 *
 * @example
 * diffCommand("x^2*y + z", { wrt: "x" });        // => "2*x*y"
 * diffCommand("x^2*y + z", { wrt: "x,y,z" });    // => "∂f/∂x = 2*x*y\n∂f/∂y = x^2\n∂f/∂z = 1"
 */
export function diffCommand(expression: string, options: DiffOptions): string {
  const f = parse(expression);
  const names = variablesOption(options.wrt, [f]);
  if (names.length === 0) {
    throw new ArgumentError("diff", `an expression with a variable, or --wrt, got ${JSON.stringify(expression)} which has none. Pass --wrt x to differentiate by x`);
  }
  const order = orderOption(options.order);
  if (options.explain && order > 1) {
    throw new ArgumentError("--explain", `--order 1, got --order ${order}. Explain one differentiation at a time`);
  }
  const point = pointFor(options.at, [f]);
  const partials = multisets(names, order).map((wrt): [string[], Expr] => [wrt, derivative(f, wrt)]);

  if (options.json) {
    return JSON.stringify({
      expression: toText(f),
      variables: names,
      order,
      ...(point ? { at: point } : {}),
      derivatives: partials.map(([wrt, d]) => ({
        wrt,
        label: partialLabel(wrt),
        ...jsonOf(d, point),
        ...(options.explain ? { explanation: formatExplanation(explain(f, wrt[0]!)) } : {}),
      })),
    }, null, 2);
  }
  if (options.explain) {
    const format = options.latex ? "latex" : "text";
    return partials.map(([wrt]) => formatExplanation(explain(f, wrt[0]!), format)).join("\n\n");
  }
  if (partials.length === 1) return show(partials[0]![1], options, point);
  return partials.map(([wrt, d]) =>
    `${options.latex ? partialLabelLatex(wrt) : partialLabel(wrt)} = ${show(d, options, point)}`).join("\n");
}

export const diff: CliCommand = {
  register(program: Command, io) {
    withSymbolicOptions(
      program.command("diff")
        .description("partial derivatives of an expression, simplified")
        .argument("<expression>", "for example \"x^2*y + z\"")
        .option("--order <n>", "order of the derivatives: 2 for every second partial", "1")
        .option("--explain", "show the derivation step by step, naming each rule"),
    )
      .addHelpText("after", [
        "",
        "Examples:",
        "  nabla diff \"x^2*y + z\" --wrt x            2*x*y",
        "  nabla diff \"x^2*y + z\" --wrt x,y,z        every first partial",
        "  nabla diff \"x^2*y + z\" --order 2          every second partial",
        "  nabla diff \"x^2*y + z\" --wrt x --at x=1,y=2,z=3",
        "  nabla diff \"sin(x^2)\" --explain",
      ].join("\n"))
      .action((expression: string, options: DiffOptions) => io.out(diffCommand(expression, options)));
  },
};
