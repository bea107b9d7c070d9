import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../../src/cli/program.js";
import type { CliIo } from "../../src/cli/io.js";
import { formatPlot, formatValue } from "../../src/cli/commands/minimize-report.js";
import { minimizeCommand } from "../../src/cli/commands/minimize.js";
import type { IterationRecord, MethodName } from "../../src/optim/minimize/index.js";

async function nabla(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text) };
  const code = await runCli(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The JSON a run prints with --json. */
async function json(...args: string[]): Promise<any> {
  const { code, out, err } = await nabla(...args, "--json");
  expect(err).toBe("");
  expect(code).toBe(0);
  return JSON.parse(out);
}

const ROSENBROCK = "(1-x)^2 + 100*(y-x^2)^2";

// Exact data of y = 2·exp(−t/2) at t = 1, 2, 3, 4: the fit's residuals vanish at a = 2, b = 0.5.
const DECAY = [1, 2, 3, 4].map((t) => `a*exp(-${t}*b) - ${2 * Math.exp(-t / 2)}`).join("; ");

describe("nabla minimize", () => {
  test("prints x by name, f, the gradient norm, iterations, evaluations and the reason", async () => {
    // From (0, 0) the gradient is (−6, 2); Armijo rejects the unit step (f stays 10) and accepts
    // its half, which lands on the minimum exactly.
    const { code, out, err } = await nabla("minimize", "(x-3)^2 + (y+1)^2", "--from", "x=0,y=0", "--method", "gd");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toBe([
      "gd: Converged: gradient norm 0.00e+0 <= tol 0.00001 after 1 iterations.",
      "  x                     = 3",
      "  y                     = -1",
      "  f                     = 0",
      "  gradient norm (‖∇f‖∞) = 0",
      "  iterations            = 1",
      "  evaluations           = f 4, gradient 2",
      "  reason                = gradient-tolerance (converged)",
    ].join("\n"));
  });

  test("minimizeCommand returns what the command prints, as its example says", async () => {
    const printed = await minimizeCommand("(x - 3)^2 + 1", { from: "x=0", method: "newton" });
    expect(printed.split("\n")[0]).toBe("newton: Converged: gradient norm 0.00e+0 <= tol 0.00001 after 1 iterations.");
  });

  test("minimizes Rosenbrock's function from (-1.2, 1) with Newton's method to (1, 1)", async () => {
    const result = await json("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--method", "newton");
    expect(result.method).toBe("newton");
    expect(result.converged).toBe(true);
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.x.x).toBeCloseTo(1, 6);
    expect(result.x.y).toBeCloseTo(1, 6);
    expect(result.fun).toBeLessThan(1e-12);
    expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
    expect(result.evaluations.hessian).toBeGreaterThan(0);
    expect(result.iterations).toBeLessThan(50);
  });

  test("uses bfgs when --method is left out", async () => {
    const result = await json("minimize", ROSENBROCK, "--from", "x=-1.2,y=1");
    expect(result.method).toBe("bfgs");
    expect(result.converged).toBe(true);
  });

  const METHODS: MethodName[] = ["gd", "momentum", "adam", "newton", "newton-cg", "bfgs", "lbfgs", "cg", "trust-region"];
  test.each(METHODS)("runs %s to the minimum of a quadratic", async (method) => {
    const result = await json("minimize", "(x - 1)^2 + 10*(y + 2)^2", "--from", "x=0,y=0", "--method", method, "--lr", "0.05");
    expect(result.method).toBe(method);
    expect(result.converged).toBe(true);
    expect(result.x.x).toBeCloseTo(1, 4);
    expect(result.x.y).toBeCloseTo(-2, 4);
  });

  test.each(["gauss-newton", "levenberg-marquardt"])("fits an exponential decay to its residuals with %s", async (method) => {
    const result = await json("minimize", DECAY, "--from", "a=1,b=1", "--method", method);
    expect(result.converged).toBe(true);
    expect(result.x.a).toBeCloseTo(2, 6);
    expect(result.x.b).toBeCloseTo(0.5, 6);
    expect(result.fun).toBeLessThan(1e-12);
  });

  test("minimizes ½ Σ rᵢ² of residuals separated by ';' with a method for general f", async () => {
    const result = await json("minimize", DECAY, "--from", "a=1,b=1", "--method", "bfgs");
    expect(result.x.a).toBeCloseTo(2, 4);
    expect(result.x.b).toBeCloseTo(0.5, 4);
  });

  test("passes --tol, --max-iter, --lr and --dtype to minimize", async () => {
    const capped = await json("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--method", "gd", "--max-iter", "7");
    expect(capped.iterations).toBe(7);
    expect(capped.reason).toBe("max-iterations");
    expect(capped.converged).toBe(false);

    const loose = await json("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--method", "newton", "--tol", "1e-2");
    const tight = await json("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--method", "newton", "--tol", "1e-10");
    expect(loose.gradNorm).toBeLessThanOrEqual(1e-2);
    expect(loose.iterations).toBeLessThan(tight.iterations);

    // a fixed step of 0.1 on x² multiplies x by 0.8 each iteration
    const fixed = await json("minimize", "x^2", "--from", "x=1", "--method", "momentum", "--lr", "0.1", "--max-iter", "1");
    expect(fixed.x.x).toBeCloseTo(0.8, 12);

    const single = await json("minimize", "(x-1/3)^2", "--from", "x=0", "--method", "newton", "--dtype", "float32");
    expect(single.x.x).toBe(Math.fround(1 / 3));
  });

  test("stops a diverging run with a clear reason", async () => {
    // heavy ball on x² (curvature 2) is stable only for lr·2 < 2(1 + β) = 3.8
    const { code, out } = await nabla("minimize", "x^2", "--from", "x=1", "--method", "momentum", "--lr", "5");
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toMatch(/^momentum: Stopped: f or its gradient became NaN or infinite after \d+ iterations; x is the last finite point\.$/);
    expect(out).toContain("reason                = non-finite (not converged)");
  });

  test("--trace prints every iteration, then a plot of log10 f against iteration", async () => {
    const { out } = await nabla("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--method", "newton", "--trace");
    const iterations = Number(/iterations\s+= (\d+)/.exec(out)![1]);
    const [, table, plot] = out.split("\n\n");
    const lines = table!.split("\n");
    expect(lines[0]).toMatch(/^iteration\s+f\s+gradient norm\s+step length$/);
    expect(lines[2]).toMatch(/^0\s+24.2\s+215.6\s+0$/);
    expect(lines).toHaveLength(iterations + 3);
    expect(lines.at(-1)).toMatch(new RegExp(`^${iterations}\\s`));
    expect(plot!.split("\n")[0]).toBe("log10 f");
    expect(plot).toContain("┤");
    expect(plot!.split("\n").at(-1)!.trim()).toBe("iteration");
  });

  test("--trace keeps the first and last rows of a long run and says how many it left out", async () => {
    const { out } = await nabla("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--method", "gd", "--max-iter", "100", "--trace");
    const table = out.split("\n\n")[1]!.split("\n");
    expect(table).toHaveLength(2 + 20 + 1 + 20);
    expect(table[22]).toMatch(/^… 61 more/);
    expect(table.at(-1)).toMatch(/^100\s/);
    expect(out).toContain("iteration (64 of 101 iterates, evenly spaced)");
  });

  test("--trace --json adds the history", async () => {
    const result = await json("minimize", "(x-2)^2", "--from", "x=0", "--method", "newton", "--trace");
    expect(result.history).toHaveLength(2);
    expect(result.history[0]).toEqual({ iteration: 0, fun: 4, gradNorm: 4, stepLength: 0 });
    expect(result.history[1].iteration).toBe(1);
    expect(result.history[1].fun).toBeCloseTo(0, 12);
    expect(result.history[1].stepLength).toBeCloseTo(2, 12);
  });

  test("--compare prints iterations, evaluations, time and final f for each method", async () => {
    const { code, out } = await nabla("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--compare", "gd,momentum,adam,newton,bfgs,lbfgs", "--max-iter", "20000");
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^method\s+iterations\s+evaluations\s+time \(ms\)\s+f\s+‖∇f‖∞\s+reason$/);
    expect(lines.slice(2).map((line) => line.split(/\s+/)[0])).toEqual(["gd", "momentum", "adam", "newton", "bfgs", "lbfgs"]);
    const newton = lines.find((line) => line.startsWith("newton"))!;
    expect(newton).toMatch(/Hessian \d+/);
    expect(newton).toMatch(/gradient-tolerance$/);

    const runs = (await json("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--compare", "newton,bfgs")).compare;
    expect(runs.map((run: any) => run.method)).toEqual(["newton", "bfgs"]);
    for (const run of runs) {
      expect(run.timeMs).toBeGreaterThan(0);
      expect(run.x.x).toBeCloseTo(1, 5);
    }
  });

  test("--compare runs least-squares methods beside the others on residuals", async () => {
    const runs = (await json("minimize", DECAY, "--from", "a=1,b=1", "--compare", "gauss-newton,levenberg-marquardt,bfgs")).compare;
    expect(runs.map((run: any) => run.converged)).toEqual([true, true, true]);
  });
});

describe("nabla minimize --curvature", () => {
  test("prints the Hessian's extreme eigenvalues and what they predict, at the start and the end", async () => {
    const { code, out } = await nabla("minimize", ROSENBROCK, "--from", "x=-1.2,y=1", "--method", "newton", "--curvature");
    expect(code).toBe(0);
    const section = out.split("\n\n")[1]!.split("\n");
    expect(section[0]).toMatch(/^curvature\s+start\s+end$/);
    // H(−1.2, 1) = [[1330, 480], [480, 200]]: λ = 765 ± √549625; H(1, 1) = [[802, −400], [−400, 200]]: λ = 501 ± √250601
    expect(section[2]).toMatch(/^λmin\s+23\.633\s+0\.399361$/);
    expect(section[3]).toMatch(/^λmax\s+1506\.37\s+1001\.6$/);
    expect(section[4]).toMatch(/^condition number κ = λmax\/λmin\s+63\.7399\s+2508\.01$/);
    expect(section[8]).toMatch(/^indefinite \(a saddle\)\s+no\s+no$/);
    expect(out).toContain("start: positive definite: f curves upward in every direction here");
  });

  test("finds the saddle a run starts next to, and the minimum it ends at, in JSON", async () => {
    const result = await json("minimize", "x^2 - y^2 + y^4", "--from", "x=1,y=0.01", "--method", "bfgs", "--curvature");
    expect(result.curvature.start.indefinite).toBe(true);
    expect(result.curvature.start.conditionNumber).toBe(null); // Infinity, as JSON writes it
    expect(result.curvature.end.indefinite).toBe(false);
    expect(result.curvature.end.lambdaMin).toBeCloseTo(2, 4);
    expect(result.curvature.end.lambdaMax).toBeCloseTo(4, 4);
  });

  test("measures ½‖r‖² for residuals, and refuses to run with --compare", async () => {
    const result = await json("minimize", DECAY, "--from", "a=1,b=1", "--method", "levenberg-marquardt", "--curvature");
    expect(result.curvature.end.lambdaMin).toBeGreaterThan(0);
    const both = await nabla("minimize", "x^2", "--from", "x=1", "--curvature", "--compare", "gd,bfgs");
    expect(both.code).toBe(1);
    expect(both.err).toContain("error: option '--curvature' cannot be used with option '--compare <methods>'");
  });
});

describe("nabla minimize --module", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nabla-minimize-"));
    writeFileSync(join(dir, "objectives.mjs"), [
      "export default (p) => p.sub(3).square().sum();",
      "export const loss = (t) => t.w.sub(2).square().sum().add(t.b.add(1).square());",
      "export const residuals = (p) => p.sub(5);",
      "export const notAFunction = 4;",
    ].join("\n"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("minimizes the default export from a JSON array", async () => {
    const result = await json("minimize", "--module", join(dir, "objectives.mjs"), "--from", "[0, 1, 2]", "--method", "newton");
    expect(result.x).toHaveLength(3);
    result.x.forEach((v: number) => expect(v).toBeCloseTo(3, 12));
    const { out } = await nabla("minimize", "--module", join(dir, "objectives.mjs"), "--export", "loss", "--from", '{"w": [0, 0], "b": 0}', "--method", "newton");
    expect(out).toContain("  x                     = {w: [2, 2], b: -1}");
  });

  test("minimizes a named export over a tree, and residuals with a least-squares method", async () => {
    const tree = await json("minimize", "--module", join(dir, "objectives.mjs"), "--export", "loss", "--from", '{"w": [0, 0], "b": 0}', "--method", "bfgs");
    expect(tree.x.w[0]).toBeCloseTo(2, 6);
    expect(tree.x.w[1]).toBeCloseTo(2, 6);
    expect(tree.x.b).toBeCloseTo(-1, 6);
    const fit = await json("minimize", "--module", join(dir, "objectives.mjs"), "--export", "residuals", "--from", "[[0, 1], [2, 3]]", "--method", "gauss-newton");
    expect(fit.x.flat().map((v: number) => Math.round(v * 1e9) / 1e9)).toEqual([5, 5, 5, 5]);
  });

  test("refuses a module that does not load, a missing export, or a --from that is not JSON", async () => {
    const missing = await nabla("minimize", "--module", join(dir, "nowhere.mjs"), "--from", "[1]");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`nabla: --module: expected a JavaScript module that loads, got "${join(dir, "nowhere.mjs")}"`);

    const noExport = await nabla("minimize", "--module", join(dir, "objectives.mjs"), "--export", "notAFunction", "--from", "[1]");
    expect(noExport.err).toBe(`nabla: --module: expected "${join(dir, "objectives.mjs")}" to export a function as "notAFunction", got number. It exports the functions default, loss, residuals: pick one with --export`);

    const notJson = await nabla("minimize", "--module", join(dir, "objectives.mjs"), "--from", "x=1");
    expect(notJson.err).toBe(`nabla: --from: expected JSON with --module (an array such as [-1.2, 1], or a tree such as {"w": [0, 0], "b": 0}), got "x=1".`);

    const strings = await nabla("minimize", "--module", join(dir, "objectives.mjs"), "--from", '{"w": "one"}');
    expect(strings.err).toBe('nabla: --from: expected numbers, arrays and objects only, got "one" at x0.w.');

    const noStart = await nabla("minimize", "--module", join(dir, "objectives.mjs"));
    expect(noStart.err).toMatch(/^nabla: --from: expected a start point as JSON with --module/);
  });
});

describe("nabla minimize refuses bad input with exit code 1 and a clear message", () => {
  const cases: Array<[string, string[], string]> = [
    ["an unknown method", ["x^2", "--from", "x=1", "--method", "sgd"],
      'nabla: minimize: expected method to be one of gd, momentum, adam, newton, newton-cg, bfgs, lbfgs, cg, trust-region, gauss-newton, levenberg-marquardt, got "sgd".'],
    ["an unknown method in --compare", ["x^2", "--from", "x=1", "--compare", "gd,nope"],
      'nabla: minimize: expected method to be one of gd, momentum, adam, newton, newton-cg, bfgs, lbfgs, cg, trust-region, gauss-newton, levenberg-marquardt, got "nope".'],
    ["an empty name in --compare", ["x^2", "--from", "x=1", "--compare", "gd,,bfgs"],
      'nabla: --compare: expected comma-separated method names such as gd,newton,bfgs, got "gd,,bfgs".'],
    ["a variable missing from --from", ["x^2 + y", "--from", "x=1"],
      "nabla: --from: expected a value for every variable (x, y), got none for y. Add y=... to --from"],
    ["a variable --from has but the expression has not", ["x^2", "--from", "x=1,z=2"],
      "nabla: --from: expected only the expression's variables (x), got z as well."],
    ["no --from", ["x^2 + y^2"], "nabla: --from: expected a start point for x, y, got none. Add --from x=0,y=0"],
    ["an unparsable value in --from", ["x^2", "--from", "x=abc"],
      'nabla: --from: expected a number or constant expression for x, got "abc", which uses abc.'],
    ["a --from without name=value", ["x^2", "--from", "1"], 'nabla: --from: expected name=value pairs such as x=1,y=2, got "1".'],
    ["an unparsable --tol", ["x^2", "--from", "x=1", "--tol", "small"], 'nabla: --tol: expected a number, got "small".'],
    ["a fractional --max-iter", ["x^2", "--from", "x=1", "--max-iter", "2.5"], 'nabla: --max-iter: expected a non-negative whole number, got "2.5".'],
    ["a negative --lr", ["x^2", "--from", "x=1", "--method", "gd", "--lr", "-1"],
      "nabla: minimize: expected learningRate to be a positive finite number, got -1."],
    ["an expression without variables", ["2 + 3", "--from", "x=1"], 'nabla: minimize: expected an expression with at least one variable, got "2 + 3".'],
    ["neither an expression nor --module", [],
      'nabla: minimize: expected an expression or --module, got neither. For example: nabla minimize "(1-x)^2 + 100*(y-x^2)^2" --from x=-1.2,y=1'],
    ["--export without --module", ["x^2", "--from", "x=1", "--export", "f"],
      "nabla: --export: expected --module with it, got an expression. --export names the function a module exports"],
    ["least-squares and other methods compared on one expression", ["x^2", "--from", "x=1", "--compare", "bfgs,gauss-newton"],
      'nabla: --compare: expected residuals separated by ";" when comparing gauss-newton with other methods, got one expression. The least-squares methods minimize ½ Σ rᵢ² of the residuals, the others f itself'],
  ];
  test.each(cases)("%s", async (_, args, message) => {
    expect(await nabla("minimize", ...args)).toEqual({ code: 1, out: "", err: message });
  });

  test("--method or --trace with --compare, and an unknown --dtype", async () => {
    const both = await nabla("minimize", "x^2", "--from", "x=1", "--method", "gd", "--compare", "gd,bfgs");
    expect(both.code).toBe(1);
    expect(both.err).toContain("error: option '--method <name>' cannot be used with option '--compare <methods>'");
    const traced = await nabla("minimize", "x^2", "--from", "x=1", "--trace", "--compare", "gd,bfgs");
    expect(traced.err).toContain("error: option '--trace' cannot be used with option '--compare <methods>'");
    const dtype = await nabla("minimize", "x^2", "--from", "x=1", "--dtype", "float16");
    expect(dtype.code).toBe(1);
    expect(dtype.err).toContain("Allowed choices are float64, float32.");
  });

  test("a syntax error in the expression shows where", async () => {
    const { code, err } = await nabla("minimize", "x^2 +", "--from", "x=1");
    expect(code).toBe(1);
    expect(err).toMatch(/^nabla: parse: /);
  });
});

describe("the printed numbers and plot", () => {
  test("formatValue keeps ten significant digits, exponent form when tiny or huge", () => {
    expect(formatValue(0.99999999999)).toBe("1");
    expect(formatValue(1.23456789012)).toBe("1.23456789");
    expect(formatValue(2.5e-9)).toBe("2.5000e-9");
    expect(formatValue(-3e12, 7)).toBe("-3.0000e+12");
    expect(formatValue(Infinity)).toBe("Infinity");
    expect(formatValue(0)).toBe("0");
  });

  const record = (iteration: number, fun: number): IterationRecord => ({ iteration, fun, gradNorm: 1, stepLength: 0 });

  test("the plot falls one row per decade from 1 to 1e-12 and ends at the last iteration", () => {
    const plot = formatPlot([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((k) => record(k, 10 ** -k)));
    const lines = plot.split("\n");
    expect(lines[0]).toBe("log10 f");
    expect(lines[1]).toMatch(/^ {4}0\.0 ┼╮/);
    expect(lines[13]).toMatch(/^ {2}-12\.0 [┤┼] {11}╰/);
    // the axis labels sit under the first and the last point
    expect(lines[14]!.indexOf("0")).toBe(lines[1]!.indexOf("┼"));
    expect(lines[14]!.trimEnd().length - 1).toBe(lines[13]!.indexOf("╰"));
  });

  test("the plot shifts by f_best when f goes negative, and leaves out non-finite values", () => {
    const plot = formatPlot([record(0, 1), record(1, -1), record(2, -2), record(3, NaN)]);
    expect(plot.split("\n")[0]).toBe("log10(f − f_best), f_best = -2");
    expect(plot.split("\n").at(-2)!.trim()).toBe("0 2");
    expect(formatPlot([record(0, NaN)])).toBe("(too few positive finite values of f to plot)");
  });
});
