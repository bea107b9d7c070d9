/**
 * The `nabla` command line. Each command lives in its own file under `commands/` and is listed
 * once in `commands/index.ts`; this file only builds the program and turns errors into exit codes.
 */
import { Command, CommanderError } from "commander";
import type { CliIo } from "./io.js";
import { COMMANDS } from "./commands/index.js";

/** A command module: adds its command to the program. */
export interface CliCommand {
  register(program: Command, io: CliIo): void;
}

/** The `nabla` program with every command registered, writing to `io`. */
export function createProgram(io: CliIo): Command {
  const program = new Command()
    .name("nabla")
    .description("Differentiable programming for TypeScript: symbolic and automatic derivatives.")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, "")),
      writeErr: (text) => io.err(text.replace(/\n$/, "")),
      outputError: (text, write) => write(withExpressionHint(text)),
    })
    .showHelpAfterError("(run with --help for usage)");
  for (const command of COMMANDS) command.register(program, io);
  return program;
}

/**
 * An expression that starts with a minus sign (`-1/x^2`) reads as an unknown option; say how to
 * pass it instead of only refusing it.
 */
function withExpressionHint(text: string): string {
  const option = /unknown option '(-[^']*)'/.exec(text);
  if (option === null || !/[\d^*/()+]/.test(option[1]!)) return text;
  return `${text.replace(/\n$/, "")}\nAn expression that starts with "-" goes after "--", for example: nabla diff -- "${option[1]}"\n`;
}

/**
 * Runs the command line on `args` (the arguments after `nabla`) and returns the exit code:
 * 0 on success, 1 on bad input, with the reason on `io.err`.
 *
 * @example
 * await runCli(["diff", "x^2*y + z", "--wrt", "x"], processIo);   // prints 2*x*y, returns 0
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version requests end through here too, with exit code 0
      return error.exitCode;
    }
    if (error instanceof Error && "op" in error) {
      io.err(`nabla: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
