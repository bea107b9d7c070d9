/**
 * Curvature against quadratics whose spectrum is known: diagonal and rotated, small (exact) and
 * n = 200 (Lanczos on Hessian-vector products only), saddles, singular and concave cases, errors.
 */
import { describe, expect, test } from "vitest";
import { NonFiniteError, ShapeError, ValueError, curvature, tensor, type Tensor } from "../../src/index.js";

const f64 = (values: number[] | Float64Array): Tensor => tensor(values instanceof Float64Array ? values : Float64Array.from(values));

/** ½ Σ λᵢ xᵢ²: Hessian diag(λ). */
const diagonalQuadratic = (lambdas: number[]) => {
  const l = f64(lambdas);
  return (x: Tensor) => x.square().mul(l).sum().mul(0.5);
};

/**
 * ½ Σ λᵢ (Ux)ᵢ² with U = I − 2vvᵀ/‖v‖² (a Householder reflection): Hessian UᵀΛU, whose eigenvalues
 * are the λᵢ, rotated off the axes. Ux costs O(n), so no n×n matrix is ever built.
 */
const rotatedQuadratic = (lambdas: number[], v: number[]) => {
  const l = f64(lambdas);
  const u = f64(v);
  const vv = v.reduce((s, a) => s + a * a, 0);
  return (x: Tensor) => {
    const ux = x.sub(u.mul(u.dot(x).mul(2 / vv)));
    return ux.square().mul(l).sum().mul(0.5);
  };
};

describe("exact spectrum when n <= k", () => {
  test("a diagonal quadratic gives back its diagonal", () => {
    const lambdas = [4, 1, 9, 0.5, 2];
    const report = curvature(diagonalQuadratic(lambdas), f64([1, 1, 1, 1, 1]));
    const sorted = [...lambdas].sort((a, b) => a - b);
    report.eigenvalues.forEach((e, i) => expect(e).toBeCloseTo(sorted[i]!, 10));
    expect(report.lambdaMax).toBeCloseTo(9, 10);
    expect(report.lambdaMin).toBeCloseTo(0.5, 10);
    expect(report.conditionNumber).toBeCloseTo(18, 8);
    expect(report.maxStableStep).toBeCloseTo(2 / 9, 10);
    expect(report.bestFixedStep!).toBeCloseTo(2 / 9.5, 10);
    expect(report.predictedRate!).toBeCloseTo(17 / 19, 10);
    expect(report.indefinite).toBe(false);
    expect(report.converged).toBe(true);
    expect(report.hvpEvaluations).toBe(5);
  });

  test("a rotated quadratic has the same spectrum, wherever x is", () => {
    const lambdas = [3, 0.25, 7, 1.5];
    const report = curvature(rotatedQuadratic(lambdas, [1, -2, 0.5, 3]), f64([0.3, -1, 2, 5]));
    [0.25, 1.5, 3, 7].forEach((e, i) => expect(report.eigenvalues[i]).toBeCloseTo(e, 10));
  });

  test("repeated eigenvalues are found through Lanczos breakdowns", () => {
    const report = curvature(diagonalQuadratic([2, 2, 2, 5, 5]), f64([1, 2, 3, 4, 5]));
    [2, 2, 2, 5, 5].forEach((e, i) => expect(report.eigenvalues[i]).toBeCloseTo(e, 10));
  });

  test("parameter trees and float32 parameters", () => {
    const f = (p: any) => p.a.square().sum().mul(3).add(p.b[0].square().mul(0.5));
    const report = curvature(f, { a: tensor([1, 2]), b: [tensor(1)] });
    expect(report.lambdaMax).toBeCloseTo(6, 4);
    expect(report.lambdaMin).toBeCloseTo(1, 4);
  });
});

describe("n = 200 from Hessian-vector products", () => {
  const n = 200;
  // Eigenvalues 1 .. 100 in a geometric spread, with the extremes a little apart from the rest.
  const lambdas = Array.from({ length: n }, (_, i) => 1.5 * (60 / 1.5) ** (i / (n - 1)));
  lambdas[0] = 0.5;
  lambdas[n - 1] = 100;
  const v = Array.from({ length: n }, (_, i) => Math.sin(i + 1) + 0.1);

  test.each([
    ["diagonal", diagonalQuadratic(lambdas)],
    ["rotated", rotatedQuadratic(lambdas, v)],
  ])("the extremes of a %s quadratic", (_name, f) => {
    const report = curvature(f, f64(new Float64Array(n).fill(1)), { k: 30, iterations: 20, seed: 3 });
    expect(report.converged).toBe(true);
    expect(report.lambdaMax).toBeCloseTo(100, 6);
    expect(report.lambdaMin).toBeCloseTo(0.5, 6);
    expect(report.conditionNumber).toBeCloseTo(200, 3);
    expect(report.hvpEvaluations).toBeLessThan(n);
  });
});

describe("curvature of other signs", () => {
  test("a saddle is indefinite, with no condition number or rate", () => {
    const report = curvature((x: Tensor) => x.square().mul(f64([1, -3])).sum(), f64([0, 0]));
    expect(report.lambdaMin).toBeCloseTo(-6, 10);
    expect(report.lambdaMax).toBeCloseTo(2, 10);
    expect(report.indefinite).toBe(true);
    expect(report.negativeCurvature).toBe(true);
    expect(report.conditionNumber).toBe(Infinity);
    expect(report.bestFixedStep).toBeUndefined();
    expect(report.predictedRate).toBeUndefined();
    expect(report.maxStableStep).toBeCloseTo(1, 10);
    expect(report.note).toBe(
      "indefinite (λmin < 0 < λmax): x is near a saddle point, not a minimum; gradient descent leaves it along the negative-curvature direction. κ is Infinity and no linear rate is predicted.",
    );
  });

  test("the saddle of a non-quadratic function away from the origin", () => {
    // f = x³ − 3x + y²·cos(x) at (−1, 0), a critical point: ∂f/∂x = 3x² − 3 − y²·sin(x) = 0 and ∂f/∂y = 0.
    const f = (p: Tensor) => {
      const [x, y] = [p.slice(0), p.slice(1)];
      return x.pow(3).sub(x.mul(3)).add(y.square().mul(x.cos())).sum();
    };
    const report = curvature(f, f64([-1, 0]));
    // ∂²f/∂x² = 6x = −6; ∂²f/∂y² = 2cos(x) = 2cos(1); the mixed term −2y·sin(x) vanishes at y = 0.
    expect(report.lambdaMin).toBeCloseTo(-6, 9);
    expect(report.lambdaMax).toBeCloseTo(2 * Math.cos(1), 9);
    expect(report.indefinite).toBe(true);
  });

  test("a singular Hessian has an infinite condition number", () => {
    const report = curvature((x: Tensor) => x.slice([0, 1]).square().sum(), f64([1, 1]));
    expect(report.lambdaMin).toBeCloseTo(0, 12);
    expect(report.conditionNumber).toBe(Infinity);
    expect(report.indefinite).toBe(false);
    expect(report.maxStableStep).toBeCloseTo(1, 10);
    expect(report.note).toBe(
      "singular (λmin ≈ 0): f is flat along some direction, where gradient descent makes sublinear progress or none. κ is Infinity and no linear rate is predicted.",
    );
  });

  test("a concave function has no step limit from curvature", () => {
    const report = curvature((x: Tensor) => x.square().sum().neg(), f64([1, 2, 3]));
    expect(report.lambdaMax).toBeCloseTo(-2, 10);
    expect(report.maxStableStep).toBe(Infinity);
    expect(report.negativeCurvature).toBe(true);
    expect(report.indefinite).toBe(false);
  });
});

describe("errors", () => {
  test("f must return a scalar", () => {
    expect(() => curvature((x: Tensor) => x.square(), f64([1, 2]))).toThrow(
      new ShapeError("curvature", "expected f to return a scalar tensor, got shape [2]. Sum the output, or measure each output separately."),
    );
  });

  test("f(x) must be finite", () => {
    expect(() => curvature((x: Tensor) => x.log().sum(), f64([-1]))).toThrow(new NonFiniteError("curvature", "expected f(x) to be finite, got NaN. Move x into f's domain."));
  });

  test("options and x are checked", () => {
    expect(() => curvature((x: Tensor) => x.sum(), f64([1]), { k: 0 })).toThrow(new ValueError("curvature", "expected k to be a positive integer, got 0."));
    expect(() => curvature((x: Tensor) => x.sum(), f64([]))).toThrow(
      new ValueError("curvature", "expected at least one parameter, got an empty x. Pass the point at which to measure the curvature."),
    );
    expect(() => curvature((x: Tensor) => x.sum(), tensor([1], { dtype: "int32" }))).toThrow(
      new ValueError("curvature", 'expected float parameters, got int32 at leaf 0. Convert with astype(x, "float64").'),
    );
  });
});
