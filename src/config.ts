/**
 * Global switches.
 *
 * @example
 * import { config, tensor } from "nabla";
 * config.debugNans = true;   // throw at the first operation producing NaN or ±Infinity
 * tensor([-1]).log();        // throws NonFiniteError: log: expected finite values, got NaN ...
 * config.debugNans = false;
 */
export const config = {
  /** When true, every operation checks its result and throws `NonFiniteError` naming itself. */
  debugNans: false,
};
