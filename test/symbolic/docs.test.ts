import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { runCli } from "../../src/cli/program.js";

// The command-line transcripts in docs/symbolic.md and README.md are run and compared line by line.
const docs = readFileSync(new URL("../../docs/symbolic.md", import.meta.url), "utf8");
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

function transcripts(text: string = docs): Array<{ args: string[]; expected: string }> {
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const result: Array<{ args: string[]; expected: string }> = [];
  for (const block of blocks) {
    const lines = block.trimEnd().split("\n");
    for (let i = 0; i < lines.length; i++) {
      const command = /^\$ (?:npx )?nabla (.*)$/.exec(lines[i]!);
      if (!command) continue;
      const output: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith("$ ")) output.push(lines[++i]!);
      const args = [...command[1]!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      result.push({ args, expected: output.join("\n") });
    }
  }
  return result;
}

test("the documentation shows at least ten commands", () => {
  expect(transcripts().length).toBeGreaterThanOrEqual(10);
});

test.each(transcripts().map((s) => [s.args.join(" "), s]))("nabla %s prints what the documentation shows", async (_, transcript) => {
  const lines: string[] = [];
  const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
  await runCli(transcript.args, io);
  expect(lines.join("\n")).toBe(transcript.expected);
});

test.each(transcripts(readme).map((s) => [s.args.join(" "), s]))("nabla %s prints what the README shows", async (_, transcript) => {
  const lines: string[] = [];
  const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
  await runCli(transcript.args, io);
  expect(lines.join("\n")).toBe(transcript.expected);
});

test("the README shows the textbook example on the command line", () => {
  expect(transcripts(readme).length).toBeGreaterThanOrEqual(4);
});

test("the library examples in the README hold", async () => {
  const s = await import("../../src/symbolic/index.js");
  expect(s.toText(s.derivative("x^2*y + z", "x"))).toBe("2*x*y");
  expect(s.gradient("x^2*y + z").map(s.toText)).toEqual(["2*x*y", "x^2", "1"]);
  expect(s.toLatex(s.derivative("x/(x^2 + 1)", "x"))).toBe("\\frac{1 - x^{2}}{\\left(x^{2} + 1\\right)^{2}}");
  expect([...s.compileGradient("x^2*y + z")(1, 2, 3)]).toEqual([4, 1, 1]);
  expect(readme).toContain('toText(derivative("x^2*y + z", "x"));          // "2*x*y"');
  expect(readme).toContain('compileGradient("x^2*y + z")(1, 2, 3);         // Float64Array [4, 1, 1]');
});

test("the library examples in the documentation hold", async () => {
  const s = await import("../../src/symbolic/index.js");
  expect(s.toText(s.derivative("x^2*y + z", "x"))).toBe("2*x*y");
  expect(s.toText(s.derivative("x^2*y + z", ["x", "y"]))).toBe("2*x");
  expect(s.gradient("x^2*y + z").map(s.toText)).toEqual(["2*x*y", "x^2", "1"]);
  expect(s.hessian("x*y^2").map((row) => row.map(s.toText))).toEqual([["0", "2*y"], ["2*y", "2*x"]]);
  const f = s.parse("x^2/(x + 1)");
  expect(s.toText(s.derivative(f, "x"))).toBe("x*(x + 2)/(x + 1)^2");
  expect(s.toLatex(s.derivative(f, "x"))).toBe("\\frac{x \\left(x + 2\\right)}{\\left(x + 1\\right)^{2}}");
  expect(s.formatExplanation(s.explain(f, "x"))).toContain("quotient rule");
  expect(s.evaluate("x^2*y + z", { x: 1, y: 2, z: 3 })).toBe(5);
  expect([...s.compileGradient("x^2*y + z")(1, 2, 3)]).toEqual([4, 1, 1]);
  expect(docs).toContain('toText(derivative(f, "x"));                     // "x*(x + 2)/(x + 1)^2"');
});
