/**
 * Errors raised by the symbolic module. They are NablaErrors (`src/errors.ts` depends on nothing,
 * so the module still stands apart from the tensors): one `catch` serves all of nabla, and
 * messages read `<op>: <expected>, got <received>. <hint>` like everywhere else.
 */
import { NablaError } from "../errors.js";

/** Base class of every error the symbolic module raises on purpose. */
export class SymbolicError extends NablaError {}

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
