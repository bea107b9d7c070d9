/**
 * Quiet, repeatable timing of the GradBench `gmm` eval's functions, outside the protocol loop.
 *
 * For each size `D_K` (or `D_K_N`) on the command line it generates an input shaped like the
 * eval's (x and alpha and q and l standard normal, mu uniform in [0, 1), m = 0, gamma = 1, n = 1000
 * unless given), from a fixed seed, prepares it once, warms up, then calls `run` repeatedly and
 * prints per call the median wall time and the mean process CPU time (`process.cpuUsage`, user +
 * system). CPU time counts only this process's work, so it stays meaningful when other work shares
 * the cores; wall time does not.
 *
 *   npm run build
 *   node dist/bench/gradbench/profile.js 2_5 10_10 64_50            # both functions
 *   node dist/bench/gradbench/profile.js --only jacobian --runs 50 64_100
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/gradbench/profile.js --only jacobian 64_50
 *
 * Options: `--only objective|jacobian`, `--runs N` (timed calls, default: as many as fit in about
 * one second, at least 5), `--seed S` (default 31337).
 */
import { uniform } from "../rng.js";
import { gmm } from "./evals/gmm.js";
import { formatMs, timeWarm } from "./warm-timing.js";

interface Options {
  only: string | null;
  runs: number | null;
  seed: number;
  sizes: { d: number; k: number; n: number }[];
}

function parseArguments(argv: readonly string[]): Options {
  const options: Options = { only: null, runs: null, seed: 31337, sizes: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--only") options.only = argv[++i] ?? null;
    else if (a === "--runs") options.runs = Number(argv[++i]);
    else if (a === "--seed") options.seed = Number(argv[++i]);
    else {
      const parts = a.split("_").map(Number);
      if (parts.length < 2 || parts.length > 3 || parts.some((p) => !Number.isInteger(p) || p < 1)) {
        throw new Error(`profile: expected sizes as D_K or D_K_N with positive integers, got "${a}".`);
      }
      options.sizes.push({ d: parts[0]!, k: parts[1]!, n: parts[2] ?? 1000 });
    }
  }
  if (options.only !== null && !(options.only in gmm)) throw new Error(`profile: expected --only objective or jacobian, got "${options.only}".`);
  if (options.runs !== null && !(Number.isInteger(options.runs) && options.runs > 0)) throw new Error(`profile: expected --runs to be a positive integer, got ${options.runs}.`);
  if (options.sizes.length === 0) throw new Error("profile: expected at least one size such as 2_5 or 64_50_1000, got none.");
  return options;
}

/** Standard normal samples by Box–Muller from the benchmark's seeded uniform stream. */
function normal(seed: number, count: number): number[] {
  const u = uniform(seed, 2 * count, 0, 1, Float64Array);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = Math.sqrt(-2 * Math.log(1 - u[2 * i]!)) * Math.cos(2 * Math.PI * u[2 * i + 1]!);
  return out;
}

function rows(values: readonly number[], width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i * width < values.length || (width === 0 && i < values.length); i++) out.push(values.slice(i * width, (i + 1) * width));
  return out;
}

/** An input with the eval's shapes and distributions; the same seed gives the same input. */
function generate(seed: number, d: number, k: number, n: number): unknown {
  const lower = (d * (d - 1)) / 2;
  const lRows: number[][] = [];
  const l = normal(seed + 5, k * lower);
  for (let j = 0; j < k; j++) lRows.push(l.slice(j * lower, (j + 1) * lower));
  return {
    d, k, n, m: 0, gamma: 1,
    x: rows(normal(seed + 1, n * d), d),
    alpha: normal(seed + 2, k),
    mu: rows(Array.from(uniform(seed + 3, k * d, 0, 1, Float64Array)), d),
    q: rows(normal(seed + 4, k * d), d),
    l: lRows,
  };
}



function main(): void {
  const options = parseArguments(process.argv.slice(2));
  const names = options.only === null ? Object.keys(gmm) : [options.only];
  console.log("size\tfunction\truns\tmedian wall\tmean cpu");
  for (const { d, k, n } of options.sizes) {
    const input = generate(options.seed, d, k, n);
    for (const name of names) {
      const fn = gmm[name]!;
      const prepared = fn.prepare(input);
      const { runs, median, cpu } = timeWarm(fn, prepared, { runs: options.runs, minWarm: 3, minRuns: 5 });
      console.log(`${d}_${k}_${n}\t${name}\t${runs}\t${formatMs(median)}\t${formatMs(cpu)}`);
    }
  }
}

main();
