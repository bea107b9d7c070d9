/**
 * The expression tree. Six node kinds, one file each, in the canonical form SymPy also uses:
 * subtraction is addition of a term times -1, division is multiplication by a power with a
 * negative exponent, and `sqrt(x)` is `x^(1/2)`. Nodes are immutable plain objects built only
 * through the constructors (`num`, `symbol`, `add`, `mul`, `pow`, `call`), which keep every
 * tree canonical: sums and products flattened, like terms and like powers collected, numbers
 * folded exactly, operands in one deterministic order. So two trees are equal exactly when they
 * are structurally equal, and the printers can rely on one shape per meaning.
 */
import type { FunctionDefinition } from "../functions/define.js";

/** An exact rational number `p/q` (`q > 0`, lowest terms). */
export interface Num {
  readonly kind: "num";
  readonly p: bigint;
  readonly q: bigint;
  /** The nearest float64, kept for evaluation. */
  readonly value: number;
  readonly hash: number;
}

/** A named mathematical constant: `pi` or `e`. */
export interface Constant {
  readonly kind: "constant";
  readonly name: "pi" | "e";
  readonly value: number;
  readonly hash: number;
}

/** A variable. */
export interface Sym {
  readonly kind: "symbol";
  readonly name: string;
  readonly hash: number;
}

/** A sum of two or more terms, none of them a sum, at most one of them a number. */
export interface Add {
  readonly kind: "add";
  readonly terms: readonly Expr[];
  readonly hash: number;
}

/**
 * A product of two or more factors, none of them a product, with distinct bases; a numeric
 * coefficient, if any, comes first.
 */
export interface Mul {
  readonly kind: "mul";
  readonly factors: readonly Expr[];
  readonly hash: number;
}

/** `base ^ exponent`, neither of them trivial (exponent 0 or 1, base 1). */
export interface Pow {
  readonly kind: "pow";
  readonly base: Expr;
  readonly exponent: Expr;
  readonly hash: number;
}

/** A call of a named function such as `sin` or `atan2`. */
export interface Call {
  readonly kind: "call";
  readonly fn: FunctionDefinition;
  readonly args: readonly Expr[];
  readonly hash: number;
}

/** A symbolic expression. */
export type Expr = Num | Constant | Sym | Add | Mul | Pow | Call;

/** Mixes `value` into the running hash `h` (32-bit, order-sensitive). */
export function mixHash(h: number, value: number): number {
  h = Math.imul(h ^ value, 0x9e3779b1);
  return (h ^ (h >>> 15)) | 0;
}

/** A 32-bit hash of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}
