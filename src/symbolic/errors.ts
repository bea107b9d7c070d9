/**
 * Errors raised by the symbolic module. Messages read `<op>: <expected>, got <received>. <hint>`,
 * the same shape as the rest of nabla, without depending on it.
 */

/** Base class of every error the symbolic module raises on purpose. */
export class SymbolicError extends Error {
  /** The operation that refused its input, for example `"parse"` or `"evaluate"`. */
  readonly op: string;
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.op = op;
    this.name = new.target.name;
  }
}

/**
 * Malformed expression text. `column` is 1-based; the message ends with the input and a caret
 * under that column.
 */
export class ParseError extends SymbolicError {
  /** 1-based column of the offending character (one past the end for "end of input"). */
  readonly column: number;
  /** The text that was being parsed. */
  readonly input: string;
  /** The first line of the message, without the input and the caret. */
  readonly reason: string;
  constructor(reason: string, input: string, column: number) {
    super("parse", `${reason}\n  ${input}\n  ${" ".repeat(Math.max(0, column - 1))}^`);
    this.reason = reason;
    this.input = input;
    this.column = column;
  }
}

/** A value the operation needs but did not get, such as a variable without a value. */
export class MissingValueError extends SymbolicError {}

/** An argument of the wrong kind: a variable name that is not a name, a count that is not a count. */
export class ArgumentError extends SymbolicError {}
