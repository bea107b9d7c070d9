import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as nabla from "../../src/index.js";
import { runTour } from "../../examples/tour.js";
import { textbook } from "../../examples/tour/textbook.js";
import { housing } from "../../examples/tour/housing.js";
import { jacobians } from "../../examples/tour/jacobian.js";
import { newton } from "../../examples/tour/newton.js";
import { optim } from "../../examples/tour/optim.js";

const quiet = (): void => {};

describe("the tour", () => {
  it("gives the textbook partial derivatives of x²y + z exactly, and finite differences close to them", () => {
    const result = textbook(quiet, [1.5, -2, 0.5]);
    expect(result.value).toBe(-4);
    expect(result.automatic).toEqual([-6, 2.25, 1]);
    expect(result.automatic).toEqual(result.formula);
    result.finiteDifference.forEach((d, i) => expect(Math.abs(d - result.formula[i]!)).toBeLessThan(1e-8));
  });

  it("gives 2xy, x² and 1 exactly at other points too", () => {
    const result = textbook(quiet, [3, 2, 1]);
    expect(result.automatic).toEqual([12, 9, 1]);
  });

  it("lowers the house-price cost at every gradient-descent step, towards the exact minimum", () => {
    const result = housing(quiet);
    expect(result.rows).toBe(20640);
    expect(result.costs).toHaveLength(401);
    result.costs.slice(1).forEach((cost, i) => expect(cost).toBeLessThan(result.costs[i]!));
    expect(result.costs[0]).toBeCloseTo(2.805242, 5);
    const final = result.costs[result.costs.length - 1]!;
    expect(final).toBeGreaterThanOrEqual(result.bestCost);
    expect((final - result.bestCost) / result.bestCost).toBeLessThan(0.01);
    // The intercept of a model on standardized features is the mean price, $206,856 in this data.
    expect(result.theta[0]).toBeCloseTo(2.06856, 4);
    expect(result.best[0]).toBeCloseTo(2.06856, 4);
    expect(result.rSquared).toBeGreaterThan(0.55);
  });

  it("finds the same Jacobian of polar to Cartesian by forward and reverse mode, equal to the formula", () => {
    const result = jacobians(quiet, 2, Math.PI / 6);
    expect(result.forward).toEqual(result.reverse);
    result.forward.flat().forEach((v, k) => expect(v).toBeCloseTo(result.formula.flat()[k]!, 14));
    expect(result.determinant).toBeCloseTo(2, 14);
  });

  it("lands the Newton step closer to Rosenbrock's minimum than the gradient step", () => {
    const result = newton(quiet);
    expect(result.hessian).toEqual([[677, -300], [-300, 200]]);
    expect(result.distances.newton).toBeLessThan(result.distances.gradient);
    expect(result.distances.gradient).toBeLessThan(result.distances.start);
    expect(result.newtonPath[result.newtonPath.length - 1]).toBeLessThan(1e-12);
  });

  it("sets gradient descent's learning rate by the curvature, and shows Newton's method converging in one step and then quadratically", () => {
    const lines: string[] = [];
    const result = optim((line) => lines.push(line));
    const printed = lines.join("\n");
    expect(result.lambdaMin).toBeCloseTo(1, 10);
    expect(result.lambdaMax).toBeCloseTo(50, 10);
    expect(result.conditionNumber).toBeCloseTo(50, 8);
    expect(result.predictedRate).toBeCloseTo(49 / 51, 10);
    expect(printed).toContain("condition number κ = λmax/λmin = 50.00");
    expect(printed).toContain("predicted rate (κ − 1)/(κ + 1) = 0.9608");

    const [small, best, large] = result.runs;
    // On the quadratic the observed rate is the predicted max |1 − αλ|, to the digits printed.
    for (const run of result.runs) expect(run.observedRate).toBeCloseTo(run.predictedRate, 6);
    expect(best!.learningRate).toBeCloseTo(2 / 51, 12);
    expect(best!.predictedRate).toBeCloseTo(49 / 51, 12);
    expect(small!.result.reason).toBe("gradient-tolerance");
    expect(best!.result.reason).toBe("gradient-tolerance");
    expect(best!.result.iterations).toBeLessThan(small!.result.iterations / 5);
    expect(large!.learningRate).toBeGreaterThan(2 / 50);
    expect(large!.result.reason).toBe("non-finite");
    expect(large!.observedRate).toBeGreaterThan(1);
    expect(printed).toMatch(/too large: 1\.25·\(2\/λmax\)\s+0\.05000\s+\d+\s+1\.5000\s+1\.5000\s+non-finite/);
    expect(printed).toContain("The large step: Stopped: f or its gradient became NaN or infinite after");

    expect(result.newtonQuadratic.iterations).toBe(1);
    expect(result.newtonQuadratic.fun).toBeLessThan(1e-25);
    expect(result.newtonRosenbrock.converged).toBe(true);
    expect(result.newtonRosenbrock.fun).toBeLessThan(1e-20);
    expect(result.newtonKind).toBe("quadratic");
    expect(result.newtonOrder).toBeGreaterThan(1.8);
  });

  it("prints every chapter's heading", () => {
    const lines: string[] = [];
    runTour((line) => lines.push(line));
    const headings = lines.filter((line) => /^\d\. /.test(line));
    expect(headings).toHaveLength(5);
    expect(lines.join("\n")).toContain("Tour finished");
  });
});

/**
 * Runs the first TypeScript block of a README section as written, with "nabla" bound to `api` and
 * console.log captured, and checks each `console.log(...); // value` line printed that value.
 */
function checkReadmeBlock(section: string, api: Record<string, unknown>): void {
  const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
  const block = new RegExp(`## ${section}\\n[\\s\\S]*?\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme);
  expect(block).not.toBeNull();
  const source = block![1]!;
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const body = js.replace(/^import \{([^}]*)\} from "nabla";$/m, (_, names: string) => `const {${names}} = nabla;`);
  expect(body).not.toMatch(/^import /m);
  const printed: string[] = [];
  const fakeConsole = { log: (...values: unknown[]) => printed.push(values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(" ")) };
  new Function("nabla", "console", body)(api, fakeConsole);
  const expected = [...source.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1]!.split("   (")[0]!.replace(/, /g, ",").trim());
  expect(expected.length).toBeGreaterThan(0);
  expect(printed.map((line) => line.replace(/, /g, ","))).toEqual(expected);
}

describe("the README examples", () => {
  it("runs the Example section and prints what its comments say", () => {
    checkReadmeBlock("Example", nabla);
  });

  it("runs the Optimization section and prints what its comments say", () => {
    checkReadmeBlock("Optimization", nabla);
  });

  it("runs the Gradient transformations section and prints what its comments say", () => {
    checkReadmeBlock("Gradient transformations", nabla);
  });
});
