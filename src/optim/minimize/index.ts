export { minimize } from "./minimize.js";
export type { MethodName, MinimizeOptions, MinimizeResult, IterationRecord, EvaluationCounts, StopReason } from "./types.js";
