export { astype, broadcastTo } from "./convert.js";
export * from "./elementwise.js";
export * from "./reduce.js";
export * from "./shape.js";
export * from "./linalg.js";
export * from "./creation.js";
export * from "./random.js";
export * from "./stopGradient.js";
export { lgamma, digamma, polygamma, multigammaln } from "./special.js";
