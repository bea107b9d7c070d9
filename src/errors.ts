/**
 * Typed errors. Every message reads `<op>: <expected>, got <received>. <hint>` so that the
 * operation, what arrived, and a way out are all on one line.
 */

/**
 * Base class of every error nabla raises on purpose; catch it to tell nabla's refusals from bugs.
 * @example
 * let caught: unknown;
 * try { tensor([1, 2]).reshape([3]); } catch (e) { caught = e; }
 * caught instanceof NablaError;       // => true
 * (caught as NablaError).op;          // => "reshape"
 */
export class NablaError extends Error {
  /** The operation that refused its input, for example `"matmul"` or `"grad"`. */
  readonly op: string;
  /**
   * @param op - the operation raising the error, written before the message
   * @param message - `<expected>, got <received>. <hint>`
   */
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.op = op;
    this.name = new.target.name;
  }
}

/**
 * Shapes that do not fit the operation: broadcasting, reshape sizes, matmul dimensions.
 * @example
 * add(zeros([2]), zeros([3]));        // throws ShapeError: add: shapes must broadcast
 */
export class ShapeError extends NablaError {}

/**
 * A dtype the operation cannot take, or a promotion that would lose precision.
 * @example
 * where(tensor([1, 0]), 1, 2);        // throws DTypeError: where: expected a bool condition
 */
export class DTypeError extends NablaError {}

/**
 * An axis, index, option or value outside what the operation accepts.
 * @example
 * sum(zeros([2, 3]), 2);              // throws ValueError: sum: axis must be an integer in [-2, 1], got 2.
 */
export class ValueError extends NablaError {}

/**
 * Asking for a derivative that does not exist: integer inputs, non-scalar `grad`, missing rules.
 * @example
 * grad((x: Tensor) => x.sum())(arange(3));   // throws NotDifferentiableError
 */
export class NotDifferentiableError extends NablaError {}

/**
 * Two parameter trees that should have the same structure do not.
 * @example
 * treeMap((a, b) => a.add(b), { w: tensor(1) }, { v: tensor(2) });   // throws TreeMismatchError
 */
export class TreeMismatchError extends NablaError {}

/**
 * A traced value used where a concrete one is needed, or a tracer used after its transformation ended.
 * @example
 * vmap((x: Tensor) => x.mul(x.item()))(tensor([1, 2]));   // throws TracerError
 */
export class TracerError extends NablaError {}

/**
 * Raised by `config.debugNans` at the first operation whose result holds a NaN or an infinity.
 * @example
 * config.debugNans = true;
 * tensor([0]).log();                  // throws NonFiniteError
 * config.debugNans = false;
 */
export class NonFiniteError extends NablaError {}
