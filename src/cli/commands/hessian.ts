/** `nabla hessian <expression>`: the symmetric matrix of second partial derivatives. */
import type { Command } from "commander";
import { hessian as symbolicHessian, parse, toText } from "../../symbolic/index.js";
import type { CliCommand } from "../program.js";
import {
  jsonOf, pointFor, showMatrix, variablesOption, withSymbolicOptions, type SymbolicOptions,
} from "./symbolic-options.js";

/**
 * Runs `nabla hessian` and returns what it prints: one row per line.
 *
 * @example
 * hessianCommand("x^2*y + z", { wrt: "x,y" });   // => "[2*y, 2*x]\n[2*x, 0]"
 */
export function hessianCommand(expression: string, options: SymbolicOptions): string {
  const f = parse(expression);
  const names = variablesOption(options.wrt, [f]);
  const point = pointFor(options.at, [f]);
  const matrix = symbolicHessian(f, names);
  if (options.json) {
    return JSON.stringify({
      expression: toText(f), variables: names, ...(point ? { at: point } : {}),
      hessian: matrix.map((row) => row.map((e) => jsonOf(e, point))),
    }, null, 2);
  }
  return showMatrix(matrix, options, point);
}

export const hessian: CliCommand = {
  register(program: Command, io) {
    withSymbolicOptions(
      program.command("hessian")
        .description("the Hessian: every second partial derivative, one row per variable of --wrt")
        .argument("<expression>", "for example \"x^2*y + z\""),
    )
      .addHelpText("after", "\nExample:\n  nabla hessian \"x^2*y\" --wrt x,y      [2*y, 2*x]\n                                         [2*x, 0]")
      .action((expression: string, options: SymbolicOptions) => io.out(hessianCommand(expression, options)));
  },
};
