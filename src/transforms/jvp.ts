import { bind, Trace } from "../core/trace.js";
import type { Primitive } from "../core/primitive.js";
import { Tensor, Tracer } from "../tensor/tensor.js";
import { TracerError } from "../errors.js";
import { isFloat } from "../tensor/dtype.js";
import { zerosLikeConcrete, addTangents } from "./zeros.js";

/**
 * Forward mode. A JVP tracer carries a primal value and its tangent (null for a zero tangent, so
 * that inputs nobody differentiates cost nothing). Each primitive's JVP rule maps input tangents
 * to the output tangent. With tangents that are themselves staged (see `linearize.ts`), the same
 * trace records the linear map that reverse mode transposes.
 */
export class JvpTracer extends Tracer {
  constructor(
    trace: JvpTrace,
    readonly primal: Tensor,
    readonly tangent: Tensor | null,
  ) {
    super(trace, primal.shape, primal.dtype);
  }
  /**
   * A value that carries no derivative (a comparison, a constant) can be read, so control flow on
   * it works. One that does would silently lose its derivative when read as a number: refused.
   */
  override _concrete(): Tensor {
    if (this.tangent !== null) {
      throw new TracerError(
        "read",
        `expected a value without a derivative, got a traced value of shape [${this.shape.join(", ")}] that depends on the input of ${this._trace!.name}. ` +
          `Reading it as a number would silently drop its derivative; keep computing with tensors, or read stopGradient(x) if a constant is meant.`,
      );
    }
    return this.primal._concrete();
  }
}

export class JvpTrace extends Trace {
  get name(): string {
    return "a jvp/grad transformation";
  }

  /** Wraps a primal and its tangent (int and bool values never carry a tangent). */
  tracer(primal: Tensor, tangent: Tensor | null): JvpTracer {
    return new JvpTracer(this, primal, isFloat(primal.dtype) ? tangent : null);
  }

  process(prim: Primitive<any>, inputs: readonly Tensor[], params: any): Tensor {
    const n = inputs.length;
    const primals = new Array<Tensor>(n);
    const tangents = new Array<Tensor | null>(n);
    for (let i = 0; i < n; i++) {
      const x = inputs[i]!;
      if (x._trace === this) {
        primals[i] = (x as JvpTracer).primal;
        tangents[i] = (x as JvpTracer).tangent;
      } else {
        primals[i] = x;
        tangents[i] = null;
      }
    }
    const out = bind(prim, primals, params);
    const tangent = outputTangent(prim, primals, tangents, out, params);
    // A value with a zero tangent is a constant to this transformation: it is returned as the
    // plain value (a concrete tensor or an outer tracer), not wrapped. Operations on it then skip
    // this trace altogether (comparisons, stopGradient, values computed from constants).
    return tangent === null ? out : this.tracer(out, tangent);
  }
}

/** Applies a primitive's JVP rule, skipping the work when every input tangent is zero. */
export function outputTangent(
  prim: Primitive<any>,
  primals: readonly Tensor[],
  tangents: readonly (Tensor | null)[],
  out: Tensor,
  params: any,
): Tensor | null {
  let any = false;
  for (let i = 0; i < tangents.length; i++) if (tangents[i] !== null) any = true;
  if (!any || !isFloat(out.dtype)) return null;
  const rule = prim.jvp;
  switch (rule.kind) {
    case "zero":
      return null;
    case "linear": {
      const args = primals.slice();
      let contributes = false;
      for (let i = 0; i < args.length; i++) {
        if (rule.args !== undefined && !rule.args.includes(i)) continue;
        const t = tangents[i];
        if (t !== null && t !== undefined) contributes = true;
        args[i] = t ?? zerosLikeConcrete(primals[i]!);
      }
      return contributes ? bind(prim, args, params) : null;
    }
    case "perArgument": {
      let sum: Tensor | null = null;
      for (let i = 0; i < tangents.length; i++) {
        const t = tangents[i];
        const argRule = rule.rules[i];
        if (t === null || t === undefined || argRule === null || argRule === undefined) continue;
        const term = argRule(t, primals, out, params);
        sum = sum === null ? term : addTangents(sum, term);
      }
      return sum;
    }
    case "custom":
      return rule.rule(primals, tangents, out, params);
  }
}
