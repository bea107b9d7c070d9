/**
 * Quiet, repeatable timing of the GradBench evals whose cost is nabla's per-operation overhead or
 * its elementwise kernels (lse, kmeans, particle, saddle, lstm), outside the protocol loop.
 *
 * Each case names an eval, one of its functions and a size: `lse:gradient:40000`,
 * `kmeans:dir:10_1000_8` (k_n_d), `lstm:jacobian:2_1024` (l_c), `particle:fr`, `saddle:rr`. The
 * input is generated in-process with the eval's shapes and distributions (uniform [0, 1) values,
 * as GradBench's generators draw them; lstm's characters are random printable ASCII as 7-bit
 * rows), from a fixed seed, and prepared once. Then `run` is called until warm and timed over
 * repeated calls: the median wall time and the mean process CPU time per call (user + system,
 * `process.cpuUsage`). CPU time counts only this process's work, so it stays meaningful while other
 * work shares the cores; decide by it. With no case given, the default set below runs.
 *
 *   npm run build
 *   node dist/bench/gradbench/profile-evals.js                      # the default set
 *   node dist/bench/gradbench/profile-evals.js particle:fr lse:gradient:160000 --seconds 3
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/gradbench/profile-evals.js saddle:rr
 *
 * Options: `--runs N` (timed calls; default as many as fit in `--seconds`, at least 3),
 * `--seconds S` (default 1), `--seed S` (default 31337).
 */
import { uniform } from "../rng.js";
import type { EvalFunction, EvalModule } from "./eval-module.js";
import { formatMs, timeWarm, type WarmTiming } from "./warm-timing.js";
import { kmeans } from "./evals/kmeans.js";
import { lse } from "./evals/lse.js";
import { lstm } from "./evals/lstm.js";
import { particle } from "./evals/particle.js";
import { saddle } from "./evals/saddle.js";

const modules: Record<string, EvalModule> = { kmeans, lse, lstm, particle, saddle };

const defaultCases = [
  "particle:rr", "particle:ff", "particle:fr", "particle:rf",
  "saddle:rr", "saddle:ff", "saddle:fr", "saddle:rf",
  "kmeans:cost:10_1000_8", "kmeans:dir:10_1000_8", "kmeans:dir:10_1000_16", "kmeans:dir:10_10000_8", "kmeans:dir:100_1000_16",
  "lse:primal:40000", "lse:gradient:40000", "lse:primal:160000", "lse:gradient:160000",
  "lstm:objective:2_1024", "lstm:jacobian:2_1024",
];

interface Options {
  cases: string[];
  runs: number | null;
  seconds: number;
  seed: number;
}

function parseArguments(argv: readonly string[]): Options {
  const options: Options = { cases: [], runs: null, seconds: 1, seed: 31337 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--runs") options.runs = Number(argv[++i]);
    else if (a === "--seconds") options.seconds = Number(argv[++i]);
    else if (a === "--seed") options.seed = Number(argv[++i]);
    else options.cases.push(a);
  }
  if (options.runs !== null && !(Number.isInteger(options.runs) && options.runs > 0)) throw new Error(`profile-evals: expected --runs to be a positive integer, got ${options.runs}.`);
  if (!(options.seconds > 0)) throw new Error(`profile-evals: expected --seconds to be a positive number, got ${options.seconds}.`);
  if (options.cases.length === 0) options.cases = defaultCases;
  return options;
}

/** Positive integers from a size such as `10_1000_8`, checked against the count the eval needs. */
function sizes(spec: string | undefined, count: number, example: string): number[] {
  const parts = (spec ?? "").split("_").map(Number);
  if (parts.length !== count || parts.some((p) => !Number.isInteger(p) || p < 1)) {
    throw new Error(`profile-evals: expected a size like ${example}, got "${spec ?? ""}".`);
  }
  return parts;
}

function matrix(seed: number, rows: number, columns: number): number[][] {
  const values = uniform(seed, rows * columns, 0, 1, Float64Array);
  return Array.from({ length: rows }, (_, i) => Array.from(values.subarray(i * columns, (i + 1) * columns)));
}

/** The input message of one case, shaped as the eval's generator shapes it. */
function generate(evalName: string, spec: string | undefined, seed: number): unknown {
  switch (evalName) {
    case "particle":
      return { w: 0 };
    case "saddle":
      return { start: [1, 1] };
    case "lse": {
      const [n] = sizes(spec, 1, "40000");
      return { x: Array.from(uniform(seed, n!, 0, 1, Float64Array)) };
    }
    case "kmeans": {
      const [k, n, d] = sizes(spec, 3, "10_1000_8 (k_n_d)");
      return { points: matrix(seed, n!, d!), centroids: matrix(seed + 1, k!, d!) };
    }
    case "lstm": {
      const [l, c] = sizes(spec, 2, "2_1024 (l_c)");
      const bits = 7;
      const codes = uniform(seed + 3, c!, 32, 127, Float64Array);
      const sequence = Array.from(codes, (code) => Array.from({ length: bits }, (_, j) => (Math.floor(code) >> j) & 1));
      return {
        main_params: matrix(seed, 2 * l!, 4 * bits),
        extra_params: matrix(seed + 1, 3, bits),
        state: matrix(seed + 2, 2 * l!, bits),
        sequence,
      };
    }
    default:
      throw new Error(`profile-evals: expected an eval among ${Object.keys(modules).join(", ")}, got "${evalName}".`);
  }
}



function time(fn: EvalFunction, prepared: unknown, options: Options): WarmTiming {
  return timeWarm(fn, prepared, { runs: options.runs, seconds: options.seconds, warmMs: 300 * options.seconds, maxRuns: 2000 });
}

function main(): void {
  const options = parseArguments(process.argv.slice(2));
  console.log("case\truns\tmedian wall\tmean cpu");
  for (const name of options.cases) {
    const [evalName, functionName, spec] = name.split(":");
    const module = modules[evalName!];
    if (module === undefined) throw new Error(`profile-evals: expected an eval among ${Object.keys(modules).join(", ")}, got "${evalName}".`);
    const fn = module[functionName ?? ""];
    if (fn === undefined) throw new Error(`profile-evals: expected a function of ${evalName} among ${Object.keys(module).join(", ")}, got "${functionName}".`);
    const prepared = fn.prepare(generate(evalName!, spec, options.seed));
    const { runs, median, cpu } = time(fn, prepared, options);
    console.log(`${name}\t${runs}\t${formatMs(median)}\t${formatMs(cpu)}`);
  }
}

main();
