import { NonFiniteError } from "../errors.js";
import { kernelFor, kernelTable, type Kernel } from "../backends/backend.js";
import { config } from "../config.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Primitive } from "./primitive.js";

/** Runs a primitive's kernel on concrete tensors. */
export function evaluate(prim: Primitive<any>, inputs: readonly Tensor[], params: any): Tensor {
  const type = prim.type(inputs, params);
  const out = kernelOf(prim)(inputs, params, type);
  if (config.debugNans) checkFinite(prim.name, out, inputs);
  return out;
}

/**
 * The primitive's kernel in the current backend. Each primitive remembers its kernel beside the
 * table it was found in: a field read instead of a lookup by name, which showed in profiles of
 * programs made of many small operations.
 */
function kernelOf(prim: Primitive<any>): Kernel {
  const cached = prim.kernelCache;
  const table = kernelTable();
  if (cached !== null && cached !== undefined && cached.table === table) return cached.kernel;
  const kernel = kernelFor(prim.name);
  prim.kernelCache = { table, kernel };
  return kernel;
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
