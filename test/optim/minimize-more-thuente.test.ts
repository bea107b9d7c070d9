import { describe, expect, it } from "vitest";
import { moreThuente, safeguardedStep } from "../../src/optim/minimize/line-search/more-thuente.js";

const F = (values: number[]) => Float64Array.from(values);

/** A one-dimensional line search problem φ along p = 1 from x = 0, seen as a function of x. */
function line(phi: (a: number) => number, slope: (a: number) => number) {
  let evaluations = 0;
  const evaluate = (x: Float64Array) => {
    evaluations++;
    return { fun: phi(x[0]!), grad: F([slope(x[0]!)]) };
  };
  const search = (alpha0: number, c1: number, c2: number) => {
    evaluations = 0;
    const at = evaluate(F([0]));
    evaluations = 0;
    const result = moreThuente(evaluate, F([0]), at.fun, at.grad, F([1]), { alpha0, c1, c2 });
    return { result, evaluations, slope0: at.grad[0]! };
  };
  return { search };
}

describe("the Moré–Thuente line search", () => {
  // Moré & Thuente (1994), §5, function (5.1): φ(α) = −α/(α² + β), β = 2, with μ = 0.001, η = 0.1.
  // Their Table 1 lists, for each first step, the evaluations and the step found.
  const table1 = line(
    (a) => -a / (a * a + 2),
    (a) => (a * a - 2) / (a * a + 2) ** 2,
  );
  for (const [alpha0, evaluations, alpha] of [
    [1e-3, 6, 1.4],
    [1e-1, 3, 1.4],
    [10, 1, 10],
    [1000, 4, 37],
  ] as const) {
    it(`reproduces the paper's Table 1 from α₀ = ${alpha0}: ${evaluations} evaluations, α ≈ ${alpha}`, () => {
      const { result, evaluations: used } = table1.search(alpha0, 1e-3, 0.1);
      expect(result.status).toBe("converged");
      expect(result.evaluations).toBe(evaluations);
      expect(used).toBe(evaluations);
      expect(Number(result.alpha.toPrecision(2))).toBe(alpha);
    });
  }

  // Function (5.2): φ(α) = (α + β)⁵ − 2(α + β)⁴, β = 0.004, μ = η = 0.1, whose Wolfe steps form a
  // narrow interval around α ≈ 1.6 (Table 2).
  const table2 = line(
    (a) => (a + 0.004) ** 5 - 2 * (a + 0.004) ** 4,
    (a) => (a + 0.004) ** 3 * (5 * (a + 0.004) - 8),
  );
  for (const [alpha0, evaluations] of [
    [1e-3, 12],
    [1e-1, 8],
    [10, 8],
    [1000, 11],
  ] as const) {
    it(`reproduces the paper's Table 2 from α₀ = ${alpha0}: ${evaluations} evaluations to α ≈ 1.6`, () => {
      const { result, slope0 } = table2.search(alpha0, 0.1, 0.1);
      expect(result.status).toBe("converged");
      expect(result.evaluations).toBe(evaluations);
      expect(result.alpha).toBeCloseTo(1.6, 1);
      expect(Math.abs(result.grad[0]!)).toBeLessThanOrEqual(0.1 * Math.abs(slope0));
    });
  }

  it("returns a step satisfying both strong Wolfe conditions, with f and ∇f evaluated there", () => {
    // f(x) = Σ (x_i − i)⁴ + x_i² from 0 along −∇f.
    const f = (x: Float64Array) => x.reduce((s, v, i) => s + (v - i) ** 4 + v * v, 0);
    const g = (x: Float64Array) => x.map((v, i) => 4 * (v - i) ** 3 + 2 * v);
    const x = F([0, 0, 0]);
    const direction = g(x).map((v) => -v);
    const slope0 = g(x).reduce((s, v, i) => s + v * direction[i]!, 0);
    for (const c2 of [0.9, 0.4, 0.1]) {
      const result = moreThuente((p) => ({ fun: f(p), grad: g(p) }), x, f(x), g(x), direction, { alpha0: 1, c2 });
      expect(result.status).toBe("converged");
      expect(result.fun).toBe(f(result.x));
      expect(result.fun).toBeLessThanOrEqual(f(x) + 1e-4 * result.alpha * slope0);
      expect(Math.abs(result.grad.reduce((s, v, i) => s + v * direction[i]!, 0))).toBeLessThanOrEqual(c2 * -slope0);
    }
  });

  it("shortens the step where f is NaN instead of stepping there", () => {
    // φ(α) = (α − 1)², undefined beyond α = 3.
    const evaluate = (x: Float64Array) => (x[0]! > 3 ? { fun: NaN, grad: F([NaN]) } : { fun: (x[0]! - 1) ** 2, grad: F([2 * (x[0]! - 1)]) });
    const result = moreThuente(evaluate, F([0]), 1, F([-2]), F([1]), { alpha0: 100 });
    expect(result.status).toBe("converged");
    expect(Number.isFinite(result.fun)).toBe(true);
    expect(result.alpha).toBeLessThanOrEqual(3);
    expect(result.evaluations).toBeLessThan(15);
  });

  it("fails without evaluating anything along an ascent direction", () => {
    let evaluations = 0;
    const evaluate = (x: Float64Array) => {
      evaluations++;
      return { fun: x[0]! ** 2, grad: F([2 * x[0]!]) };
    };
    const result = moreThuente(evaluate, F([1]), 1, F([2]), F([1]), { alpha0: 1 });
    expect(result).toMatchObject({ status: "failed", reason: "not-descent", evaluations: 0, fun: 1 });
    expect(evaluations).toBe(0);
  });

  it("fails within a few dozen evaluations when the gradient is wrong and every step raises f", () => {
    // f = x², but the "gradient" claims −2x, so the direction p = 1 from x = 1 climbs.
    const evaluate = (x: Float64Array) => ({ fun: x[0]! ** 2, grad: F([-2 * x[0]!]) });
    const result = moreThuente(evaluate, F([1]), 1, F([-2]), F([1]), { alpha0: 1 });
    expect(result.status).toBe("failed");
    expect(result.reason).toBe("rounding");
    expect(result.evaluations).toBeLessThan(40);
  });

  it("stops at its evaluation budget", () => {
    const { search } = line((a) => -a, () => -1);
    const { result } = search(1, 1e-4, 0.9);
    // φ decreases forever: the search extrapolates until the budget (100) or the step bound.
    expect(result.status).toBe("failed");
    expect(["evaluations", "max-step"]).toContain(result.reason);
  });
});

describe("the Moré–Thuente safeguarded step", () => {
  const at = (alpha: number, phi: number, slope: number) => ({ alpha, phi, slope });

  it("brackets the minimizer when the trial's value is higher, and keeps the best end", () => {
    // φ(α) = (α − 1)²: from the best point 0, the trial α = 3 is higher.
    const step = safeguardedStep(at(0, 1, -2), at(0, 1, -2), at(3, 4, 4), false, 0, 15);
    expect(step).toMatchObject({ bracketed: true, best: "best", other: "trial" });
    // The cubic through a quadratic's values is the quadratic: its minimizer is α = 1.
    expect(step.alpha).toBeCloseTo(1, 12);
  });

  it("brackets when the slopes have opposite signs and moves the best end to the trial", () => {
    const step = safeguardedStep(at(0, 1, -2), at(0, 1, -2), at(1.5, 0.25, 1), false, 0, 7.5);
    expect(step).toMatchObject({ bracketed: true, best: "trial", other: "best" });
    expect(step.alpha).toBeCloseTo(1, 12);
  });

  it("extrapolates within [lower, upper] while the slope stays negative and nothing is bracketed", () => {
    // φ(α) = −α: the slope never decreases in magnitude, so the next trial is the upper bound.
    const step = safeguardedStep(at(0, 0, -1), at(0, 0, -1), at(1, -1, -1), false, 2.1, 5);
    expect(step).toMatchObject({ bracketed: false, best: "trial", other: "other", alpha: 5 });
  });
});
