/**
 * Quiet, repeatable timing of the GradBench `ba` and `ht` evals' functions, outside the protocol
 * loop, on the eval's own data files.
 *
 * Each case names an input: `ba1` ... `ba20` (the file `ba<i>_*.txt` of `evals/ba/data`) or
 * `hand1` ... `hand12` (the file `hand<i>_*.txt` of `evals/ht/data/complicated_big`, with that
 * folder's `model`). The input is read as GradBench's eval reads it, prepared once, `run` is called
 * until warm, then timed over repeated calls: the median wall time and the mean process CPU time per
 * call (user + system, `process.cpuUsage`). CPU time counts only this process's work, so it stays
 * meaningful while other work shares the cores; decide by it.
 *
 *   npm run build
 *   node dist/bench/gradbench/profile-ba-ht.js --gradbench ../gradbench ba1 ba8 hand1 hand11
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/gradbench/profile-ba-ht.js \
 *     --gradbench ../gradbench --only jacobian hand11
 *
 * Options: `--gradbench DIR` (a GradBench checkout; default the GRADBENCH environment variable),
 * `--only objective|jacobian`, `--runs N` (timed calls; default as many as fit in `--seconds`, at
 * least 3), `--seconds S` (default 2). With no case given, ba1, ba8, hand1 and hand11 run.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { EvalModule } from "./eval-module.js";
import { formatMs, timeWarm } from "./warm-timing.js";
import { ba, type BaInput } from "./evals/ba.js";
import { ht, type HtInput } from "./evals/ht.js";

interface Options {
  gradbench: string;
  only: string | null;
  runs: number | null;
  seconds: number;
  cases: string[];
}

function parseArguments(argv: readonly string[]): Options {
  const options: Options = { gradbench: process.env["GRADBENCH"] ?? "", only: null, runs: null, seconds: 2, cases: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--gradbench") options.gradbench = argv[++i] ?? "";
    else if (a === "--only") options.only = argv[++i] ?? null;
    else if (a === "--runs") options.runs = Number(argv[++i]);
    else if (a === "--seconds") options.seconds = Number(argv[++i]);
    else if (/^(ba|hand)\d+$/.test(a)) options.cases.push(a);
    else throw new Error(`profile-ba-ht: expected a case such as ba1 or hand11, or an option, got "${a}".`);
  }
  if (options.gradbench === "") throw new Error("profile-ba-ht: expected a GradBench checkout in --gradbench or GRADBENCH, got none.");
  if (options.only !== null && options.only !== "objective" && options.only !== "jacobian") {
    throw new Error(`profile-ba-ht: expected --only objective or jacobian, got "${options.only}".`);
  }
  if (options.runs !== null && !(Number.isInteger(options.runs) && options.runs > 0)) throw new Error(`profile-ba-ht: expected --runs to be a positive integer, got ${options.runs}.`);
  if (!(options.seconds > 0)) throw new Error(`profile-ba-ht: expected --seconds to be a positive number, got ${options.seconds}.`);
  if (options.cases.length === 0) options.cases = ["ba1", "ba8", "hand1", "hand11"];
  return options;
}

/** The one file of `folder` named `<prefix>_*.txt`. */
function dataFile(folder: string, prefix: string): string {
  const name = readdirSync(folder).find((f) => f.startsWith(`${prefix}_`) && f.endsWith(".txt"));
  if (name === undefined) throw new Error(`profile-ba-ht: expected a file ${prefix}_*.txt in ${folder}, got none.`);
  return join(folder, name);
}

/** A ba file: "n m p", then the one camera (11), point (3), weight and feature (2). */
function readBa(path: string): BaInput {
  const v = readFileSync(path, "utf8").trim().split(/\s+/).map(Number);
  return { n: v[0]!, m: v[1]!, p: v[2]!, cam: v.slice(3, 14), x: v.slice(14, 17), w: v[17]!, feat: v.slice(18, 20) };
}

const lines = (path: string) => readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "");
const rows4 = (v: number[]) => [v.slice(0, 4), v.slice(4, 8), v.slice(8, 12), v.slice(12, 16)];

/**
 * A complicated hand input: the model folder (bones.txt: name, parent, relative and inverse
 * absolute transforms as 16 numbers each, ':'-separated; vertices.txt: position, 5 unused
 * numbers, a count of bone weights and (bone, weight) pairs; triangles.txt) and the instance file
 * ("points thetas", then per point its triangle and position, per point its us pair, then theta).
 */
function readHand(modelFolder: string, path: string): HtInput {
  const bones = lines(join(modelFolder, "bones.txt")).map((l) => l.split(":"));
  const boneCount = bones.length;
  const basePositions: number[][] = [];
  const weights: number[][] = [];
  for (const line of lines(join(modelFolder, "vertices.txt"))) {
    const atoms = line.split(":");
    basePositions.push([...atoms.slice(0, 3).map(Number), 1]);
    const row = new Array<number>(boneCount).fill(0);
    const count = Number(atoms[8]);
    for (let i = 0; i < count; i++) row[Number(atoms[9 + 2 * i])] = Number(atoms[10 + 2 * i]);
    weights.push(row);
  }
  const triangles = lines(join(modelFolder, "triangles.txt")).map((l) => l.split(":").map(Number));
  const instance = lines(path).map((l) => l.trim().split(/\s+/).map(Number));
  const [pointCount, thetaCount] = instance[0]!;
  const pointLines = instance.slice(1, 1 + pointCount!);
  const usLines = instance.slice(1 + pointCount!, 1 + 2 * pointCount!);
  const theta = instance.slice(1 + 2 * pointCount!, 1 + 2 * pointCount! + thetaCount!).map((l) => l[0]!);
  return {
    theta,
    us: usLines,
    data: {
      model: {
        bone_count: boneCount,
        bone_names: bones.map((b) => b[0]!),
        parents: bones.map((b) => Number(b[1])),
        base_relatives: bones.map((b) => rows4(b.slice(2, 18).map(Number))),
        inverse_base_absolutes: bones.map((b) => rows4(b.slice(18, 34).map(Number))),
        base_positions: basePositions,
        weights,
        triangles,
        is_mirrored: false,
      },
      correspondences: pointLines.map((l) => l[0]!),
      points: pointLines.map((l) => l.slice(1)),
    },
  };
}



function main(): void {
  const options = parseArguments(process.argv.slice(2));
  console.log("input\tfunction\truns\tmedian wall\tmean cpu");
  for (const name of options.cases) {
    let module: EvalModule;
    let input: unknown;
    if (name.startsWith("ba")) {
      module = ba;
      input = readBa(dataFile(join(options.gradbench, "evals", "ba", "data"), name));
    } else {
      const folder = join(options.gradbench, "evals", "ht", "data", "complicated_big");
      module = ht;
      input = readHand(join(folder, "model"), dataFile(folder, name));
    }
    for (const functionName of options.only === null ? ["objective", "jacobian"] : [options.only]) {
      const fn = module[functionName]!;
      const prepared = fn.prepare(input);
      const { runs, median, cpu } = timeWarm(fn, prepared, { runs: options.runs, seconds: options.seconds, warmMs: 500, maxWarm: 20 });
      console.log(`${name}\t${functionName}\t${runs}\t${formatMs(median)}\t${formatMs(cpu)}`);
    }
  }
}

main();
