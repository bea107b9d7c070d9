/**
 * nabla's `minimize` against SciPy on the standard problems (`bench/optim/problems.ts`), with the
 * same start points, data and tolerances (each method's defaults, which follow SciPy's). Dev-only.
 *
 *   npm run bench:scipy
 *
 * which runs, in order:
 *   node dist/bench/optim/compare-scipy.js export bench/optim/results/problems.json
 *       writes x0, the data, and f and ∇f at x0 (so the Python mirror can check its formulas);
 *   python3 scripts/compare-scipy.py bench/optim/results/problems.json bench/optim/results/scipy.json
 *       runs SciPy (whichever `python3` is on the path; BENCHMARKS.md names the version) and writes its counts;
 *   node dist/bench/optim/compare-scipy.js compare bench/optim/results/scipy.json
 *       runs every registered method that has a SciPy counterpart and prints the markdown table.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { tensor, valueAndGrad, type Tensor } from "../../src/index.js";
import { METHODS } from "../../src/optim/minimize/methods/index.js";
import { minimize, type MethodName, type MinimizeResult } from "../../src/optim/minimize/index.js";
import { standardProblems, type OptimProblem } from "./problems.js";

/** nabla's method and the SciPy method it is compared with (see scripts/compare-scipy.py). */
const COUNTERPARTS: readonly { method: MethodName; scipy: string; leastSquares: boolean }[] = [
  { method: "bfgs", scipy: "BFGS", leastSquares: false },
  { method: "lbfgs", scipy: "L-BFGS-B", leastSquares: false },
  { method: "cg", scipy: "CG", leastSquares: false },
  { method: "newton", scipy: "Newton-CG with the exact Hessian", leastSquares: false },
  { method: "newton-cg", scipy: "Newton-CG with Hessian-vector products", leastSquares: false },
  { method: "trust-region", scipy: "trust-ncg", leastSquares: false },
  { method: "gauss-newton", scipy: "least_squares trf", leastSquares: true },
  { method: "levenberg-marquardt", scipy: "least_squares lm", leastSquares: true },
];

interface ScipyRun {
  readonly nit: number | null;
  readonly nfev: number;
  readonly njev: number | null;
  readonly nhev: number | null;
  readonly fun: number;
  readonly success: boolean;
  readonly message: string;
}

function vector(values: readonly number[]): Tensor {
  return tensor(Float64Array.from(values), { dtype: "float64" });
}

function exportProblems(path: string): void {
  const problems = standardProblems().map((p) => {
    const [f0, g0] = valueAndGrad(p.objective)(vector(p.x0)) as [Tensor, Tensor];
    return { name: p.name, n: p.n, x0: p.x0, data: p.data ?? {}, leastSquares: p.residuals !== undefined, minimum: p.minimum, f0: f0.item(), g0: Array.from(g0.data()) };
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ problems }, null, 1) + "\n");
  console.log(`wrote ${problems.length} problems to ${path}`);
}

function runNabla(problem: OptimProblem, method: MethodName, leastSquares: boolean): MinimizeResult<Tensor> {
  const f = leastSquares ? problem.residuals! : problem.objective;
  return minimize(f, vector(problem.x0), { method });
}

const fmt = (v: number) => (v === 0 ? "0" : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(6) : v.toExponential(2));
const counts = (it: number | null, fev: number, gev: number | null, hev: number | null) => `${it ?? "–"} / ${fev} / ${gev ?? "–"} / ${hev ?? "–"}`;

/**
 * nabla is no worse when it converges wherever SciPy does, with no more iterations and no more
 * function evaluations, to an f no higher than SciPy's beyond 1e-6 relative (both stop on the same
 * tolerances, so their final values differ only within them). When nabla ends at a clearly lower
 * f, the two runs went to different minima (extended Rosenbrock has a local minimum besides the
 * global one) and their counts do not compare; the row says so and is not counted either way.
 */
function verdict(ours: MinimizeResult<Tensor>, theirs: ScipyRun): "yes" | "no" | "other minimum" {
  const margin = 1e-6 * Math.max(1, Math.abs(theirs.fun));
  if (ours.converged && ours.fun < theirs.fun - margin) return "other minimum";
  if (theirs.success && !ours.converged) return "no";
  if (theirs.nit !== null && ours.iterations > theirs.nit) return "no";
  if (ours.evaluations.fun > theirs.nfev) return "no";
  return ours.fun <= theirs.fun + margin ? "yes" : "no";
}

function compare(scipyPath: string): void {
  const scipy = JSON.parse(readFileSync(scipyPath, "utf8")) as Record<string, Record<string, ScipyRun>>;
  const lines = [
    "| problem | method (SciPy's) | nabla it / f / g / H | nabla f | SciPy it / f / g / H | SciPy f | no worse |",
    "|---|---|---|---|---|---|---|",
  ];
  const tally = { yes: 0, no: 0, "other minimum": 0 };
  for (const problem of standardProblems()) {
    for (const { method, scipy: theirName, leastSquares } of COUNTERPARTS) {
      if (METHODS[method] === undefined || (leastSquares && problem.residuals === undefined)) continue;
      const theirs = scipy[problem.name]?.[method];
      if (theirs === undefined) throw new Error(`compare-scipy: expected a SciPy result for ${problem.name} / ${method} in ${scipyPath}, got none. Re-run scripts/compare-scipy.py.`);
      const ours = runNabla(problem, method, leastSquares);
      const e = ours.evaluations;
      const judged = verdict(ours, theirs);
      tally[judged]++;
      lines.push(
        `| ${problem.name} | ${method} (${theirName}) | ${counts(ours.iterations, e.fun, e.grad, leastSquares ? null : e.hessian + e.hvp)}${ours.converged ? "" : ` (${ours.reason})`} | ${fmt(ours.fun)} | ` +
          `${counts(theirs.nit, theirs.nfev, theirs.njev, theirs.nhev)}${theirs.success ? "" : " (failed)"} | ${fmt(theirs.fun)} | ${judged === "no" ? "**no**" : judged === "other minimum" ? "n/a: nabla reached a lower minimum" : "yes"} |`,
      );
    }
  }
  console.log(lines.join("\n"));
  console.log(`\n${lines.length - 2} rows: nabla no worse on ${tally.yes}, worse on ${tally.no}, at a lower minimum than SciPy (counts not comparable) on ${tally["other minimum"]}.`);
}

const [mode, path] = process.argv.slice(2);
if (mode === "export" && path) exportProblems(path);
else if (mode === "compare" && path) compare(path);
else {
  console.error("usage: node dist/bench/optim/compare-scipy.js export <problems.json> | compare <scipy.json>");
  process.exit(2);
}
