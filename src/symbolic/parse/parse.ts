/**
 * The parser: plain expression text to a canonical tree.
 *
 * Grammar, loosest binding first:
 *
 *     sum      = product (("+" | "-") product)*
 *     product  = unary (("*" | "/") unary | implicit power)*
 *     unary    = ("-" | "+") unary | power
 *     power    = primary ("^" unary)?            right-associative: x^y^z = x^(y^z)
 *     primary  = number | name | name "(" sum ("," sum)* ")" | "(" sum ")"
 *
 * So `^` binds tighter than unary minus (`-x^2` is `-(x^2)`) and may take a signed exponent
 * (`x^-2`). `**` is accepted for `^`.
 *
 * Implicit multiplication is accepted where it can only mean one thing: `2x`, `2(x + 1)`,
 * `(x + 1)(x - 1)`, `x y`, `2 sin(x)`. It is refused, with a hint, where readers disagree:
 * after a division (`1/2x`: is it `(1/2)*x` or `1/(2*x)`?), after an exponent (`x^2y`, `e^2x`),
 * before a number (`x 2`), and `x(y)` when `x` is not a function. Multi-letter names are single
 * variables: `xy` is the variable `xy`, not `x*y`.
 */
import { ParseError, SymbolicError } from "../errors.js";
import type { Expr } from "../expr/expr.js";
import { add } from "../expr/add.js";
import { div, mul, neg } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { fromDecimal } from "../expr/num.js";
import { E, PI, symbol } from "../expr/symbol.js";
import { arityText, functionNames, lookupFunction } from "../functions/registry.js";
import { tokenize, type Token } from "./tokenize.js";

/** Deeper nesting than this is refused rather than risking the call stack. */
export const MAX_NESTING = 256;

/** How the last operand of a product ended, to tell safe implicit products from ambiguous ones. */
type OperandEnd = "number" | "exponent" | "other";

class Parser {
  private position = 0;
  private depth = 0;
  private lastEnd: OperandEnd = "other";

  constructor(private readonly input: string, private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.position]!;
  }

  private fail(reason: string, token: Token = this.token): never {
    throw new ParseError(reason, this.input, token.column);
  }

  private describe(token: Token): string {
    return token.kind === "end" ? "end of input" : JSON.stringify(token.text);
  }

  /** Runs a constructor; its refusal (a division by zero) becomes a ParseError at `token`. */
  private build(construct: () => Expr, token: Token): Expr {
    try {
      return construct();
    } catch (error) {
      if (error instanceof SymbolicError && !(error instanceof ParseError)) {
        this.fail(`${error.message.replace(/^\w+: /, "")} at column ${token.column}`, token);
      }
      throw error;
    }
  }

  private isOperator(text: string): boolean {
    return this.token.kind === "operator" && this.token.text === text;
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) this.fail(`expression nested more than ${MAX_NESTING} levels deep at column ${this.token.column}`);
  }

  /** A sum, then end of input or one of `stops`. */
  parseAll(stops: string[] = []): Expr {
    const result = this.sum();
    if (this.token.kind !== "end" && !(this.token.kind === "operator" && stops.includes(this.token.text))) {
      if (this.isOperator(")")) this.fail(`unmatched ")" at column ${this.token.column}`);
      this.fail(`unexpected ${this.describe(this.token)} at column ${this.token.column}`);
    }
    return result;
  }

  atEnd(): boolean {
    return this.token.kind === "end";
  }

  skip(): void {
    this.position++;
  }

  private sum(): Expr {
    const terms = [this.product()];
    while (this.isOperator("+") || this.isOperator("-")) {
      const negative = this.token.text === "-";
      this.position++;
      const term = this.product();
      terms.push(negative ? neg(term) : term);
    }
    return terms.length === 1 ? terms[0]! : add(...terms);
  }

  private product(): Expr {
    let result = this.unary();
    let afterDivision = false;
    for (;;) {
      if (this.isOperator("*") || this.isOperator("/")) {
        const divide = this.token.text === "/";
        const operator = this.token;
        this.position++;
        const right = this.unary();
        result = divide ? this.build(() => div(result, right), operator) : mul(result, right);
        afterDivision = divide;
        continue;
      }
      const next = this.token;
      const startsOperand = next.kind === "number" || next.kind === "name" || (next.kind === "operator" && next.text === "(");
      if (!startsOperand) return result;
      const shown = this.describe(next);
      if (next.kind === "number") {
        this.fail(`missing operator before ${shown} at column ${next.column}. Write * between the factors`, next);
      }
      if (afterDivision) {
        this.fail(`ambiguous implicit multiplication after "/" at column ${next.column}. ` +
          `Write a/(b*c) or a/b*c`, next);
      }
      if (this.lastEnd === "exponent") {
        this.fail(`ambiguous implicit multiplication after an exponent at column ${next.column}. ` +
          `Write x^2*y or x^(2*y)`, next);
      }
      result = mul(result, this.power());
    }
  }

  private unary(): Expr {
    if (this.isOperator("-") || this.isOperator("+")) {
      const negative = this.token.text === "-";
      this.position++;
      this.enter();
      const operand = this.unary();
      this.depth--;
      return negative ? neg(operand) : operand;
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    if (!this.isOperator("^")) return base;
    const operator = this.token;
    this.position++;
    this.enter();
    const exponent = this.unary();
    this.depth--;
    this.lastEnd = "exponent";
    return this.build(() => pow(base, exponent), operator);
  }

  private primary(): Expr {
    const token = this.token;
    if (token.kind === "number") {
      this.position++;
      const value = fromDecimal(token.text);
      if (!value) this.fail(`number ${token.text} out of range at column ${token.column} (exponents up to ±1000)`, token);
      this.lastEnd = "number";
      return value;
    }
    if (token.kind === "name") {
      this.position++;
      if (this.isOperator("(")) return this.call(token);
      this.lastEnd = "other";
      if (lookupFunction(token.text)) {
        this.fail(`${token.text} is a function at column ${token.column}. Write ${token.text}(x)`, token);
      }
      if (token.text === "pi") return PI;
      if (token.text === "e") return E;
      return symbol(token.text);
    }
    if (token.kind === "operator" && token.text === "(") {
      this.position++;
      this.enter();
      const inner = this.sum();
      this.depth--;
      if (!this.isOperator(")")) {
        this.fail(`missing ")" for the "(" at column ${token.column}, got ${this.describe(this.token)}`);
      }
      this.position++;
      this.lastEnd = "other";
      return inner;
    }
    if (token.kind === "end") {
      this.fail(this.position === 0 ? "expected an expression, got end of input" : "expected an operand, got end of input", token);
    }
    if (token.text === ")") this.fail(`unmatched ")" at column ${token.column}`, token);
    this.fail(`expected an operand, got ${this.describe(token)} at column ${token.column}`, token);
  }

  private call(name: Token): Expr {
    const callable = lookupFunction(name.text);
    if (!callable) {
      const suggestion = closestName(name.text, functionNames());
      this.fail(`unknown function "${name.text}" at column ${name.column}. ` +
        (suggestion ? `Did you mean ${suggestion}? ` : "") + `To multiply, write ${name.text}*(...)`, name);
    }
    const open = this.token;
    this.position++;
    this.enter();
    const args: Expr[] = [];
    if (!this.isOperator(")")) {
      for (;;) {
        args.push(this.sum());
        if (!this.isOperator(",")) break;
        this.position++;
      }
    }
    this.depth--;
    if (!this.isOperator(")")) {
      this.fail(`missing ")" for the "(" at column ${open.column}, got ${this.describe(this.token)}`);
    }
    if (args.length < callable.minArity || args.length > callable.maxArity) {
      this.fail(`${name.text} takes ${arityText(callable)}, ` +
        `got ${args.length} at column ${name.column}`, name);
    }
    this.position++;
    this.lastEnd = "other";
    return this.build(() => callable.build(args), name);
  }
}

/** The known names nearest to `name`, within an edit distance of about a third of its length. */
function closestName(name: string, names: string[]): string | undefined {
  let best: string[] = [];
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of names) {
    const d = editDistance(name.toLowerCase(), candidate);
    if (d < bestDistance) { best = [candidate]; bestDistance = d; } else if (d === bestDistance) best.push(candidate);
  }
  if (best.length === 0) return undefined;
  return best.length === 1 ? best[0] : `${best.slice(0, -1).join(", ")} or ${best[best.length - 1]}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Parses expression text into a canonical expression.
 *
 * @param text - for example `"x^2*y + z"`, `"2 sin(theta)"`, `"exp(-x_1^2/2)"`
 * @returns the expression, already in canonical form (`x*x` reads back as `x^2`)
 * @throws ParseError with the column and the input shown with a caret, for malformed text
 * @example
 * toText(parse("x*x + 2x"));   // => "x^2 + 2*x"
 */
export function parse(text: string): Expr {
  const parser = new Parser(text, tokenize(text));
  return parser.parseAll();
}

/**
 * Parses a list of expressions separated by `;` (or by `,` outside parentheses), as the
 * Jacobian of a vector function takes them.
 *
 * @throws ParseError as `parse` does; an empty item is an error
 * @example
 * parseList("x*y; x + y").map(toText);   // => ["x*y", "x + y"]
 */
export function parseList(text: string): Expr[] {
  const parser = new Parser(text, tokenize(text));
  const items: Expr[] = [];
  for (;;) {
    items.push(parser.parseAll([";", ","]));
    if (parser.atEnd()) return items;
    parser.skip();
  }
}
