/** `nabla jacobian "<f1>; <f2>; ..."`: the matrix of first partials of a vector of expressions. */
import type { Command } from "commander";
import { jacobian as symbolicJacobian, parseList, toText } from "../../symbolic/index.js";
import type { CliCommand } from "../program.js";
import {
  jsonOf, pointFor, showMatrix, variablesOption, withSymbolicOptions, type SymbolicOptions,
} from "./symbolic-options.js";

/**
 * Runs `nabla jacobian` and returns what it prints: one row per expression.
 *
 * @example
 * jacobianCommand("x*y; x + y", { wrt: "x,y" });   // => "[y, x]\n[1, 1]"
 */
export function jacobianCommand(expressions: string, options: SymbolicOptions): string {
  const fs = parseList(expressions);
  const names = variablesOption(options.wrt, fs);
  const point = pointFor(options.at, fs);
  const matrix = symbolicJacobian(fs, names);
  if (options.json) {
    return JSON.stringify({
      expressions: fs.map(toText), variables: names, ...(point ? { at: point } : {}),
      jacobian: matrix.map((row) => row.map((e) => jsonOf(e, point))),
    }, null, 2);
  }
  return showMatrix(matrix, options, point);
}

export const jacobian: CliCommand = {
  register(program: Command, io) {
    withSymbolicOptions(
      program.command("jacobian")
        .description("the Jacobian of expressions separated by ';': one row per expression, one column per variable")
        .argument("<expressions>", "for example \"x*y; x + y\""),
    )
      .addHelpText("after", "\nExample:\n  nabla jacobian \"x*y; x + y\" --wrt x,y      [y, x]\n                                            [1, 1]")
      .action((expressions: string, options: SymbolicOptions) => io.out(jacobianCommand(expressions, options)));
  },
};
