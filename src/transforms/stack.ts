import type { Trace } from "../core/trace.js";

/**
 * Runs `body` with the given traces active, then deactivates them whatever happens, so a tracer
 * that escapes is recognised as stale when it is used later.
 */
export function withTraces<R>(traces: readonly Trace[], body: () => R): R {
  try {
    return body();
  } finally {
    for (const trace of traces) trace.active = false;
  }
}
