import { ValueError } from "../../errors.js";
import type { ResolvedOptions } from "./run.js";
import type { MethodName, MinimizeOptions } from "./types.js";

const METHODS: readonly MethodName[] = [
  "gd", "momentum", "adam", "newton", "newton-cg", "bfgs", "lbfgs", "cg", "trust-region", "gauss-newton", "levenberg-marquardt",
];

/**
 * Defaults that differ by method, chosen to match SciPy's for the same method where SciPy has it
 * (so iteration counts compare like with like).
 */
function methodDefaults(method: MethodName, n: number): Partial<ResolvedOptions> {
  switch (method) {
    case "gd":
    case "momentum":
    case "adam":
      return { maxIter: 10_000 };
    case "lbfgs":
      // SciPy's L-BFGS-B: maxiter 15000, ftol = factr·eps with factr 1e7.
      return { maxIter: 15_000, ftol: 1e7 * Number.EPSILON };
    case "newton-cg":
      // SciPy's Newton-CG stops when the step's average absolute component is at most xtol = 1e-5.
      return { maxIter: 200 * n, xtol: 1e-5 };
    case "gauss-newton":
      // SciPy's least_squares: ftol = xtol = gtol = 1e-8, at most 100·(n + 1) evaluations.
      return { maxIter: 100 * (n + 1), ftol: 1e-8, xtol: 1e-8, tol: 1e-8 };
    case "levenberg-marquardt":
      // The same, and MINPACK's first trust radius: factor 100 times the scaled start point.
      return { maxIter: 100 * (n + 1), ftol: 1e-8, xtol: 1e-8, tol: 1e-8, initialRadius: 100 };
    default:
      return { maxIter: 200 * n };
  }
}

const GENERIC: Omit<ResolvedOptions, "method" | "maxIter" | "callback"> = {
  tol: 1e-5,
  ftol: 0,
  xtol: 0,
  norm: Infinity,
  maxEvaluations: Infinity,
  dtype: "float64",
  learningRate: NaN, // resolved per method below: each first-order method says what its default is
  lineSearch: "armijo",
  beta: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  memory: 10,
  hessianModification: "eigenvalue",
  initialRadius: 1,
  maxRadius: 1000,
};

const OP = "minimize";

/** Validates the user's options and fills in every default for the method. */
export function resolveOptions(options: MinimizeOptions, n: number): ResolvedOptions {
  if (options === null || typeof options !== "object") throw new ValueError(OP, `expected an options object, got ${options === null ? "null" : typeof options}.`);
  const method = options.method ?? "bfgs";
  if (!METHODS.includes(method)) {
    throw new ValueError(OP, `expected method to be one of ${METHODS.join(", ")}, got ${JSON.stringify(method)}.`);
  }
  const known = new Set<string>([...Object.keys(GENERIC), "method", "maxIter", "callback"]);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new ValueError(OP, `expected only known options, got ${JSON.stringify(key)}. Known options: ${[...known].sort().join(", ")}.`);
  }
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved = { ...GENERIC, ...methodDefaults(method, n), ...defined, method } as ResolvedOptions;
  // Only an absent learningRate takes the default: a NaN given by the user is rejected below.
  if (defined.learningRate === undefined) resolved.learningRate = method === "adam" ? 1e-3 : method === "gd" && resolved.lineSearch === "armijo" ? 1 : 1e-3;

  positive("tol", resolved.tol, true);
  positive("ftol", resolved.ftol, true);
  positive("xtol", resolved.xtol, true);
  if (resolved.norm !== Infinity && resolved.norm !== 2) throw new ValueError(OP, `expected norm to be Infinity or 2, got ${resolved.norm}.`);
  if (!Number.isInteger(resolved.maxIter) || resolved.maxIter < 0) throw new ValueError(OP, `expected maxIter to be a non-negative integer, got ${resolved.maxIter}.`);
  if (resolved.maxEvaluations !== Infinity && (!Number.isInteger(resolved.maxEvaluations) || resolved.maxEvaluations < 1)) {
    throw new ValueError(OP, `expected maxEvaluations to be a positive integer, got ${resolved.maxEvaluations}.`);
  }
  if (resolved.callback !== undefined && typeof resolved.callback !== "function") throw new ValueError(OP, `expected callback to be a function, got ${typeof resolved.callback}.`);
  if (resolved.dtype !== "float64" && resolved.dtype !== "float32") throw new ValueError(OP, `expected dtype "float64" or "float32", got ${JSON.stringify(resolved.dtype)}.`);
  positive("learningRate", resolved.learningRate, false);
  if (resolved.lineSearch !== "armijo" && resolved.lineSearch !== "none") throw new ValueError(OP, `expected lineSearch "armijo" or "none", got ${JSON.stringify(resolved.lineSearch)}.`);
  for (const key of ["beta", "beta1", "beta2"] as const) {
    const v = resolved[key];
    if (!(v >= 0 && v < 1)) throw new ValueError(OP, `expected ${key} in [0, 1), got ${v}.`);
  }
  positive("eps", resolved.eps, false);
  if (resolved.hessianModification !== "eigenvalue" && resolved.hessianModification !== "shifted-cholesky") {
    throw new ValueError(OP, `expected hessianModification "eigenvalue" or "shifted-cholesky", got ${JSON.stringify(resolved.hessianModification)}.`);
  }
  if (!Number.isInteger(resolved.memory) || resolved.memory < 1) throw new ValueError(OP, `expected memory to be a positive integer, got ${resolved.memory}.`);
  positive("initialRadius", resolved.initialRadius, false);
  positive("maxRadius", resolved.maxRadius, false);
  if (resolved.method === "trust-region" && resolved.initialRadius > resolved.maxRadius) throw new ValueError(OP, `expected initialRadius <= maxRadius, got ${resolved.initialRadius} > ${resolved.maxRadius}.`);
  return resolved;
}

function positive(name: string, value: unknown, zeroAllowed: boolean): void {
  const ok = typeof value === "number" && Number.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0);
  if (!ok) throw new ValueError(OP, `expected ${name} to be a ${zeroAllowed ? "non-negative" : "positive"} finite number, got ${String(value)}.`);
}
