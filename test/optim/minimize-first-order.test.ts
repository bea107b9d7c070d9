import { describe, expect, it } from "vitest";
import { customVjp, tensor, type Tensor } from "../../src/index.js";
import { ValueError } from "../../src/errors.js";
import { minimize, type MethodName, type MinimizeOptions, type MinimizeResult } from "../../src/optim/minimize/index.js";
import { BEALE, BOOTH, distanceToMinimizer, exponentialDecayFit, HIMMELBLAU, logisticRegression, POWELL_SINGULAR, ROSENBROCK_10D, ROSENBROCK_2D, type OptimProblem } from "./problems.js";

const start = (p: OptimProblem, dtype: "float32" | "float64" = "float64") => tensor(Float64Array.from(p.x0), { dtype });
const values = (x: Tensor) => Array.from(x.data());

/**
 * The pairs of first-order driver and problem that are meant to converge within 10⁴ iterations,
 * with a learning rate that suits the problem. Left out by design:
 * - gd on Rosenbrock (2-D and 10-D): the curved valley needs 1.2·10⁴ and 1.7·10⁴ iterations;
 * - gd and momentum on Powell singular: its Hessian is singular at the minimum, so the gradient
 *   vanishes like the cube of the distance and fixed-step or steepest-descent progress stalls
 *   (more than 2·10⁴ iterations); momentum with a larger step diverges on the quartic terms.
 * Adam, whose steps are normalized per coordinate, reaches all eight.
 */
const CASES: readonly [MethodName, OptimProblem, MinimizeOptions][] = [
  ["gd", BEALE, {}],
  ["gd", HIMMELBLAU, {}],
  ["gd", BOOTH, {}],
  ["gd", logisticRegression(), {}],
  ["gd", exponentialDecayFit(), {}],
  ["momentum", ROSENBROCK_2D, { learningRate: 1e-3 }],
  ["momentum", ROSENBROCK_10D, { learningRate: 1e-3 }],
  ["momentum", BEALE, { learningRate: 1e-2 }],
  ["momentum", HIMMELBLAU, { learningRate: 1e-2 }],
  ["momentum", BOOTH, { learningRate: 0.1 }],
  ["momentum", logisticRegression(), { learningRate: 0.1 }],
  ["momentum", exponentialDecayFit(), { learningRate: 1e-2 }],
  ...[ROSENBROCK_2D, ROSENBROCK_10D, BEALE, HIMMELBLAU, BOOTH, POWELL_SINGULAR, logisticRegression(), exponentialDecayFit()].map(
    (p) => ["adam", p, { learningRate: 0.1 }] as [MethodName, OptimProblem, MinimizeOptions],
  ),
];

function expectSolved(problem: OptimProblem, result: MinimizeResult<Tensor>): void {
  expect(result.converged, `${result.method} on ${problem.name}: ${result.message}`).toBe(true);
  expect(result.reason).toBe("gradient-tolerance");
  expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
  expect(result.fun - problem.minimum).toBeLessThan(1e-6 * Math.max(1, Math.abs(problem.minimum)));
  // A gradient of 1e-5 pins x down to about 1e-5 over the smallest curvature; Powell's singular
  // minimum (quartic growth) only to about 1e-2.
  expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(problem.name === "powell-singular" ? 5e-2 : 2e-3);
}

/** f(x) = log x + x²: finite only for x > 0, so a long fixed step from x = 0.1 lands where it is NaN. */
const logBarrier = (x: Tensor) => x.log().add(x.square()).sum();

describe("minimize with first-order drivers", () => {
  for (const [method, problem, options] of CASES) {
    it(`${method} reaches the minimum of ${problem.name}${options.learningRate ? ` with learningRate ${options.learningRate}` : ""}`, () => {
      expectSolved(problem, minimize(problem.objective, start(problem), { method, ...options }));
    });
  }

  for (const method of ["momentum", "adam"] as const) {
    it(`${method} evaluates f and its gradient once per iteration and keeps a consistent history`, () => {
      const result = minimize(BOOTH.objective, start(BOOTH), { method, learningRate: 0.1 });
      expect(result.history.length).toBe(result.iterations + 1);
      expect(result.history.map((r) => r.iteration)).toEqual(result.history.map((_, i) => i));
      expect(result.evaluations).toEqual({ fun: result.iterations + 1, grad: result.iterations + 1, hessian: 0, hvp: 0 });
      expect(result.history[result.history.length - 1]!.fun).toBe(result.fun);
      expect(result.history[0]!.stepLength).toBe(0);
      expect(result.history.slice(1).every((r) => r.stepLength > 0)).toBe(true);
    });

    it(`${method} stops with non-finite and returns the last finite point when a step lands where f is NaN`, () => {
      const result = minimize(logBarrier, tensor([0.1], { dtype: "float64" }), { method, learningRate: 1 });
      expect(result.reason).toBe("non-finite");
      expect(result.converged).toBe(false);
      expect(values(result.x)).toEqual([0.1]);
      expect(Number.isFinite(result.fun)).toBe(true);
      expect(result.history[result.history.length - 1]!.fun).toBeNaN();
      expect(result.message).toBe("Stopped: f or its gradient became NaN or infinite after 1 iterations; x is the last finite point.");
    });

    it(`${method} works in float32 to a float32 tolerance`, () => {
      const result = minimize(BOOTH.objective, start(BOOTH, "float32"), { method, dtype: "float32", learningRate: 0.05, tol: 1e-3 });
      expect(result.converged, result.message).toBe(true);
      expect(result.x.dtype).toBe("float32");
      expect(distanceToMinimizer(BOOTH, values(result.x))).toBeLessThan(1e-3);
    });

    it(`${method} minimizes over a tree of parameters and returns the same structure`, () => {
      const f = (p: { a: Tensor; b: Tensor }) => p.a.sub(tensor([1, 2], { dtype: p.a.dtype })).square().sum().add(p.b.sub(3).square());
      const result = minimize(f, { a: tensor([0, 0], { dtype: "float64" }), b: tensor(0, { dtype: "float64" }) }, { method, learningRate: 0.05 });
      expect(result.converged, result.message).toBe(true);
      expect(result.x.a.shape).toEqual([2]);
      expect(result.x.b.shape).toEqual([]);
      expect(values(result.x.a).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([1, 2]);
      expect(result.x.b.item()).toBeCloseTo(3, 4);
    });

    it(`${method} stops at maxIter, by the callback, and by ftol`, () => {
      const capped = minimize(ROSENBROCK_10D.objective, start(ROSENBROCK_10D), { method, maxIter: 7 });
      expect([capped.reason, capped.iterations, capped.history.length]).toEqual(["max-iterations", 7, 8]);
      const stopped = minimize(BOOTH.objective, start(BOOTH), { method, callback: (r) => r.iteration >= 4 });
      expect([stopped.reason, stopped.iterations]).toEqual(["callback", 4]);
      const ftol = 1e-4;
      const loose = minimize(BOOTH.objective, start(BOOTH), { method, learningRate: 0.01, ftol });
      expect(loose.reason).toBe("function-tolerance");
      const [previous, last] = loose.history.slice(-2).map((r) => r.fun) as [number, number];
      expect(Math.abs(previous - last)).toBeLessThanOrEqual(ftol * Math.max(Math.abs(previous), Math.abs(last), 1));
    });
  }

  it("gd with a fixed step also stops with non-finite on a NaN step", () => {
    const result = minimize(logBarrier, tensor([0.1], { dtype: "float64" }), { method: "gd", lineSearch: "none", learningRate: 1 });
    expect(result.reason).toBe("non-finite");
    expect(values(result.x)).toEqual([0.1]);
  });

  it("momentum takes heavy-ball steps v ← βv − α∇f, x ← x + v", () => {
    // f = x²/2, ∇f = x: from 1 with α = 0.1, β = 0.9: x₁ = 0.9, x₂ = 0.9 + (0.9·(−0.1) − 0.1·0.9) = 0.72.
    const result = minimize((x: Tensor) => x.square().mul(0.5).sum(), tensor([1], { dtype: "float64" }), { method: "momentum", learningRate: 0.1, beta: 0.9, maxIter: 2 });
    expect(values(result.x)[0]).toBeCloseTo(0.72, 14);
  });

  it("adam's bias correction makes its first step α per coordinate whatever the gradient's scale", () => {
    // (ε = 1e-12 so that it does not show next to the small gradient, 2e-6.)
    const f = (x: Tensor) => x.mul(tensor([1e-3, 1e3], { dtype: "float64" })).square().sum();
    const result = minimize(f, tensor([1, 1], { dtype: "float64" }), { method: "adam", learningRate: 0.01, eps: 1e-12, maxIter: 1 });
    const [a, b] = values(result.x) as [number, number];
    expect(1 - a).toBeCloseTo(0.01, 6);
    expect(1 - b).toBeCloseTo(0.01, 10);
  });

  it("a small maxIter on a hard problem returns promptly", () => {
    for (const method of ["gd", "momentum", "adam"] as const) {
      const result = minimize(POWELL_SINGULAR.objective, start(POWELL_SINGULAR), { method, maxIter: 3, learningRate: 1e-4 });
      expect(result.reason).toBe("max-iterations");
      expect(result.iterations).toBe(3);
    }
  });

  it("rejects invalid first-order options with the exact messages", () => {
    const run = (options: MinimizeOptions) => () => minimize(BOOTH.objective, start(BOOTH), options);
    expect(run({ method: "momentum", learningRate: -1 })).toThrow(new ValueError("minimize", "expected learningRate to be a positive finite number, got -1."));
    expect(run({ method: "adam", learningRate: 0 })).toThrow(new ValueError("minimize", "expected learningRate to be a positive finite number, got 0."));
    expect(run({ method: "adam", learningRate: NaN })).toThrow("minimize: expected learningRate to be a positive finite number, got NaN.");
    expect(run({ method: "momentum", beta: 1 })).toThrow("minimize: expected beta in [0, 1), got 1.");
    expect(run({ method: "adam", beta1: -0.1 })).toThrow("minimize: expected beta1 in [0, 1), got -0.1.");
    expect(run({ method: "adam", beta2: 1 })).toThrow("minimize: expected beta2 in [0, 1), got 1.");
    expect(run({ method: "adam", eps: 0 })).toThrow("minimize: expected eps to be a positive finite number, got 0.");
  });
});

describe("gd's Armijo line search", () => {
  it("stops with line-search-failed at once when the gradient is wrong (not a descent direction)", () => {
    // f = Σx² whose reverse rule claims ∇f = −2x: every step along "−∇f" increases f.
    const wrong = customVjp(
      (x: Tensor) => x.square().sum(),
      (x: Tensor) => [x.square().sum(), [x]],
      (residuals: Tensor[], ct: Tensor) => [residuals[0]!.mul(-2).mul(ct)],
    );
    const result = minimize(wrong, tensor([1, 2], { dtype: "float64" }), { method: "gd" });
    expect(result.reason).toBe("line-search-failed");
    expect(result.iterations).toBe(0);
    expect(values(result.x)).toEqual([1, 2]);
    expect(result.evaluations.fun).toBeLessThan(100);
  });

  it("never accepts a step that leaves f unchanged: an unattainable tol ends in line-search-failed, not maxIter", () => {
    const result = minimize((x: Tensor) => x.sub(0.3).cosh().sum(), tensor([3, -2], { dtype: "float64" }), { method: "gd", tol: 0 });
    expect(result.reason).toBe("line-search-failed");
    expect(result.iterations).toBeLessThan(200);
    expect(values(result.x).map((v) => Math.abs(v - 0.3) < 1e-7)).toEqual([true, true]);
  });
});
