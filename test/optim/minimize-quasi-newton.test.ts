import { describe, expect, it } from "vitest";
import { concatenate, customVjp, grad, tensor, type Tensor } from "../../src/index.js";
import { ValueError } from "../../src/errors.js";
import { minimize, type MinimizeResult } from "../../src/optim/minimize/index.js";
import { strongWolfe } from "../../src/optim/minimize/line-search/wolfe.js";
import { Problem } from "../../src/optim/minimize/problem.js";
import { distanceToMinimizer, logisticRegression, ROSENBROCK_10D, ROSENBROCK_2D, standardProblems, type OptimProblem } from "./problems.js";

const METHODS = ["bfgs", "lbfgs", "cg"] as const;

const start = (p: OptimProblem, dtype: "float32" | "float64" = "float64") => tensor(Float64Array.from(p.x0), { dtype });
const values = (x: Tensor) => Array.from(x.data());

/** The checks every converged run on a standard problem must pass. */
function expectSolved(problem: OptimProblem, result: MinimizeResult<Tensor>, tol: number): void {
  expect(result.converged, `${result.method} on ${problem.name}: ${result.message}`).toBe(true);
  expect(result.fun - problem.minimum).toBeLessThan(1e-6 * Math.max(1, Math.abs(problem.minimum)));
  // Powell's minimizer is singular (f grows like the fourth power of the distance), so a small
  // gradient pins x down only to about 1e-2; elsewhere the minimizer is well conditioned.
  expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(problem.name === "powell-singular" ? 5e-2 : 1e-3);
  if (problem.minimizerSource === "computed") {
    // The reference minimizer was computed, so also check that the gradient vanishes there.
    const g = grad(problem.objective)(tensor(Float64Array.from(problem.minimizers[0]!), { dtype: "float64" })) as Tensor;
    expect(Math.max(...values(g).map(Math.abs))).toBeLessThan(1e-10);
  }
  expect(result.gradNorm).toBeLessThanOrEqual(result.reason === "gradient-tolerance" ? tol : Infinity);
}

describe("minimize with quasi-Newton and nonlinear CG methods", () => {
  for (const method of METHODS) {
    for (const problem of standardProblems()) {
      // From the standard start, BFGS (nabla's and SciPy's alike: H₀ = I, the same line search)
      // is drawn to extended Rosenbrock's local minimizer near (−1, 1, …, 1); tested below.
      if (method === "bfgs" && problem.name === ROSENBROCK_10D.name) continue;
      it(`${method} reaches the minimum of ${problem.name}`, () => {
        const result = minimize(problem.objective, start(problem), { method });
        expectSolved(problem, result, 1e-5);
      });
    }
  }

  it("bfgs converges on rosenbrock-10d to the local minimizer near (−1, 1, …, 1), as SciPy's BFGS does from the same start", () => {
    const result = minimize(ROSENBROCK_10D.objective, start(ROSENBROCK_10D), { method: "bfgs" });
    expect(result.reason).toBe("gradient-tolerance");
    // The local minimum of extended Rosenbrock for n = 10 (SciPy 1.17's BFGS ends at the same f).
    expect(result.fun).toBeCloseTo(3.98658, 5);
    const x = values(result.x);
    expect(x[0]).toBeCloseTo(-0.9933, 3);
    for (const v of x.slice(1)) expect(v).toBeGreaterThan(0.98);
  });

  for (const method of METHODS) {
    it(`${method} keeps history and evaluation counts consistent`, () => {
      const result = minimize(ROSENBROCK_2D.objective, start(ROSENBROCK_2D), { method });
      expect(result.history.length).toBe(result.iterations + 1);
      expect(result.history[0]).toMatchObject({ iteration: 0, stepLength: 0 });
      expect(result.history.map((r) => r.iteration)).toEqual(result.history.map((_, i) => i));
      const last = result.history[result.history.length - 1]!;
      expect(last.fun).toBe(result.fun);
      expect(last.gradNorm).toBe(result.gradNorm);
      // Each iteration evaluates f and ∇f together at least once; the line searches add more.
      expect(result.evaluations.fun).toBeGreaterThanOrEqual(result.iterations + 1);
      expect(result.evaluations.grad).toBe(result.evaluations.fun);
      expect(result.evaluations).toMatchObject({ hessian: 0, hvp: 0 });
      // Line-search methods never increase f.
      for (let i = 1; i < result.history.length; i++) expect(result.history[i]!.fun).toBeLessThanOrEqual(result.history[i - 1]!.fun);
      expect(result.method).toBe(method);
    });

    it(`${method} minimizes over a tree of parameters and returns the same structure`, () => {
      const problem = logisticRegression();
      // The four logistic weights split into an object: three feature weights and a scalar bias.
      const objective = (p: { weights: Tensor; bias: Tensor }) => problem.objective(concatenate([p.weights, p.bias.reshape([1])]));
      const result = minimize(objective, { weights: tensor([0, 0, 0], { dtype: "float64" }), bias: tensor(0, { dtype: "float64" }) }, { method });
      expect(result.converged).toBe(true);
      expect(result.x.weights.shape).toEqual([3]);
      expect(result.x.bias.shape).toEqual([]);
      expect(result.grad.weights.shape).toEqual([3]);
      const x = [...values(result.x.weights), result.x.bias.item()];
      expect(distanceToMinimizer(problem, x)).toBeLessThan(1e-3);
    });

    it(`${method} works in float32 to a float32 tolerance`, () => {
      for (const problem of [ROSENBROCK_2D, logisticRegression()]) {
        const result = minimize(problem.objective, start(problem, "float32"), { method, dtype: "float32", tol: 3e-4 });
        expect(result.converged, result.message).toBe(true);
        expect(result.x.dtype).toBe("float32");
        // float32 resolves f to about 1e-7 relative, so x is pinned down to about its square root,
        // and a line search cannot see decreases much below that: tol 3e-4 is attainable, 1e-5 not.
        // A gradient within tol bounds the distance by ‖∇f‖₂/λ_min ≤ 2·3e-4/λ_min: about 1e-3 for
        // Rosenbrock 2-D, 0.031 for the logistic regression, whose smallest curvature is λ_min ≈ 0.019.
        expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(problem.name === ROSENBROCK_2D.name ? 1e-2 : 4e-2);
      }
    });

    it(`${method} stops with line-search-failed when tol is below what float32 resolves`, () => {
      const problem = logisticRegression();
      const result = minimize(problem.objective, start(problem, "float32"), { method, dtype: "float32", tol: 1e-12 });
      expect(result.reason).toBe("line-search-failed");
      expect(result.converged).toBe(false);
      expect(result.message).toMatch(/^Stopped: the line search found no step/);
      // It stopped near the minimum, not somewhere arbitrary.
      expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(1e-2);
    });

    it(`${method} stops with line-search-failed when the gradient is wrong (not a descent direction)`, () => {
      // f = Σx² whose reverse rule claims ∇f = −2x: every step along "−∇f" increases f.
      const wrong = customVjp(
        (x: Tensor) => x.square().sum(),
        (x: Tensor) => [x.square().sum(), [x]],
        (residuals: Tensor[], ct: Tensor) => [residuals[0]!.mul(-2).mul(ct)],
      );
      const result = minimize(wrong, tensor([1, 2], { dtype: "float64" }), { method });
      expect(result.reason).toBe("line-search-failed");
      expect(result.iterations).toBe(0);
      expect(values(result.x)).toEqual([1, 2]);
      expect(result.evaluations.fun).toBeLessThan(50);
    });

    it(`${method} stops at maxIter on a hard problem`, () => {
      const result = minimize(ROSENBROCK_10D.objective, start(ROSENBROCK_10D), { method, maxIter: 5 });
      expect(result.reason).toBe("max-iterations");
      expect(result.iterations).toBe(5);
      expect(result.converged).toBe(false);
      expect(result.fun).toBeLessThan(ROSENBROCK_10D.objective(start(ROSENBROCK_10D)).item());
    });

    it(`${method} stops when the callback returns true`, () => {
      const seen: number[] = [];
      const result = minimize(ROSENBROCK_2D.objective, start(ROSENBROCK_2D), {
        method,
        callback: (record) => {
          seen.push(record.iteration);
          return record.iteration === 3;
        },
      });
      expect(result.reason).toBe("callback");
      expect(result.iterations).toBe(3);
      expect(seen).toEqual([0, 1, 2, 3]);
    });

    it(`${method} stops with function-tolerance when ftol is met first`, () => {
      const ftol = 1e-3;
      const result = minimize(ROSENBROCK_10D.objective, start(ROSENBROCK_10D), { method, ftol });
      expect(result.reason).toBe("function-tolerance");
      expect(result.converged).toBe(true);
      const [previous, last] = result.history.slice(-2).map((r) => r.fun) as [number, number];
      expect(Math.abs(previous - last)).toBeLessThanOrEqual(ftol * Math.max(Math.abs(previous), Math.abs(last), 1));
    });

    it(`${method} stops at once with non-finite when f is NaN at the start`, () => {
      const result = minimize((x: Tensor) => x.log().sum(), tensor([-1], { dtype: "float64" }), { method });
      expect(result.reason).toBe("non-finite");
      expect(result.iterations).toBe(0);
    });

    it(`${method} stops at maxEvaluations`, () => {
      const result = minimize(ROSENBROCK_10D.objective, start(ROSENBROCK_10D), { method, maxEvaluations: 20 });
      expect(result.reason).toBe("max-evaluations");
      // Checked once per iteration, so one line search may overrun the limit, but only by its own budget.
      expect(result.evaluations.fun).toBeLessThan(20 + 41);
    });
  }

  it("lbfgs uses its memory option: m = 1 takes more iterations than m = 10 on 10-D Rosenbrock", () => {
    const short = minimize(ROSENBROCK_10D.objective, start(ROSENBROCK_10D), { method: "lbfgs", memory: 1 });
    const long = minimize(ROSENBROCK_10D.objective, start(ROSENBROCK_10D), { method: "lbfgs", memory: 10 });
    expect(short.converged && long.converged).toBe(true);
    expect(short.iterations).toBeGreaterThan(long.iterations);
  });

  it("rejects an invalid memory with the exact message", () => {
    expect(() => minimize(ROSENBROCK_2D.objective, start(ROSENBROCK_2D), { method: "lbfgs", memory: 0 })).toThrow(
      new ValueError("minimize", "expected memory to be a positive integer, got 0."),
    );
    expect(() => minimize(ROSENBROCK_2D.objective, start(ROSENBROCK_2D), { method: "lbfgs", memory: 2.5 })).toThrow(
      new ValueError("minimize", "expected memory to be a positive integer, got 2.5."),
    );
  });

  it("rejects an invalid tol or maxIter with the exact message", () => {
    expect(() => minimize(ROSENBROCK_2D.objective, start(ROSENBROCK_2D), { method: "bfgs", tol: -1 })).toThrow(
      "minimize: expected tol to be a non-negative finite number, got -1.",
    );
    expect(() => minimize(ROSENBROCK_2D.objective, start(ROSENBROCK_2D), { method: "cg", maxIter: 1.5 })).toThrow(
      "minimize: expected maxIter to be a non-negative integer, got 1.5.",
    );
  });
});

describe("the strong Wolfe line search", () => {
  const problemOf = (f: (x: Tensor) => Tensor, x0: number[]) => new Problem("minimize", f as (x: unknown) => unknown, tensor(x0, { dtype: "float64" }), "float64", false);
  const F = (v: number[]) => Float64Array.from(v);

  it("returns a step satisfying both strong Wolfe conditions", () => {
    // f(x) = x⁴ − x from 0 along +1, trying a step far too long first.
    const f = (x: Tensor) => x.pow(4).sub(x).sum();
    const problem = problemOf(f, [0]);
    const { fun, grad } = problem.valueAndGrad(F([0]));
    const direction = F([1]);
    for (const c2 of [0.9, 0.1]) {
      const search = strongWolfe(problem, F([0]), fun, grad, direction, { alpha0: 10, c2 });
      expect(search.status).toBe("wolfe");
      const slope0 = grad[0]!;
      expect(search.fun).toBeLessThanOrEqual(fun + 1e-4 * search.alpha * slope0);
      expect(Math.abs(search.grad[0]!)).toBeLessThanOrEqual(c2 * Math.abs(slope0));
      expect(search.evaluations).toBeLessThan(15);
    }
  });

  it("passes over a Wolfe step that fails the extra acceptance condition and keeps searching", () => {
    // f = (x − 100)²: from 0 with α₀ = 50 the first trial meets both Wolfe conditions (slope 0 at
    // x = 100 is reached later); requiring x ≥ 90 forces the search on past the first Wolfe step.
    const problem = problemOf((x: Tensor) => x.sub(100).square().sum(), [0]);
    const { fun, grad } = problem.valueAndGrad(F([0]));
    const plain = strongWolfe(problem, F([0]), fun, grad, F([1]), { alpha0: 50 });
    expect(plain.status).toBe("wolfe");
    expect(plain.x[0]).toBe(50);
    const picky = strongWolfe(problem, F([0]), fun, grad, F([1]), { alpha0: 50, accept: (x) => x[0]! >= 90 });
    expect(picky.status).toBe("wolfe");
    expect(picky.x[0]).toBeGreaterThanOrEqual(90);
  });

  it("reuses a known evaluation at the first trial instead of evaluating it again", () => {
    const problem = problemOf((x: Tensor) => x.sub(100).square().sum(), [0]);
    const { fun, grad } = problem.valueAndGrad(F([0]));
    const at50 = problem.valueAndGrad(F([50]));
    const before = problem.counts.fun;
    const search = strongWolfe(problem, F([0]), fun, grad, F([1]), { alpha0: 50, known: { alpha: 50, x: F([50]), ...at50 } });
    expect(search.status).toBe("wolfe");
    expect(search.evaluations).toBe(0);
    expect(problem.counts.fun).toBe(before);
  });

  it("extrapolates when the first trial is too short", () => {
    const problem = problemOf((x: Tensor) => x.sub(100).square().sum(), [0]);
    const { fun, grad } = problem.valueAndGrad(F([0]));
    const search = strongWolfe(problem, F([0]), fun, grad, F([1]), { alpha0: 1e-3 });
    expect(search.status).toBe("wolfe");
    expect(search.alpha).toBeGreaterThan(10);
  });

  it("shortens the step where f is NaN instead of stepping there", () => {
    // f(x) = −log(2 − x) − 3x is NaN beyond x = 2 and least at x = 5/3; the first trial, x = 5, is NaN.
    const f = (x: Tensor) => x.neg().add(2).log().neg().sub(x.mul(3)).sum();
    const problem = problemOf(f, [0]);
    const { fun, grad } = problem.valueAndGrad(F([0]));
    const search = strongWolfe(problem, F([0]), fun, grad, F([1]), { alpha0: 5 });
    expect(search.status).toBe("wolfe");
    expect(search.alpha).toBeLessThan(2);
    expect(Number.isFinite(search.fun)).toBe(true);
  });

  it("fails without evaluating anything along an ascent direction", () => {
    const problem = problemOf((x: Tensor) => x.square().sum(), [1]);
    const { fun, grad } = problem.valueAndGrad(F([1]));
    const search = strongWolfe(problem, F([1]), fun, grad, F([1]), { alpha0: 1 });
    expect([search.status, search.evaluations, search.alpha]).toEqual(["failed", 0, 0]);
  });

  it("fails within its evaluation budget when no step decreases f", () => {
    // A constant f with a gradient that claims descent: nothing can satisfy sufficient decrease.
    const flat = customVjp(
      (x: Tensor) => x.mul(0).sum(),
      (x: Tensor) => [x.mul(0).sum(), []],
      (_residuals: Tensor[], ct: Tensor) => [ct.reshape([1]).mul(1)],
    );
    const problem = problemOf(flat, [0]);
    const { fun, grad } = problem.valueAndGrad(F([0]));
    const search = strongWolfe(problem, F([0]), fun, grad, F([-1]), { alpha0: 1, maxEvaluations: 25 });
    expect(search.status).toBe("failed");
    expect(search.evaluations).toBeLessThanOrEqual(25);
  });
});
