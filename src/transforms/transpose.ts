import { LinearInput } from "../core/primitive.js";
import { NotDifferentiableError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import type { LinearProgram, StagedTracer } from "./linearize.js";
import { addTangents } from "./zeros.js";

/**
 * Pulls output cotangents back through a linear program: walks its equations in reverse, applies
 * each primitive's transpose rule, and sums the cotangents that reach each variable. The walk is a
 * loop (no recursion), and the rules are ordinary operations, so the result can itself be
 * differentiated by any outer transformation.
 *
 * @returns one cotangent per program input (null where nothing reached it, or not differentiable)
 */
export function transposeLinear(program: LinearProgram, cotangents: readonly (Tensor | null)[]): (Tensor | null)[] {
  const trace = program.trace;
  const acc = new Array<Tensor | null>(trace.variableCount).fill(null);
  const outputs = program.outputs;
  for (let i = 0; i < outputs.length; i++) {
    const out = outputs[i];
    const ct = cotangents[i];
    if (out !== null && out !== undefined && out._trace === trace && ct !== null && ct !== undefined) accumulate(acc, out as StagedTracer, ct);
  }
  const equations = trace.equations;
  for (let e = equations.length - 1; e >= 0; e--) {
    const eq = equations[e]!;
    const ct = acc[eq.out.id];
    if (ct === null || ct === undefined) continue;
    acc[eq.out.id] = null;
    const rule = eq.prim.transpose;
    if (rule === undefined) {
      throw new NotDifferentiableError(
        eq.prim.name,
        `expected a linear primitive in the derivative program, got one without a transpose rule. ` +
          `Its JVP rule must only apply linear operations to tangents.`,
      );
    }
    const inputs = eq.inputs;
    const args = new Array<Tensor | LinearInput>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const x = inputs[i]!;
      args[i] = x._trace === trace ? (x as StagedTracer).linearInput : x;
    }
    const cts = rule(ct, args, eq.params);
    for (let i = 0; i < inputs.length; i++) {
      const x = inputs[i]!;
      const c = cts[i];
      if (x._trace === trace && c !== null && c !== undefined) accumulate(acc, x as StagedTracer, c);
    }
  }
  const inputs = program.inputs;
  const result = new Array<Tensor | null>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const v = inputs[i];
    result[i] = v === null || v === undefined ? null : acc[v.id] ?? null;
  }
  return result;
}

/** Adds a cotangent to those already reaching variable `v`. */
function accumulate(acc: (Tensor | null)[], v: StagedTracer, ct: Tensor): void {
  const prev = acc[v.id];
  acc[v.id] = prev === null || prev === undefined ? ct : addTangents(prev, ct);
}
