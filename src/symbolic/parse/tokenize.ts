/** Splits expression text into tokens, each with its 1-based column. */
import { ParseError } from "../errors.js";

export type TokenKind = "number" | "name" | "operator" | "end";

export interface Token {
  readonly kind: TokenKind;
  /** The token's text; `**` arrives as `^`. */
  readonly text: string;
  /** 1-based column of its first character. */
  readonly column: number;
}

const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const NAME = /\p{L}[\p{L}\p{N}_]*/uy;
const OPERATORS = new Set(["+", "-", "*", "/", "^", "(", ")", ",", ";"]);

/** The tokens of `input`, ending with an `end` token; a `ParseError` at the first stray character. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(input);
    if (number) {
      tokens.push({ kind: "number", text: number[0], column: i + 1 });
      i += number[0].length;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(input);
    if (name) {
      tokens.push({ kind: "name", text: name[0], column: i + 1 });
      i += name[0].length;
      continue;
    }
    if (ch === "*" && input[i + 1] === "*") {
      tokens.push({ kind: "operator", text: "^", column: i + 1 });
      i += 2;
      continue;
    }
    if (OPERATORS.has(ch)) {
      tokens.push({ kind: "operator", text: ch, column: i + 1 });
      i++;
      continue;
    }
    const shown = String.fromCodePoint(input.codePointAt(i)!);
    throw new ParseError(`unexpected character ${JSON.stringify(shown)} at column ${i + 1}`, input, i + 1);
  }
  tokens.push({ kind: "end", text: "", column: input.length + 1 });
  return tokens;
}
