import { describe, expect, it } from "vitest";
import { ShapeError, tensor, type Tensor } from "../../src/index.js";
import { minimize, type MinimizeResult } from "../../src/optim/minimize/index.js";
import { HIMMELBLAU, ROSENBROCK_10D, ROSENBROCK_2D, distanceToMinimizer, logisticRegression, standardProblems, type OptimProblem } from "./problems.js";

const METHODS = ["newton", "newton-cg", "trust-region"] as const;

const values = (x: unknown): number[] => Array.from((x as Tensor).data());

/**
 * How close x must come to the minimizer at the default tolerance (‖∇f‖∞ ≤ 1e-5). Powell's singular
 * function has a singular Hessian at its minimizer, where ∇f grows like ‖x − x*‖³, so a gradient
 * of 1e-5 leaves x only within about (1e-5)^(1/3) of it.
 */
const reach = (problem: OptimProblem) => (problem.name === "powell-singular" ? 2e-2 : 1e-3);

describe("second-order methods on the standard problems", () => {
  for (const method of METHODS) {
    for (const problem of standardProblems()) {
      // Newton with the exact Hessian takes full steps into the basin of the 10-D Rosenbrock
      // function's local minimizer near (−1, 1, …, 1) (f ≈ 3.9866), as SciPy's exact-Hessian
      // trust-exact does from the same start; that case has its own test below.
      if (method === "newton" && problem === ROSENBROCK_10D) continue;
      it(`${method} reaches the minimum of ${problem.name}`, () => {
        // newton-cg's default also stops, as SciPy's Newton-CG, once a step's average component is
        // below xtol = 1e-5, which a short step can trigger far from the minimizer (on the 10-D
        // Rosenbrock function at ‖∇f‖∞ ≈ 2e-3); here it runs to the gradient tolerance like the others.
        const result = minimize(problem.objective, tensor(Float64Array.from(problem.x0)), method === "newton-cg" ? { method, xtol: 0 } : { method });
        expect(result.converged, result.message).toBe(true);
        expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(reach(problem));
        expect(result.fun - problem.minimum).toBeLessThan(1e-6 * Math.max(1, Math.abs(problem.minimum)));
        expect(result.fun).toBeGreaterThanOrEqual(problem.minimum - 1e-12 * Math.max(1, Math.abs(problem.minimum)));
        if (method === "newton") expect(result.evaluations.hessian).toBe(result.iterations);
        else {
          expect(result.evaluations.hessian).toBe(0);
          expect(result.evaluations.hvp).toBeGreaterThan(0);
        }
      });
    }
  }

  it("newton on the 10-D Rosenbrock function from the classical start stops at the local minimizer, a true minimum", () => {
    const result = minimize(ROSENBROCK_10D.objective, tensor(Float64Array.from(ROSENBROCK_10D.x0)), { method: "newton" });
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.fun).toBeCloseTo(3.98657911, 6);
    expect(values(result.x)[0]).toBeCloseTo(-0.99326, 4);
    // A minimum, not a saddle: the last iterations took the pure Newton step (H positive definite).
    expect(result.history.at(-1)!.detail!.modified).toBe(0);
  });

  it("newton goes to that local minimizer because the exact Newton steps lead there: the first four need no modification and take α = 1", () => {
    const result = minimize(ROSENBROCK_10D.objective, tensor(Float64Array.from(ROSENBROCK_10D.x0)), { method: "newton", maxIter: 4 });
    expect(result.history.slice(1).every((h) => h.detail!.alpha === 1 && h.detail!.modified === 0)).toBe(true);
    // Already on the local minimizer's side: x₁ < 0 with f below the start's 2057.
    expect(values(result.x)[0]).toBeLessThan(-0.5);
    expect(result.fun).toBeLessThan(10);
  });
});

describe("newton", () => {
  it("converges quadratically near the minimizer", () => {
    const problem = logisticRegression();
    // 1e-10 is above the gradient's rounding floor here (about 3e-12: a mean over 60 samples).
    const result = minimize(problem.objective, tensor(Float64Array.from(problem.x0)), { method: "newton", tol: 1e-10 });
    expect(result.reason).toBe("gradient-tolerance");
    const tail = result.history.map((h) => h.gradNorm).slice(-4);
    // g_{k+1} ≤ C·g_k² on the last steps (C ≈ 25 here), and the ratio g_{k+1}/g_k collapses.
    for (let k = 0; k + 1 < tail.length; k++) expect(tail[k + 1]!).toBeLessThanOrEqual(100 * tail[k]! ** 2);
    const ratios = tail.slice(1).map((g, k) => g / tail[k]!);
    for (let k = 0; k + 1 < ratios.length; k++) expect(ratios[k + 1]!).toBeLessThan(ratios[k]! / 10);
    expect(result.history.slice(-3).every((h) => h.detail!.alpha === 1 && h.detail!.modified === 0)).toBe(true);
  });

  it("descends from a point where the Hessian is negative definite, with the eigenvalues' absolute values", () => {
    // At (0, 0) Himmelblau's Hessian is diag(−42, −26) and ∇f = (−14, −22): the modified step is
    // (14/42, 22/26), which lowers f from 170 at once (α = 1).
    const result = minimize(HIMMELBLAU.objective, tensor([0, 0]), { method: "newton" });
    expect(result.history[1]!.detail).toMatchObject({ modified: 2, alpha: 1 });
    expect(result.history[1]!.stepLength).toBeCloseTo(Math.hypot(14 / 42, 22 / 26), 12);
    const funs = result.history.map((h) => h.fun);
    for (let k = 1; k < funs.length; k++) expect(funs[k]!).toBeLessThan(funs[k - 1]!);
    expect(result.converged).toBe(true);
    expect(distanceToMinimizer(HIMMELBLAU, values(result.x))).toBeLessThan(1e-6);
  });

  it("steps through a point where the Hessian is singular", () => {
    // f = x⁴ + y⁴ at (1, 0): ∇²f = diag(12, 0).
    const result = minimize((x: Tensor) => x.pow(4).sum(), tensor([1, 0]), { method: "newton" });
    expect(result.history[1]!.detail!.modified).toBe(1);
    expect(result.converged).toBe(true);
    expect(Math.abs(values(result.x)[0]!)).toBeLessThan(2e-2);
  });

  it("stops with line-search-failed when the tolerance is below what rounding resolves", () => {
    const result = minimize((x: Tensor) => x.sub(1).pow(4).sum().add(1), tensor([3, -2]), { method: "newton", tol: 0 });
    expect(result.reason).toBe("line-search-failed");
    expect(result.converged).toBe(false);
    expect(values(result.x).every((v) => Math.abs(v - 1) < 1e-4)).toBe(true);
  });

  it("stops with non-finite when f becomes −∞, returning the last finite point", () => {
    // f = log x² from x = 1: ∇f = 2, ∇²f = −2, so the modified step is −1, to log 0 = −∞.
    const result = minimize((x: Tensor) => x.square().log().sum(), tensor([1]), { method: "newton" });
    expect(result.reason).toBe("non-finite");
    expect(values(result.x)).toEqual([1]);
    expect(result.fun).toBe(0);
  });

  it("keeps the structure of a parameter tree", () => {
    const f = (p: { a: Tensor; b: Tensor }) => p.a.sub(tensor([1, 2])).square().sum().add(p.b.sub(3).square().mul(2));
    const result = minimize(f, { a: tensor([0, 0]), b: tensor(0) }, { method: "newton" });
    expect(values(result.x.a)).toEqual([1, 2].map((v) => expect.closeTo(v, 10)));
    expect(values(result.x.b)[0]).toBeCloseTo(3, 10);
    expect(result.iterations).toBe(1);
  });
});

describe("newton-cg and trust-region", () => {
  it("newton-cg stops, as SciPy's Newton-CG, when the step's average component is below xtol", () => {
    const result = minimize(ROSENBROCK_2D.objective, tensor(Float64Array.from(ROSENBROCK_2D.x0)), { method: "newton-cg", tol: 0 });
    expect(result.reason).toBe("step-tolerance");
    // ‖Δx‖₂ ≤ ‖Δx‖₁ ≤ n·xtol with SciPy's default xtol 1e-5.
    expect(result.history.at(-1)!.stepLength).toBeLessThanOrEqual(2e-5);
    expect(distanceToMinimizer(ROSENBROCK_2D, values(result.x))).toBeLessThan(1e-3);
  });

  it("newton-cg takes a descent step where the curvature is negative", () => {
    // f = −x² + x⁴ at x = 0.1: f'' = −2 + 12x² < 0, so CG stops on its first direction.
    const result = minimize((x: Tensor) => x.pow(4).sub(x.square()).sum(), tensor([0.1], { dtype: "float64" }), { method: "newton-cg" });
    expect(result.history[1]!.detail!.negativeCurvature).toBe(1);
    expect(result.converged).toBe(true);
    expect(Math.abs(values(result.x)[0]!)).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it("trust-region grows the radius on good steps and caps it at maxRadius", () => {
    const result = minimize((x: Tensor) => x.exp().sum().neg(), tensor([0]), { method: "trust-region", initialRadius: 0.5, maxRadius: 4, maxIter: 20 });
    const radii = result.history.map((h) => h.detail!.radius!);
    expect(radii[0]).toBe(0.5);
    expect(Math.max(...radii)).toBe(4);
    expect(result.reason).toBe("max-iterations");
  });

  it("trust-region stops with trust-region-collapsed when no representable step decreases f", () => {
    const result = minimize((x: Tensor) => x.sub(1).pow(4).sum().add(1), tensor([3, -2]), { method: "trust-region", tol: 0 });
    expect(result.reason).toBe("trust-region-collapsed");
    expect(result.converged).toBe(false);
    expect(result.history.at(-1)!.detail!.radius).toBeLessThan(1e-13);
    expect(values(result.x).every((v) => Math.abs(v - 1) < 1e-3)).toBe(true);
  });

  it("trust-region stops with non-finite when f overflows, keeping the last finite point", () => {
    const result = minimize((x: Tensor) => x.exp().sum().neg(), tensor([0]), { method: "trust-region" });
    expect(result.reason).toBe("non-finite");
    expect(Number.isFinite(values(result.x)[0]!)).toBe(true);
  });
});

describe("stopping and errors, every second-order method", () => {
  for (const method of METHODS) {
    it(`${method} stops at maxIter`, () => {
      const result = minimize(ROSENBROCK_2D.objective, tensor(Float64Array.from(ROSENBROCK_2D.x0)), { method, maxIter: 3 });
      expect(result.reason).toBe("max-iterations");
      expect(result.iterations).toBe(3);
      expect(result.converged).toBe(false);
      expect(result.history).toHaveLength(4);
    });

    it(`${method} stops with non-finite when f is NaN at x0`, () => {
      const result = minimize((x: Tensor) => x.sqrt().sum(), tensor([-1]), { method });
      expect(result.reason).toBe("non-finite");
      expect(result.iterations).toBe(0);
      expect(values(result.x)).toEqual([-1]);
    });

    it(`${method} stops when the callback asks`, () => {
      const seen: number[] = [];
      const result = minimize(ROSENBROCK_2D.objective, tensor(Float64Array.from(ROSENBROCK_2D.x0)), {
        method,
        callback: (record) => {
          seen.push(record.iteration);
          return record.iteration === 2;
        },
      });
      expect(result.reason).toBe("callback");
      expect(seen).toEqual([0, 1, 2]);
    });

    it(`${method} refuses an f that returns a vector`, () => {
      const f = (x: Tensor) => x.square();
      expect(() => minimize(f, tensor([1, 2]), { method })).toThrow(ShapeError);
      expect(() => minimize(f, tensor([1, 2]), { method })).toThrow(
        "minimize: expected f to return a scalar, got shape [2]. Sum it, or use a least-squares method for a vector of residuals.",
      );
    });

    it(`${method} runs in float32`, () => {
      const result: MinimizeResult<Tensor> = minimize(ROSENBROCK_2D.objective, tensor(Float64Array.from(ROSENBROCK_2D.x0), { dtype: "float32" }), { method, dtype: "float32", tol: 1e-3 });
      expect(result.converged, result.message).toBe(true);
      expect(result.x.dtype).toBe("float32");
      expect(distanceToMinimizer(ROSENBROCK_2D, values(result.x))).toBeLessThan(2e-3);
    });
  }
});

describe("newton with the shifted-Cholesky modification", () => {
  for (const problem of standardProblems()) {
    // From the classical 10-D Rosenbrock start the exact Newton steps lead to the local minimizer
    // whichever modification is used (the first steps need none); see the tests above.
    if (problem === ROSENBROCK_10D) continue;
    it(`reaches the minimum of ${problem.name}`, () => {
      const result = minimize(problem.objective, tensor(Float64Array.from(problem.x0)), { method: "newton", hessianModification: "shifted-cholesky" });
      expect(result.converged, result.message).toBe(true);
      expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(reach(problem));
      expect(result.history.slice(1).every((h) => typeof h.detail!.tau === "number" && h.detail!.tau >= 0)).toBe(true);
    });
  }

  it("shifts a negative definite Hessian until it factors, and still descends", () => {
    // Himmelblau's Hessian at (0, 0) is diag(−42, −26): the shift must exceed 42.
    const result = minimize(HIMMELBLAU.objective, tensor([0, 0], { dtype: "float64" }), { method: "newton", hessianModification: "shifted-cholesky" });
    expect(result.history[1]!.detail!.tau).toBeGreaterThan(42);
    expect(result.history[1]!.fun).toBeLessThan(result.history[0]!.fun);
    expect(result.converged).toBe(true);
  });

  it("takes the pure Newton step (τ = 0) where the Hessian is positive definite", () => {
    const result = minimize((x: Tensor) => x.sub(tensor([1, -2])).square().mul(tensor([1, 10])).sum(), tensor([0, 0], { dtype: "float64" }), { method: "newton", hessianModification: "shifted-cholesky" });
    expect(result.iterations).toBe(1);
    expect(result.history[1]!.detail!.tau).toBe(0);
  });

  it("refuses an unknown modification", () => {
    expect(() => minimize((x: Tensor) => x.square().sum(), tensor([1]), { method: "newton", hessianModification: "lm" as never })).toThrow(
      'minimize: expected hessianModification "eigenvalue" or "shifted-cholesky", got "lm".',
    );
  });
});
