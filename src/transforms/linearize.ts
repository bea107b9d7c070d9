import { bind, Trace } from "../core/trace.js";
import { LinearInput, type Primitive, type TensorType } from "../core/primitive.js";
import { Tensor, Tracer } from "../tensor/tensor.js";
import { isFloat } from "../tensor/dtype.js";
import { JvpTrace, JvpTracer } from "./jvp.js";
import { withTraces } from "./stack.js";
import { zerosLikeConcrete } from "./zeros.js";

/**
 * Linearization: forward mode with staged tangents. Running a function under a JVP trace whose
 * tangents are tracers of a staging trace records the tangent computation, which every JVP rule
 * keeps linear, as a straight-line linear program. Evaluating that program pushes tangents forward;
 * transposing it (`transpose.ts`) pulls cotangents back. So reverse mode is linearize plus
 * transpose, as in JAX: only linear primitives need transpose rules, and forward and reverse mode
 * agree by construction.
 *
 * Why a recorded program (a tape) and not re-tracing: the program is recorded once, while the
 * primal runs, and holds only what the tangent map needs (the residuals). Its equations are
 * replayed by a loop, never by recursion, so chains of millions of operations need no stack.
 */
export class StagedTracer extends Tracer {
  private linearInputCache: LinearInput | null = null;
  constructor(
    trace: StagingTrace,
    type: TensorType,
    /** Index of this variable in its linear program. */
    readonly id: number,
  ) {
    super(trace, type.shape, type.dtype);
  }
  /** This variable as the transpose rules see it (one object, however many equations read it). */
  get linearInput(): LinearInput {
    return (this.linearInputCache ??= new LinearInput(this));
  }
}

/** One step of a linear program: `out = prim(inputs; params)`. */
export interface Equation {
  readonly prim: Primitive<any>;
  readonly inputs: readonly Tensor[];
  readonly params: any;
  readonly out: StagedTracer;
}

/** Records every primitive applied to its tracers instead of computing it. */
export class StagingTrace extends Trace {
  readonly equations: Equation[] = [];
  variableCount = 0;

  get name(): string {
    return "a linearization (vjp/grad)";
  }

  newVariable(type: TensorType): StagedTracer {
    return new StagedTracer(this, type, this.variableCount++);
  }

  process(prim: Primitive<any>, inputs: readonly Tensor[], params: any): Tensor {
    const out = this.newVariable(prim.type(inputs, params));
    this.equations.push({ prim, inputs: inputs.slice(), params, out });
    return out;
  }
}

/**
 * A linear map recorded by `linearizeFlat`: its input variables (null for inputs that are not
 * differentiable) and outputs (a variable, a constant zero, or null for zero).
 */
export interface LinearProgram {
  readonly trace: StagingTrace;
  readonly inputs: readonly (StagedTracer | null)[];
  readonly outputs: readonly (Tensor | null)[];
  readonly outputTypes: readonly TensorType[];
}

/** Runs `f` on `primals`, returning its outputs and the linear map of its derivative. */
export function linearizeFlat(
  f: (inputs: Tensor[]) => Tensor[],
  primals: readonly Tensor[],
): { outputs: Tensor[]; program: LinearProgram } {
  const staging = new StagingTrace();
  const jvp = new JvpTrace();
  return withTraces([staging, jvp], () => {
    const tangentInputs = primals.map((p) => (isFloat(p.dtype) ? staging.newVariable(p) : null));
    const tracers = primals.map((p, i) => jvp.tracer(p, tangentInputs[i]!));
    const results = f(tracers);
    const outputs: Tensor[] = [];
    const tangentOutputs: (Tensor | null)[] = [];
    for (const r of results) {
      if (r._trace === jvp) {
        outputs.push((r as JvpTracer).primal);
        tangentOutputs.push((r as JvpTracer).tangent);
      } else {
        outputs.push(r);
        tangentOutputs.push(null);
      }
    }
    const program: LinearProgram = {
      trace: staging,
      inputs: tangentInputs,
      outputs: tangentOutputs,
      outputTypes: outputs.map((o) => ({ shape: o.shape, dtype: o.dtype })),
    };
    return { outputs, program };
  });
}

/** Evaluates a linear program forward on input tangents (null for zero). */
export function evaluateLinear(program: LinearProgram, tangents: readonly (Tensor | null)[]): (Tensor | null)[] {
  const trace = program.trace;
  const env = new Array<Tensor | null>(trace.variableCount).fill(null);
  program.inputs.forEach((v, i) => {
    if (v !== null) env[v.id] = tangents[i] ?? null;
  });
  const read = (x: Tensor): Tensor | null => (x._trace === trace ? env[(x as StagedTracer).id]! : x);
  for (const eq of trace.equations) {
    const inputs = eq.inputs;
    const args = new Array<Tensor>(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      // A zero tangent reached this equation; stand in a zero of the right type.
      args[i] = read(inputs[i]!) ?? zerosLikeConcrete(inputs[i]!);
    }
    env[eq.out.id] = bind(eq.prim, args, eq.params);
  }
  return program.outputs.map((o) => (o === null ? null : read(o)));
}
