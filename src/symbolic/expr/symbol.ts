import { ArgumentError } from "../errors.js";
import { hashString, mixHash, type Constant, type Sym } from "./expr.js";

/** What a variable name looks like: a letter, then letters, digits or underscores (`x`, `theta`, `x_1`). */
export const NAME_PATTERN = /^\p{L}[\p{L}\p{N}_]*$/u;

/** A variable named `name`. */
export function symbol(name: string): Sym {
  if (!NAME_PATTERN.test(name) || name === "pi" || name === "e") {
    throw new ArgumentError("symbol", `a name such as x, theta or x_1, got ${JSON.stringify(name)}.` +
      (name === "pi" || name === "e" ? " pi and e are constants." : ""));
  }
  return { kind: "symbol", name, hash: mixHash(2, hashString(name)) };
}

/** The constant π. */
export const PI: Constant = { kind: "constant", name: "pi", value: Math.PI, hash: mixHash(3, hashString("pi")) };
/** Euler's number e. */
export const E: Constant = { kind: "constant", name: "e", value: Math.E, hash: mixHash(3, hashString("e")) };
