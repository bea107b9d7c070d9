import { describe, expect, it } from "vitest";
import { concatenate, tensor, type Tensor } from "../../src/index.js";
import { minimize, type MinimizeResult } from "../../src/optim/minimize/index.js";
import { backtrackOnResiduals } from "../../src/optim/minimize/line-search/backtracking-on-residuals.js";
import { lambdaForRadius } from "../../src/optim/minimize/methods/levenberg-marquardt-parameter.js";
import { BOOTH, ROSENBROCK_2D, distanceToMinimizer, exponentialDecayFit, standardProblems, type OptimProblem } from "./problems.js";

const METHODS = ["gauss-newton", "levenberg-marquardt"] as const;

const values = (x: unknown): number[] => Array.from((x as Tensor).data());

/** Powell's singular function has a singular Jacobian at its minimizer, so x is found only to about tol^(1/3). */
const reach = (problem: OptimProblem) => (problem.name === "powell-singular" ? 1e-2 : 1e-6);

/** Rosenbrock as the residuals (10(y − x²), 1 − x): ½‖r‖² is half the usual function, minimum at (1, 1). */
const rosenbrockResiduals = (p: Tensor) => {
  const [x, y] = [p.slice(0), p.slice(1)];
  return concatenate([y.sub(x.square()).mul(10).reshape([1]), x.neg().add(1).reshape([1])]);
};

describe("least-squares methods on the standard problems", () => {
  for (const method of METHODS) {
    for (const problem of standardProblems().filter((p) => p.residuals !== undefined)) {
      it(`${method} reaches the minimum of ${problem.name}`, () => {
        const result = minimize(problem.residuals!, tensor(Float64Array.from(problem.x0)), { method });
        expect(result.converged, result.message).toBe(true);
        expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(reach(problem));
        // f is ½‖r‖², the problems' objective.
        expect(result.fun).toBeCloseTo((problem.objective(result.x as Tensor) as Tensor).item(), 14);
        expect(result.fun - problem.minimum).toBeLessThan(1e-9 * Math.max(1, problem.minimum));
        // Jacobians count as gradient evaluations; no Hessian is involved.
        expect(result.evaluations.grad).toBeGreaterThan(0);
        expect(result.evaluations.hessian).toBe(0);
        expect(result.evaluations.hvp).toBe(0);
      });
    }

    it(`${method} fits Rosenbrock written as residuals (10(y − x²), 1 − x)`, () => {
      const result = minimize(rosenbrockResiduals, tensor([-1.2, 1], { dtype: "float64" }), { method });
      expect(result.converged, result.message).toBe(true);
      expect(values(result.x).map((v) => Math.abs(v - 1)).every((d) => d < 1e-6)).toBe(true);
      expect(result.fun).toBeLessThan(1e-15);
    });

    it(`${method} fits the exponential decay to its computed minimizer, stopping by ftol on the non-zero residual`, () => {
      const problem = exponentialDecayFit();
      const result = minimize(problem.residuals!, tensor(Float64Array.from(problem.x0)), { method });
      expect(result.reason).toBe("function-tolerance");
      values(result.x).forEach((v, i) => expect(v).toBeCloseTo(problem.minimizers[0]![i]!, 6));
      expect(result.fun).toBeCloseTo(problem.minimum, 12);
    });

    it(`${method} accepts a single residual (m = 1)`, () => {
      // r(x) = x² − 4 as a 0-d tensor, from x = 1: the root x = 2.
      const result = minimize((x: Tensor) => x.square().sub(4), tensor(1), { method });
      expect(result.converged, result.message).toBe(true);
      expect(values(result.x)[0]).toBeCloseTo(2, 8);
    });

    it(`${method} stops at maxIter`, () => {
      const result = minimize(rosenbrockResiduals, tensor([-1.2, 1], { dtype: "float64" }), { method, maxIter: 2 });
      expect(result.reason).toBe("max-iterations");
      expect(result.iterations).toBe(2);
      expect(result.converged).toBe(false);
    });

    it(`${method} stops with non-finite when the residuals are NaN at x0`, () => {
      const result = minimize((x: Tensor) => x.sqrt(), tensor([-1]), { method });
      expect(result.reason).toBe("non-finite");
      expect(result.iterations).toBe(0);
      expect(values(result.x)).toEqual([-1]);
    });

    it(`${method} runs in float32`, () => {
      const problem = exponentialDecayFit();
      const result: MinimizeResult<Tensor> = minimize(problem.residuals!, tensor(Float64Array.from(problem.x0), { dtype: "float32" }), { method, dtype: "float32", tol: 1e-4 });
      expect(result.converged, result.message).toBe(true);
      expect(result.x.dtype).toBe("float32");
      expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(1e-4);
    });
  }

  it("gauss-newton takes the full step on a linear least-squares problem and is done in one iteration", () => {
    const result = minimize(BOOTH.residuals!, tensor(Float64Array.from(BOOTH.x0)), { method: "gauss-newton" });
    expect(result.iterations).toBe(1);
    expect(result.history[1]!.detail).toEqual({ alpha: 1, rank: 2 });
    expect(distanceToMinimizer(BOOTH, values(result.x))).toBeLessThan(1e-12);
  });

  it("gauss-newton stops with line-search-failed when every tolerance is zero", () => {
    const problem = exponentialDecayFit();
    const result = minimize(problem.residuals!, tensor(Float64Array.from(problem.x0)), { method: "gauss-newton", tol: 0, ftol: 0, xtol: 0 });
    expect(result.reason).toBe("line-search-failed");
    expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(1e-8);
  });

  it("gauss-newton handles a rank-deficient Jacobian with the minimum-norm step", () => {
    // r = (x + y − 3, 2x + 2y − 6): J has rank 1 everywhere; from (0, 0) the minimum-norm step lands on (1.5, 1.5).
    const result = minimize((p: Tensor) => concatenate([p.sum().sub(3).reshape([1]), p.sum().mul(2).sub(6).reshape([1])]), tensor([0, 0]), { method: "gauss-newton" });
    expect(result.history[1]!.detail!.rank).toBe(1);
    values(result.x).forEach((v) => expect(v).toBeCloseTo(1.5, 12));
  });
});

describe("gauss-newton's line search on residuals", () => {
  it("evaluates the Jacobian once per iteration, at the accepted point, and only residuals at the trials", () => {
    const result = minimize(ROSENBROCK_2D.residuals!, tensor(Float64Array.from(ROSENBROCK_2D.x0)), { method: "gauss-newton" });
    expect(result.converged, result.message).toBe(true);
    expect(result.evaluations.grad).toBe(result.iterations + 1);
    // Rosenbrock's full Gauss–Newton step overshoots the valley at first, so some trials are rejected.
    expect(result.evaluations.fun).toBeGreaterThan(result.evaluations.grad);
  });

  it("lands on the line minimizer after one rejected trial when r is quadratic along the line", () => {
    // r(x) = x² − 4 from x = 3 along p = −6: the trial α = 1 reaches x = −3, where ½r² is as high as
    // at the start; r along the line is exactly quadratic, so the model's minimizer α = 1/6 (x = 2) is the next trial.
    const trials: number[] = [];
    const residuals = (x: Float64Array) => {
      trials.push(x[0]!);
      return Float64Array.of(x[0]! ** 2 - 4);
    };
    const r = Float64Array.of(5);
    const jp = Float64Array.of(6 * -6);
    const step = backtrackOnResiduals(residuals, Float64Array.of(3), r, jp, 5 * 6 * -6, Float64Array.of(-6), 1, Number.EPSILON);
    expect(trials.length).toBe(2);
    expect(step!.alpha).toBeCloseTo(1 / 6, 12);
    expect(step!.x[0]).toBeCloseTo(2, 12);
  });

  it("fails without evaluating anything along an ascent direction", () => {
    let evaluations = 0;
    const residuals = (x: Float64Array) => (evaluations++, x);
    expect(backtrackOnResiduals(residuals, Float64Array.of(1), Float64Array.of(1), Float64Array.of(1), 1, Float64Array.of(1), 1, Number.EPSILON)).toBeNull();
    expect(evaluations).toBe(0);
  });
});

describe("levenberg-marquardt", () => {
  it("takes the Gauss–Newton step (λ = 0) inside the trust region, so a linear problem takes one step", () => {
    const result = minimize(BOOTH.residuals!, tensor(Float64Array.from(BOOTH.x0)), { method: "levenberg-marquardt" });
    expect(result.iterations).toBe(1);
    expect(result.history[1]!.detail).toMatchObject({ lambda: 0, rejected: 0 });
    expect(result.evaluations).toEqual({ fun: 2, grad: 2, hessian: 0, hvp: 0 });
    expect(distanceToMinimizer(BOOTH, values(result.x))).toBeLessThan(1e-12);
  });

  it("evaluates only residuals at trial points and the Jacobian only where a trial is accepted", () => {
    const result = minimize(ROSENBROCK_2D.residuals!, tensor(Float64Array.from(ROSENBROCK_2D.x0)), { method: "levenberg-marquardt" });
    const rejected = result.history.slice(1).reduce((s, h) => s + h.detail!.rejected!, 0);
    expect(rejected).toBeGreaterThan(0);
    expect(result.evaluations.fun).toBe(1 + result.iterations + rejected);
    expect(result.evaluations.grad).toBe(1 + result.iterations);
    expect(result.converged, result.message).toBe(true);
    expect(distanceToMinimizer(ROSENBROCK_2D, values(result.x))).toBeLessThan(1e-6);
  });

  it("converges from a tiny or a huge first trust radius", () => {
    for (const initialRadius of [1e-8, 1e8]) {
      const result = minimize(ROSENBROCK_2D.residuals!, tensor(Float64Array.from(ROSENBROCK_2D.x0)), { method: "levenberg-marquardt", initialRadius });
      expect(result.converged, result.message).toBe(true);
      expect(distanceToMinimizer(ROSENBROCK_2D, values(result.x))).toBeLessThan(1e-6);
    }
  });

  it("is invariant to rescaling a parameter (Marquardt's diagonal scaling)", () => {
    // The decay fit with b measured in units of 1/1000: the same iterates, scaled.
    const problem = exponentialDecayFit();
    const plain = minimize(problem.residuals!, tensor(Float64Array.from(problem.x0)), { method: "levenberg-marquardt" });
    const scaled = minimize((p: Tensor) => problem.residuals!(p.mul(tensor([1, 1e-3, 1], { dtype: "float64" }))), tensor([1, 1000, 0]), { method: "levenberg-marquardt" });
    expect(scaled.iterations).toBe(plain.iterations);
    scaled.history.forEach((h, k) => expect(h.fun).toBeCloseTo(plain.history[k]!.fun, 12));
    expect(values(scaled.x)[1]! * 1e-3).toBeCloseTo(values(plain.x)[1]!, 6);
  });

  it("stops with trust-region-collapsed when every tolerance is zero", () => {
    const problem = exponentialDecayFit();
    const result = minimize(problem.residuals!, tensor(Float64Array.from(problem.x0)), { method: "levenberg-marquardt", tol: 0, ftol: 0, xtol: 0 });
    expect(result.reason).toBe("trust-region-collapsed");
    expect(distanceToMinimizer(problem, values(result.x))).toBeLessThan(1e-8);
  });
});

describe("the Levenberg–Marquardt parameter for a trust radius", () => {
  // A fixed pseudo-random 6×3 Jacobian, residuals and scaling.
  const m = 6;
  const n = 3;
  const jacobian = Float64Array.from({ length: m * n }, (_, k) => Math.sin(1.7 * k + 0.3) * (1 + (k % 4)));
  const r = Float64Array.from({ length: m }, (_, i) => Math.cos(2.3 * i) * 3);
  const scaling = Float64Array.of(0.5, 2, 7);
  const gaussNewton = lambdaForRadius(jacobian, m, n, r, scaling, 1e6, 0);

  it("returns the Gauss–Newton step with λ = 0 when it is shorter than the radius", () => {
    expect(gaussNewton.lambda).toBe(0);
    // The normal equations JᵀJ p = −Jᵀr hold.
    const residual = normalEquationsResidual(jacobian, m, n, r, scaling, 0, gaussNewton.step);
    expect(Math.max(...residual.map(Math.abs))).toBeLessThan(1e-10);
  });

  for (const fraction of [0.5, 0.1, 1e-3]) {
    it(`finds λ > 0 whose step has ‖D p‖ within 10% of a radius ${fraction} times the Gauss–Newton step's, solving (JᵀJ + λD²)p = −Jᵀr`, () => {
      const radius = fraction * gaussNewton.scaledNorm;
      const step = lambdaForRadius(jacobian, m, n, r, scaling, radius, 0);
      expect(step.lambda).toBeGreaterThan(0);
      expect(Math.abs(step.scaledNorm - radius)).toBeLessThanOrEqual(0.1 * radius);
      const norm = Math.sqrt(step.step.reduce((s, p, j) => s + (scaling[j]! * p) ** 2, 0));
      expect(norm).toBeCloseTo(step.scaledNorm, 12);
      const residual = normalEquationsResidual(jacobian, m, n, r, scaling, step.lambda, step.step);
      expect(Math.max(...residual.map(Math.abs))).toBeLessThan(1e-9);
    });
  }
});

/** (JᵀJ + λD²)p + Jᵀr, which vanishes at the damped step. */
function normalEquationsResidual(jacobian: Float64Array, m: number, n: number, r: Float64Array, scaling: Float64Array, lambda: number, p: Float64Array): number[] {
  const out = Array.from({ length: n }, (_, j) => lambda * scaling[j]! ** 2 * p[j]!);
  for (let i = 0; i < m; i++) {
    let jp = 0;
    for (let j = 0; j < n; j++) jp += jacobian[i * n + j]! * p[j]!;
    for (let j = 0; j < n; j++) out[j] += jacobian[i * n + j]! * (jp + r[i]!);
  }
  return out;
}

describe("which f each kind of method takes", () => {
  it("a non-least-squares method refuses residuals, naming the shape", () => {
    expect(() => minimize(rosenbrockResiduals, tensor([-1.2, 1], { dtype: "float64" }), { method: "bfgs" })).toThrow(
      "minimize: expected f to return a scalar, got shape [2]. Sum it, or use a least-squares method for a vector of residuals.",
    );
  });

  it("residuals of any shape are flattened", () => {
    const result = minimize((p: Tensor) => p.sub(tensor([1, 2, 3, 4])).reshape([2, 2]), tensor([0, 0, 0, 0]), { method: "levenberg-marquardt" });
    values(result.x).forEach((v, i) => expect(v).toBeCloseTo(i + 1, 6));
  });
});
