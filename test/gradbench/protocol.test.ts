import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { ProtocolHandler, type Response, type Timing } from "../../bench/gradbench/protocol.js";
import { evals } from "../../bench/gradbench/evals/index.js";
import type { EvalModule } from "../../bench/gradbench/eval-module.js";

/** llsq's y(x) by its definition, in plain JavaScript. */
function llsqByFormula(x: number[], n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t = -1 + (i * 2) / (n - 1);
    let residual = Math.sign(t);
    for (let j = 0; j < x.length; j++) residual -= x[j]! * t ** j;
    total += residual * residual;
  }
  return total / 2;
}

const evaluateTimings = (response: Response) => (response.timings as Timing[]).filter((t) => t.name === "evaluate");

describe("the GradBench message handler", () => {
  const handler = new ProtocolHandler(evals);

  test("answers start with the tool's name", () => {
    expect(handler.handle({ id: 0, kind: "start", eval: "hello" })).toEqual({ id: 0, tool: "nabla" });
  });

  test("defines the registered modules", () => {
    expect(handler.handle({ id: 1, kind: "define", module: "hello" })).toEqual({ id: 1, success: true });
    expect(handler.handle({ id: 2, kind: "define", module: "llsq" })).toEqual({ id: 2, success: true });
  });

  test("refuses to define a module it does not have, naming the ones it has", () => {
    const response = handler.handle({ id: 3, kind: "define", module: "nosuch" });
    expect(response.success).toBe(false);
    expect(response.error).toBe(`define: expected one of the modules ${Object.keys(evals).sort().join(", ")}, got "nosuch".`);
  });

  test("evaluates hello's square and its derivative double, with one evaluate timing", () => {
    const square = handler.handleLine(JSON.stringify({ id: 4, kind: "evaluate", module: "hello", function: "square", input: 3 }));
    expect(square).toMatchObject({ id: 4, success: true, output: 9 });
    expect(evaluateTimings(square)).toHaveLength(1);
    const double = handler.handle({ id: 5, kind: "evaluate", module: "hello", function: "double", input: 9 });
    expect(double).toMatchObject({ id: 5, success: true, output: 18 });
  });

  test("runs an evaluate min_runs times, one integer timing per run, and answers the formula's value", () => {
    const x = [0.5, -0.25, 0.125];
    const response = handler.handle({ id: 6, kind: "evaluate", module: "llsq", function: "primal", input: { x, n: 7, min_runs: 2, min_seconds: 0 } });
    expect(response.success).toBe(true);
    expect(response.output as number).toBeCloseTo(llsqByFormula(x, 7), 12);
    const timings = evaluateTimings(response);
    expect(timings).toHaveLength(2);
    for (const t of timings) expect(Number.isInteger(t.nanoseconds) && t.nanoseconds >= 0).toBe(true);
    expect((response.timings as Timing[]).filter((t) => t.name === "prepare")).toHaveLength(1);
  });

  test("keeps running until the summed run time reaches min_seconds", () => {
    let now = 0n;
    const clock = () => (now += 250_000_000n); // every reading is a quarter second later
    const timed = new ProtocolHandler(evals, { clock });
    const llsq = timed.handle({ id: 8, kind: "evaluate", module: "llsq", function: "primal", input: { x: [1], n: 4, min_runs: 1, min_seconds: 1 } });
    expect(evaluateTimings(llsq).map((t) => t.nanoseconds)).toEqual([250_000_000, 250_000_000, 250_000_000, 250_000_000]);
  });

  test("reports an input the eval cannot use as a failed evaluate with the eval's message", () => {
    const response = handler.handle({ id: 7, kind: "evaluate", module: "hello", function: "square", input: { min_runs: 1 } });
    expect(response).toEqual({ id: 7, success: false, error: "hello: expected a number as input, got object." });
  });

  test("answers analysis and unknown kinds with just the id", () => {
    expect(handler.handle({ id: 9, kind: "analysis", of: 6, valid: true })).toEqual({ id: 9 });
    expect(handler.handle({ id: 10, kind: "bogus" })).toEqual({ id: 10 });
  });

  test("reports malformed lines with id null", () => {
    expect(handler.handleLine("{not json")).toMatchObject({ id: null });
    expect(handler.handleLine("[1, 2]")).toEqual({ id: null, error: "protocol: expected a JSON object, got an array of length 2." });
    expect(handler.handleLine('{"kind": "start"}')).toEqual({ id: null, error: 'protocol: expected an integer "id", got nothing.' });
  });

  test("fails an evaluate of an unknown function or module with a message", () => {
    expect(handler.handle({ id: 11, kind: "evaluate", module: "llsq", function: "hessian", input: {} })).toEqual({
      id: 11,
      success: false,
      error: 'evaluate: expected one of the functions primal, gradient of module llsq, got "hessian".',
    });
    expect(handler.handle({ id: 12, kind: "evaluate", module: "nosuch", function: "f", input: {} })).toEqual({
      id: 12,
      success: false,
      error: 'evaluate: expected a defined module, got "nosuch". Send define first.',
    });
  });

  test("refuses bad run settings", () => {
    const response = handler.handle({ id: 13, kind: "evaluate", module: "llsq", function: "primal", input: { x: [1], n: 4, min_runs: 0 } });
    expect(response).toEqual({ id: 13, success: false, error: "evaluate: expected min_runs to be a positive integer, got 0." });
  });

  test("refuses outputs with NaN or Infinity, naming where they are", () => {
    const broken: EvalModule = { f: { prepare: (x) => x, run: (x) => x, output: () => ({ a: [1, Number.NaN] }) } };
    const custom = new ProtocolHandler({ broken });
    expect(custom.handle({ id: 14, kind: "evaluate", module: "broken", function: "f", input: 0 })).toEqual({
      id: 14,
      success: false,
      error: "evaluate: expected finite numbers in the output, got NaN at output.a[1].",
    });
  });
});

describe("the compiled nabla-gradbench tool", () => {
  const tool = fileURLToPath(new URL("../../dist/bench/gradbench/main.js", import.meta.url));

  test("answers one line per message on stdout, reads and writes multi-megabyte lines, and exits 0 at the end of input", () => {
    expect(existsSync(tool), `${tool} is missing: run npm run build first`).toBe(true);
    const x = Array.from({ length: 100_000 }, (_, i) => (i % 997) / 997);
    const messages = [
      { id: 0, kind: "start", eval: "lse" },
      { id: 1, kind: "define", module: "lse" },
      { id: 2, kind: "evaluate", module: "lse", function: "primal", input: { x, min_runs: 1, min_seconds: 0 } },
      { id: 3, kind: "analysis", of: 2, valid: true },
      // A response of megabytes, more than a pipe holds at once.
      { id: 4, kind: "evaluate", module: "lse", function: "gradient", input: { x, min_runs: 1, min_seconds: 0 } },
    ];
    const input = messages.map((m) => JSON.stringify(m)).join("\n") + "\n";
    expect(input.length).toBeGreaterThan(1_000_000);
    const run = spawnSync(process.execPath, [tool], { input, encoding: "utf8", maxBuffer: 1 << 26 });
    expect(run.status).toBe(0);
    const responses = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(responses.map((r) => r.id)).toEqual([0, 1, 2, 3, 4]);
    const max = Math.max(...x);
    const expected = max + Math.log(x.reduce((s, v) => s + Math.exp(v - max), 0));
    expect(responses[2].success).toBe(true);
    expect(responses[2].output).toBeCloseTo(expected, 9);
    const softmax = responses[4].output as number[];
    expect(softmax).toHaveLength(x.length);
    expect(softmax[0]).toBeCloseTo(Math.exp(x[0]! - expected), 12);
  });
});
