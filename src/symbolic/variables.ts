import type { Expr } from "./expr/expr.js";
import { compareNames } from "./expr/order.js";
import { NAME_PATTERN } from "./expr/symbol.js";
import { lookupFunction } from "./functions/registry.js";
import { ArgumentError } from "./errors.js";

/**
 * The variables an expression depends on, in natural order (`x_2` before `x_10`).
 *
 * @example
 * freeVariables(parse("x^2*y + z"));   // => ["x", "y", "z"]
 */
export function freeVariables(...expressions: Expr[]): string[] {
  const names = new Set<string>();
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    switch (e.kind) {
      case "symbol": names.add(e.name); return;
      case "add": e.terms.forEach(visit); return;
      case "mul": e.factors.forEach(visit); return;
      case "pow": visit(e.base); visit(e.exponent); return;
      case "call": e.args.forEach(visit); return;
      default: return;
    }
  };
  expressions.forEach(visit);
  return [...names].sort(compareNames);
}

/** Whether `e` contains the variable `name`. */
export function dependsOn(e: Expr, name: string): boolean {
  switch (e.kind) {
    case "symbol": return e.name === name;
    case "num":
    case "constant": return false;
    case "add": return e.terms.some((t) => dependsOn(t, name));
    case "mul": return e.factors.some((f) => dependsOn(f, name));
    case "pow": return dependsOn(e.base, name) || dependsOn(e.exponent, name);
    case "call": return e.args.some((a) => dependsOn(a, name));
  }
}

/** Checks that `name` can be a variable; `op` names the caller in the error. */
export function checkVariableName(op: string, name: unknown): string {
  if (typeof name !== "string" || !NAME_PATTERN.test(name) || name === "pi" || name === "e" || lookupFunction(name)) {
    const hint = name === "pi" || name === "e" ? " pi and e are constants."
      : typeof name === "string" && lookupFunction(name) ? ` ${name} is a function.` : "";
    throw new ArgumentError(op, `a variable name such as x, theta or x_1, got ${JSON.stringify(name)}.${hint}`);
  }
  return name;
}
