/**
 * Every command of the `nabla` binary. A new command is a file in this folder exporting a
 * `CliCommand`, added to this list.
 */
import type { CliCommand } from "../program.js";
import { diff } from "./diff.js";
import { gradient } from "./gradient.js";
import { hessian } from "./hessian.js";
import { jacobian } from "./jacobian.js";
import { minimizeCli } from "./minimize.js";

export const COMMANDS: readonly CliCommand[] = [diff, gradient, hessian, jacobian, minimizeCli];
