import type { TensorType } from "../core/primitive.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * A kernel computes one primitive on concrete tensors and returns a new concrete tensor of type
 * `out`. Backends know storage and primitive names, nothing about differentiation.
 */
export type Kernel = (inputs: readonly Tensor[], params: any, out: TensorType) => Tensor;

export interface Backend {
  readonly name: string;
  readonly kernels: Readonly<Record<string, Kernel>>;
}

let current: Backend | null = null;
// A Map lookup per operation is measurably cheaper than a property lookup on a large object.
let table = new Map<string, Kernel>();

export function setBackend(backend: Backend): void {
  current = backend;
  table = new Map(Object.entries(backend.kernels));
}

export function getBackend(): Backend {
  if (current === null) throw new Error("nabla: no backend registered");
  return current;
}

/**
 * The current backend's table of kernels; a new object whenever the backend changes, so a kernel
 * remembered together with the table it came from is known to be current.
 */
export function kernelTable(): ReadonlyMap<string, Kernel> {
  return table;
}

export function kernelFor(name: string): Kernel {
  const kernel = table.get(name);
  if (kernel === undefined) throw new Error(`${name}: the ${getBackend().name} backend has no kernel for this primitive`);
  return kernel;
}
