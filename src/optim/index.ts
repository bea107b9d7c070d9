/**
 * nabla/optim: optimizers over parameter trees.
 *
 * `minimize` runs a whole optimization (gradient descent to Newton, BFGS, L-BFGS, trust region and
 * Levenberg–Marquardt) with derivatives by automatic differentiation.
 * First-order methods are also gradient transformations in Optax's shape (pure `init` and `update`,
 * composed with `chain`), driven by learning-rate schedules; `curvature` and `convergenceRate`
 * diagnose a problem and a run from the Hessian's extreme eigenvalues and the observed error decay.
 *
 * @example
 * import { adam, applyUpdates } from "nabla/optim";
 * const loss = (p: any) => p.w.sub(3).square().sum();
 * const opt = adam(0.1);
 * let params: any = { w: tensor([0]) };
 * let state = opt.init(params);
 * for (let i = 0; i < 200; i++) {
 *   const [updates, next] = opt.update(grad(loss)(params), state, params);
 *   params = applyUpdates(params, updates);
 *   state = next;
 * }
 * Math.round(params.w.item());   // => 3
 * @packageDocumentation
 */
export * from "./transforms/index.js";
export * from "./schedules.js";
export * from "./curvature.js";
export * from "./convergence-rate.js";
export * from "./minimize/index.js";
