/**
 * Typed errors. Every message reads `<op>: <expected>, got <received>. <hint>` so that the
 * operation, what arrived, and a way out are all on one line.
 */

/** Base class of every error nabla raises on purpose. */
export class NablaError extends Error {
  /** The operation that refused its input, for example `"matmul"` or `"grad"`. */
  readonly op: string;
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.op = op;
    this.name = new.target.name;
  }
}

/** Shapes that do not fit the operation: broadcasting, reshape sizes, matmul dimensions. */
export class ShapeError extends NablaError {}

/** A dtype the operation cannot take, or a promotion that would lose precision. */
export class DTypeError extends NablaError {}

/** An axis, index, option or value outside what the operation accepts. */
export class ValueError extends NablaError {}

/** Asking for a derivative that does not exist: integer inputs, non-scalar `grad`, missing rules. */
export class NotDifferentiableError extends NablaError {}

/** Two parameter trees that should have the same structure do not. */
export class TreeMismatchError extends NablaError {}

/** A traced value used where a concrete one is needed, or a tracer used after its transformation ended. */
export class TracerError extends NablaError {}

/** Raised by `config.debugNans` at the first operation whose result holds a NaN or an infinity. */
export class NonFiniteError extends NablaError {}
