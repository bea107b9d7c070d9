import { TracerError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Primitive } from "./primitive.js";
import { evaluate } from "./evaluate.js";

/**
 * A transformation in progress (JAX's "main trace"). Each transformation that is running owns one
 * trace; its tracers are the values flowing through the user's function while it runs. Levels grow
 * with nesting, so when tracers of several transformations meet in one operation, the innermost
 * (highest level) handles it first and passes plain values down: that is what keeps nested
 * transformations apart (no perturbation confusion).
 */
export abstract class Trace {
  readonly level: number;
  /** False once the transformation has returned: its tracers must not be used any more. */
  active = true;
  constructor() {
    this.level = ++levelCounter;
  }
  /**
   * Applies a primitive to inputs of which at least one is a tracer of this trace; the others are
   * values of lower levels.
   */
  abstract process(prim: Primitive<any>, inputs: readonly Tensor[], params: any): Tensor;
  /** A short name for error messages. */
  abstract get name(): string;
}

// Levels only ever grow, so two traces never share one, even when a tracer escapes.
let levelCounter = 0;

/** The highest-level trace among the inputs, or null when all are concrete tensors. */
export function topTrace(inputs: readonly Tensor[]): Trace | null {
  let top: Trace | null = null;
  for (let i = 0; i < inputs.length; i++) {
    const trace = inputs[i]!._trace;
    if (trace !== null && (top === null || trace.level > top.level)) top = trace;
  }
  return top;
}

/** Applies a primitive: directly on concrete tensors, otherwise through the innermost transformation. */
export function bind(prim: Primitive<any>, inputs: readonly Tensor[], params: any): Tensor {
  const top = topTrace(inputs);
  if (top === null) return evaluate(prim, inputs, params);
  if (!top.active) throw escapedTracer(prim.name, top);
  return top.process(prim, inputs, params);
}

export function escapedTracer(op: string, trace: Trace): TracerError {
  return new TracerError(
    op,
    `expected a tensor or a tracer of a running transformation, got a tracer of ${trace.name} that has already returned. ` +
      `A value computed inside grad/jvp/vmap was kept (for example in an outer variable) and used after the transformation ended; return it instead.`,
  );
}
