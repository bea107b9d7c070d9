import type { EvalModule } from "../eval-module.js";
import { ba } from "./ba.js";

/** The GradBench modules this tool implements, by the name GradBench's `define` message sends. */
export const evals: Record<string, EvalModule> = {
  ba,
};
