/** `nabla gradient <expression>`: the vector of first partial derivatives. */
import type { Command } from "commander";
import { gradient as symbolicGradient, parse, toLatex, toText } from "../../symbolic/index.js";
import type { CliCommand } from "../program.js";
import { jsonOf, pointFor, show, variablesOption, withSymbolicOptions, type SymbolicOptions } from "./symbolic-options.js";

/**
 * Runs `nabla gradient` and returns what it prints.
 *
 * @example
 * gradientCommand("x^2*y + z", {});   // => "[2*x*y, x^2, 1]"
 */
export function gradientCommand(expression: string, options: SymbolicOptions): string {
  const f = parse(expression);
  const names = variablesOption(options.wrt, [f]);
  const point = pointFor(options.at, [f]);
  const entries = symbolicGradient(f, names);
  if (options.json) {
    return JSON.stringify({
      expression: toText(f), variables: names, ...(point ? { at: point } : {}), gradient: entries.map((e) => jsonOf(e, point)),
    }, null, 2);
  }
  if (options.latex && !point) return `\\nabla f = \\begin{bmatrix} ${entries.map(toLatex).join(" \\\\ ")} \\end{bmatrix}`;
  return `[${entries.map((e) => show(e, options, point)).join(", ")}]`;
}

export const gradient: CliCommand = {
  register(program: Command, io) {
    withSymbolicOptions(
      program.command("gradient")
        .description("the gradient: every first partial derivative, in the order of --wrt")
        .argument("<expression>", "for example \"x^2*y + z\""),
    )
      .addHelpText("after", "\nExample:\n  nabla gradient \"x^2*y + z\"      [2*x*y, x^2, 1]")
      .action((expression: string, options: SymbolicOptions) => io.out(gradientCommand(expression, options)));
  },
};
