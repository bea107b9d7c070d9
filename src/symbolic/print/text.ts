/**
 * The plain-text printer. Its output parses back to the same tree, and reads as a person
 * writes it: `2*x*y`, `x^2 - 1/3`, `-x/(2*sqrt(y))`, `(x + 1)*exp(x)`.
 */
import type { Expr } from "../expr/expr.js";
import { fraction, isReciprocalPower, isSquareRoot, signedTerms } from "./layout.js";

/**
 * Prints an expression as plain text that `parse` reads back to the same expression.
 *
 * @example
 * toText(parse("x^2*y + z"));        // => "x^2*y + z"
 * toText(parse("1/(2*sqrt(x))"));    // => "1/(2*sqrt(x))"
 */
export function toText(e: Expr): string {
  switch (e.kind) {
    case "num": return e.q === 1n ? e.p.toString() : `${e.p}/${e.q}`;
    case "constant":
    case "symbol": return e.name;
    case "call": return `${e.fn.name}(${e.args.map(toText).join(", ")})`;
    case "add": {
      let text = "";
      signedTerms(e.terms).forEach(({ negative, magnitude }, i) => {
        const term = toText(magnitude);
        text += i === 0 ? (negative ? `-${term}` : term) : negative ? ` - ${term}` : ` + ${term}`;
      });
      return text;
    }
    case "mul": return textOfProduct(e);
    case "pow": return isReciprocalPower(e) ? textOfProduct(e) : textOfPower(e);
  }
}

function textOfProduct(e: Expr): string {
  const { negative, numerator, denominator } = fraction(e);
  const top = numerator.length === 0 ? "1" : numerator.map(textOfFactor).join("*");
  let text = negative ? `-${top}` : top;
  if (denominator.length > 0) {
    const bottom = denominator.map(textOfFactor).join("*");
    text += denominator.length > 1 ? `/(${bottom})` : `/${bottom}`;
  }
  return text;
}

/** A factor of a product: sums and fractions in parentheses. */
function textOfFactor(e: Expr): string {
  if (e.kind === "add" || (e.kind === "num" && (e.q !== 1n || e.p < 0n))) return `(${toText(e)})`;
  return toText(e);
}

function textOfPower(e: Expr & { kind: "pow" }): string {
  if (isSquareRoot(e)) return `sqrt(${toText(e.base)})`;
  return `${textOfBase(e.base)}^${textOfExponent(e.exponent)}`;
}

/** Bases and exponents print bare only when they are a single token or call. */
function textOfBase(e: Expr): string {
  return isAtomic(e) ? toText(e) : `(${toText(e)})`;
}

const textOfExponent = textOfBase;

/** A name, a constant, a call or a non-negative integer. */
export function isAtomic(e: Expr): boolean {
  return e.kind === "symbol" || e.kind === "constant" || e.kind === "call" ||
    (e.kind === "num" && e.q === 1n && e.p >= 0n);
}
