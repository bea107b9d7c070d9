/**
 * Benchmark of the symbolic module against math.js in the same run:
 *   1. differentiate and simplify a 200-node expression (math.js: derivative, then simplify);
 *   2. compile the expression and evaluate it 10⁶ times.
 * Each task is warmed up, then timed several times; the table shows medians and the ratio
 * math.js / nabla (above 1: nabla is faster). Results are checked against each other first.
 *
 *   npm run build && node dist/bench/symbolic.js [--quick]
 */
import * as math from "mathjs";
import { compile, derivative, evaluate, parse, toText, type Expr } from "../src/symbolic/index.js";
import { uniformStream } from "./rng.js";

const quick = process.argv.includes("--quick");
const EVALUATIONS = quick ? 100_000 : 1_000_000;
/** Nodes of the benchmark expression in nabla's canonical tree (at least). */
const NODES = 200;

/**
 * A random expression in the syntax both libraries read, of x, y and z, with sums, products,
 * quotients, powers, sin, cos, exp, log and sqrt, grown until it has about `size` nodes.
 */
function randomExpression(size: number, seed: number): string {
  const next = uniformStream(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const grow = (budget: number): string => {
    if (budget <= 1) return pick(["x", "y", "z", "x", "y", "z", "2", "3", "0.5"]);
    const kind = pick(["+", "-", "*", "/", "^", "f", "+", "*"]);
    if (kind === "^") return `(${grow(budget - 2)})^${pick(["2", "3"])}`;
    if (kind === "f") {
      const fn = pick(["sin", "cos", "exp", "log", "sqrt"]);
      const inner = grow(budget - 1);
      // keep log and sqrt real: of a positive quantity
      return fn === "log" || fn === "sqrt" ? `${fn}(1 + (${inner})^2)` : `${fn}(${inner})`;
    }
    const left = Math.max(1, Math.floor((budget - 1) * (0.3 + 0.4 * next())));
    const a = grow(left);
    const b = grow(budget - 1 - left);
    return kind === "/" ? `(${a})/(1 + (${b})^2)` : `(${a}) ${kind} (${b})`;
  };
  return grow(size);
}

function countNodes(e: Expr): number {
  switch (e.kind) {
    case "add": return 1 + e.terms.reduce((n, t) => n + countNodes(t), 0);
    case "mul": return 1 + e.factors.reduce((n, f) => n + countNodes(f), 0);
    case "pow": return 1 + countNodes(e.base) + countNodes(e.exponent);
    case "call": return 1 + e.args.reduce((n, a) => n + countNodes(a), 0);
    default: return 1;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median wall time in milliseconds of `run`, after `warmup` untimed runs. */
function time(run: () => void, warmup: number, repeats: number): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

// the generator's size grows until the canonical tree has NODES nodes
let size = 50;
while (countNodes(parse(randomExpression(size, 7))) < NODES) size += 2;
const text = randomExpression(size, 7);
const ours = parse(text);
const theirs = math.parse(text);
let mathNodes = 0;
theirs.traverse(() => { mathNodes++; });

// 1. derivative and simplification; both results checked against each other at a point
const point = { x: 0.7, y: -0.4, z: 1.3 };
const ourDerivative = derivative(ours, "x");
const theirDerivative = math.simplify(math.derivative(theirs, "x", { simplify: false }));
const a = evaluate(ourDerivative, point);
const b = theirDerivative.evaluate({ ...point }) as number;
if (!(Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a)))) throw new Error(`derivatives disagree: ${a} vs ${b}`);

const ourDiff = time(() => { derivative(ours, "x"); }, 5, 15);
const theirDiff = time(() => { math.simplify(math.derivative(theirs, "x", { simplify: false })); }, 1, 3);

// 2. compilation and 10⁶ evaluations at moving points
const xs = Float64Array.from({ length: 1024 }, (_, i) => -1 + (2 * i) / 1023);
const runOurs = (): number => {
  const f = compile(ours, ["x", "y", "z"]);
  let total = 0;
  for (let i = 0; i < EVALUATIONS; i++) total += f(xs[i & 1023]!, 0.3, -0.2);
  return total;
};
const runTheirs = (): number => {
  const f = theirs.compile();
  const scope = { x: 0, y: 0.3, z: -0.2 };
  let total = 0;
  for (let i = 0; i < EVALUATIONS; i++) {
    scope.x = xs[i & 1023]!;
    total += f.evaluate(scope) as number;
  }
  return total;
};
const totalOurs = runOurs();
const totalTheirs = runTheirs();
if (!(Math.abs(totalOurs - totalTheirs) <= 1e-9 * (1 + Math.abs(totalOurs)))) {
  throw new Error(`compiled sums disagree: ${totalOurs} vs ${totalTheirs}`);
}
const ourEval = time(runOurs, 2, 7);
const theirEval = time(runTheirs, 1, 3);

const format = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const rows: Array<[string, number, number]> = [
  ["differentiate + simplify (∂/∂x)", ourDiff, theirDiff],
  [`compile + evaluate ${EVALUATIONS.toLocaleString("en-US")} times`, ourEval, theirEval],
];
console.log(`expression: ${countNodes(ours)} nodes in nabla's tree, ${mathNodes} in math.js's (${text.length} characters)`);
console.log(`derivative: ${countNodes(ourDerivative)} nodes, ${toText(ourDerivative).length} characters printed (math.js: ${theirDerivative.toString().length})`);
console.log(`node ${process.version}, mathjs ${math.version}${quick ? ", --quick" : ""}`);
console.log("");
console.log("| task | nabla (ms, median) | math.js (ms, median) | math.js / nabla |");
console.log("|---|---:|---:|---:|");
for (const [task, mine, other] of rows) console.log(`| ${task} | ${format(mine)} | ${format(other)} | ${(other / mine).toFixed(1)}× |`);
