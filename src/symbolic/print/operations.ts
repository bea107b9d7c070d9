/**
 * The number of operations in an expression as printed: each binary `+ - * / ^`, each unary
 * minus, and each function call (`sqrt` included) counts one. The simplifier minimises it, and
 * the comparison with SymPy applies the same count to both printed results.
 */
import type { Expr } from "../expr/expr.js";
import { fraction, isReciprocalPower, isSquareRoot, signedTerms } from "./layout.js";
import { tokenize } from "../parse/tokenize.js";

/**
 * Counts the operations of `e` as `toText` prints it.
 *
 * @example
 * countOperations(parse("x^2*y + z"));   // => 3  (^, *, +)
 */
export function countOperations(e: Expr): number {
  switch (e.kind) {
    case "num": return (e.p < 0n ? 1 : 0) + (e.q !== 1n ? 1 : 0);
    case "constant":
    case "symbol": return 0;
    case "call": {
      let total = 1;
      for (const a of e.args) total += countOperations(a);
      return total;
    }
    case "add": {
      const terms = signedTerms(e.terms);
      let total = terms.length - 1 + (terms[0]!.negative ? 1 : 0);
      for (const t of terms) total += countOperations(t.magnitude);
      return total;
    }
    case "mul": return productOperations(e);
    case "pow":
      if (isReciprocalPower(e)) return productOperations(e);
      if (isSquareRoot(e)) return 1 + countOperations(e.base);
      return 1 + countOperations(e.base) + countOperations(e.exponent);
  }
}

function productOperations(e: Expr): number {
  const { negative, numerator, denominator } = fraction(e);
  let total = negative ? 1 : 0;
  total += Math.max(0, numerator.length - 1);
  for (const f of numerator) total += countOperations(f);
  if (denominator.length > 0) {
    total += 1 + denominator.length - 1;
    for (const f of denominator) total += countOperations(f);
  }
  return total;
}

/**
 * Counts the operations in expression text by its tokens: each `+ - * / ^` (binary or unary)
 * and each function name followed by `(`. Used to compare printed results from other systems.
 *
 * @example
 * countOperationsInText("2*x*cos(x^2)");   // => 4
 */
export function countOperationsInText(text: string): number {
  const tokens = tokenize(text);
  let total = 0;
  tokens.forEach((token, i) => {
    if (token.kind === "operator" && "+-*/^".includes(token.text)) total++;
    else if (token.kind === "name" && tokens[i + 1]?.text === "(") total++;
  });
  return total;
}
