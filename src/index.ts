/**
 * nabla: tensors and composable automatic differentiation for TypeScript.
 *
 * @example
 * import { grad, tensor } from "nabla";
 * const f = (x: Tensor) => x.square().sum();
 * grad(f)(tensor([1, 2, 3]));   // => tensor([2, 4, 6])
 * @packageDocumentation
 */
import { setBackend } from "./backends/backend.js";
import { cpuBackend } from "./backends/cpu/index.js";

setBackend(cpuBackend);

export { Tensor, type TensorLike, type NestedArray } from "./tensor/tensor.js";
export type { DType, Storage } from "./tensor/dtype.js";
export type { Shape } from "./tensor/shape.js";
export { promoteTypes } from "./tensor/dtype.js";
export { config } from "./config.js";
export * from "./errors.js";
export * from "./ops/index.js";
export { treeMap, treeLeaves, treeFlatten, treeUnflatten, type Tree, type TreeDef } from "./core/tree.js";
export {
  grad,
  valueAndGrad,
  jvp,
  vjp,
  linearize,
  vmap,
  jacfwd,
  jacrev,
  jacobian,
  hessian,
  hvp,
  type GradOptions,
  type VmapOptions,
  type JacobianOptions,
} from "./transforms/api.js";
export { checkGrads, GradCheckError, type CheckGradsOptions, type GradCheckReport, type GradCheck } from "./transforms/checkGrads.js";
export { customJvp, customVjp } from "./transforms/custom.js";
export { readCsv, loadCsv, CsvTable, type CsvOptions } from "./io/index.js";
export { toTensorFunction, type TensorFunction } from "./symbolic/bridge/to-tensor-function.js";
export * from "./optim/index.js";
