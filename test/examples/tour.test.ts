import { describe, expect, it } from "vitest";
import { runTour } from "../../examples/tour.js";
import { textbook } from "../../examples/tour/textbook.js";
import { housing } from "../../examples/tour/housing.js";
import { jacobians } from "../../examples/tour/jacobian.js";
import { newton } from "../../examples/tour/newton.js";

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

  it("prints every chapter's heading in a few seconds", () => {
    const lines: string[] = [];
    const start = performance.now();
    runTour((line) => lines.push(line));
    expect(performance.now() - start).toBeLessThan(10_000);
    const headings = lines.filter((line) => /^\d\. /.test(line));
    expect(headings).toHaveLength(4);
    expect(lines.join("\n")).toContain("Tour finished");
  });
});
