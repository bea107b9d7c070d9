import { ArgumentError } from "../errors.js";
import { hashString, mixHash, type Call, type Expr } from "./expr.js";
import type { FunctionDefinition } from "../functions/define.js";

/**
 * The call `fn(args)`, or the exact value the function declares for these arguments
 * (`sin(0) = 0`, `cos(-x) = cos(x)`, `abs(-3) = 3`).
 */
export function call(fn: FunctionDefinition, args: readonly Expr[]): Expr {
  if (args.length < fn.arity || (!fn.variadic && args.length > fn.arity)) {
    const count = fn.variadic ? `at least ${fn.arity} arguments` : `${fn.arity} argument${fn.arity === 1 ? "" : "s"}`;
    throw new ArgumentError(fn.name, `${count}, got ${args.length}.`);
  }
  const special = fn.special?.(args);
  if (special) return special;
  let hash = mixHash(13, hashString(fn.name));
  for (const a of args) hash = mixHash(hash, a.hash);
  return { kind: "call", fn, args, hash };
}
