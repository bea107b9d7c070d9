import { bind, Trace } from "../core/trace.js";
import type { Primitive } from "../core/primitive.js";
import { Tensor, Tracer } from "../tensor/tensor.js";
import { TracerError } from "../errors.js";
import { moveAxis } from "../primitives/batching.js";
import { withTraces } from "./stack.js";
import { reshape as reshapePrimitive } from "../primitives/movement/reshape.js";
import { broadcastTo as broadcastPrimitive } from "../primitives/movement/broadcastTo.js";

/**
 * Vectorization. A batch tracer holds a value with one extra axis, the batch axis (`batchAxis`),
 * and presents the shape without it; each primitive's batching rule computes all batch elements in
 * one call. A batch axis of null marks a value that is the same for every batch element.
 */
export class BatchTracer extends Tracer {
  constructor(
    trace: BatchTrace,
    readonly value: Tensor,
    readonly batchAxis: number,
  ) {
    super(
      trace,
      value.shape.filter((_, i) => i !== batchAxis),
      value.dtype,
    );
  }
  override _concrete(): Tensor {
    throw new TracerError(
      "read",
      `expected a concrete tensor, got a value batched by vmap (shape ${"[" + this.shape.join(", ") + "]"} per element). ` +
        `Inside vmap a value stands for a whole batch; read it after vmap returns.`,
    );
  }
}

export class BatchTrace extends Trace {
  constructor(readonly size: number) {
    super();
  }
  get name(): string {
    return "a vmap transformation";
  }

  tracer(value: Tensor, batchAxis: number | null): Tensor {
    return batchAxis === null ? value : new BatchTracer(this, value, batchAxis);
  }

  process(prim: Primitive<any>, inputs: readonly Tensor[], params: any): Tensor {
    const n = inputs.length;
    const values = new Array<Tensor>(n);
    const axes = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const x = inputs[i]!;
      if (x._trace === this) {
        values[i] = (x as BatchTracer).value;
        axes[i] = (x as BatchTracer).batchAxis;
      } else {
        values[i] = x;
        axes[i] = null;
      }
    }
    const [out, axis] = prim.batch(values, axes, params, this.size, prim);
    return this.tracer(out, axis);
  }
}

/**
 * Maps `f` over axis `inAxes[i]` of each input (null: not mapped), returning outputs with their
 * batch axis at `outAxes[j]` (null: the output must not depend on the batch).
 */
export function vmapFlat(
  f: (inputs: Tensor[]) => Tensor[],
  inputs: readonly Tensor[],
  inAxes: readonly (number | null)[],
  size: number,
  outAxes: readonly (number | null)[] | ((index: number) => number | null),
): Tensor[] {
  const trace = new BatchTrace(size);
  return withTraces([trace], () => {
    const tracers = inputs.map((x, i) => trace.tracer(x, inAxes[i]!));
    const results = f(tracers);
    return results.map((r, j) => {
      const requested = typeof outAxes === "function" ? outAxes(j) : outAxes[j]!;
      let value: Tensor;
      let axis: number | null;
      if (r._trace === trace) {
        value = (r as BatchTracer).value;
        axis = (r as BatchTracer).batchAxis;
      } else {
        value = r;
        axis = null;
      }
      if (requested === null) {
        if (axis !== null) {
          throw new TracerError("vmap", `expected output ${j} not to depend on the mapped axis (outAxes null), got a batched value.`);
        }
        return value;
      }
      const target = requested < 0 ? requested + value.rank + (axis === null ? 1 : 0) : requested;
      if (target < 0 || target > value.rank - (axis === null ? 0 : 1)) {
        throw new TracerError("vmap", `outAxes ${requested} is out of range for an output of ${value.rank - (axis === null ? 0 : 1)} axes (output ${j}).`);
      }
      if (axis === null) {
        // Same value for every element: repeat it along the new batch axis.
        const expanded = bind(reshapePrimitive, [value], { shape: [1, ...value.shape] });
        const repeated = bind(broadcastPrimitive, [expanded], { shape: [size, ...value.shape] });
        return moveAxis(repeated, 0, target);
      }
      return moveAxis(value, axis, target);
    });
  });
}

