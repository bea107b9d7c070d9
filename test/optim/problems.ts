// The standard problems live with the benchmarks so the SciPy comparison and the tests share one definition.
export * from "../../bench/optim/problems.js";
