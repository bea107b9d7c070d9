import type { Expr } from "../expr/expr.js";
import { parse } from "../parse/parse.js";
import { ArgumentError } from "../errors.js";

/** An expression, or its text. */
export type ExprLike = Expr | string;

/** The expression itself, or the parsed text. */
export function toExpr(op: string, input: ExprLike): Expr {
  if (typeof input === "string") return parse(input);
  if (input && typeof input === "object" && "kind" in input && "hash" in input) return input;
  throw new ArgumentError(op, `an expression or its text, got ${typeof input}.`);
}
