import { NonFiniteError } from "../errors.js";
import { kernelFor } from "../backends/backend.js";
import { config } from "../config.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Primitive } from "./primitive.js";

/** Runs a primitive's kernel on concrete tensors. */
export function evaluate(prim: Primitive<any>, inputs: readonly Tensor[], params: any): Tensor {
  const type = prim.type(inputs, params);
  const out = kernelFor(prim.name)(inputs, params, type);
  if (config.debugNans) checkFinite(prim.name, out, inputs);
  return out;
}

function checkFinite(op: string, out: Tensor, inputs: readonly Tensor[]): void {
  if (out.dtype !== "float32" && out.dtype !== "float64") return;
  const data = out._data!;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v - v !== 0) {
      const shapes = inputs.map((t) => `[${t.shape.join(", ")}]`).join(", ");
      throw new NonFiniteError(
        op,
        `expected finite values, got ${v} in its result (inputs of shapes ${shapes}). ` +
          `config.debugNans stopped at the first operation producing a NaN or infinity; check this operation's inputs.`,
      );
    }
  }
}
