/** convergenceRate on synthetic sequences of known rate and order, on real iterations, and its errors. */
import { describe, expect, test } from "vitest";
import { NonFiniteError, ValueError, convergenceRate, curvature, tensor, type Tensor } from "../../src/index.js";

describe("synthetic sequences", () => {
  test("a linear sequence gives its ratio and order 1", () => {
    const errors = Array.from({ length: 20 }, (_, k) => 3 * 0.7 ** k);
    const result = convergenceRate(errors, { fStar: 0 });
    expect(result.kind).toBe("linear");
    expect(result.rate).toBeCloseTo(0.7, 12);
    expect(result.order).toBeCloseTo(1, 10);
    expect(result.samples).toBe(19);
  });

  test("without fStar the differences of successive values give the same rate", () => {
    const values = Array.from({ length: 15 }, (_, k) => 2 + 0.3 ** k);
    const result = convergenceRate(values);
    expect(result.kind).toBe("linear");
    expect(result.rate).toBeCloseTo(0.3, 8);
    expect(result.order).toBeCloseTo(1, 6);
  });

  test("e_{k+1} = 2·e_k² is quadratic whatever the constant", () => {
    const errors = [0.1];
    while (errors.length < 6) errors.push(2 * errors[errors.length - 1]! ** 2);
    const result = convergenceRate(errors.map((e) => 5 + e), { fStar: 5 });
    expect(result.kind).toBe("quadratic");
    expect(result.order).toBeCloseTo(2, 2);
  });

  test("e_{k+1} = e_k^1.5 is superlinear of order 1.5", () => {
    const errors = [0.5];
    while (errors.length < 8) errors.push(errors[errors.length - 1]! ** 1.5);
    const result = convergenceRate(errors, { fStar: 0 });
    expect(result.kind).toBe("superlinear");
    expect(result.order).toBeCloseTo(1.5, 8);
  });

  test("e_k = 1/k! is superlinear: the ratios fall to 0 though each local order is near 1", () => {
    let factorial = 1;
    const errors = Array.from({ length: 12 }, (_, k) => 1 / (factorial *= k + 1));
    const result = convergenceRate(errors, { fStar: 0 });
    expect(result.kind).toBe("superlinear");
    expect(result.order).toBeLessThan(1.2);
  });

  test.each([
    ["1/k", (k: number) => 1 / k],
    ["1/k²", (k: number) => 1 / k ** 2],
    ["1/√k", (k: number) => 1 / Math.sqrt(k)],
  ])("e_k = %s is sublinear, with a rate near 1", (_name, e) => {
    const result = convergenceRate(Array.from({ length: 40 }, (_, k) => e(k + 1)), { fStar: 0 });
    expect(result.kind).toBe("sublinear");
    expect(result.rate).toBeGreaterThan(0.9);
    expect(result.rate).toBeLessThan(1);
  });

  test("a sequence that does not shrink is reported as sublinear with a rate of at least 1", () => {
    const result = convergenceRate([1, 2, 4, 8, 16], { fStar: 0 });
    expect(result.kind).toBe("sublinear");
    expect(result.rate).toBe(2);
  });

  test("errors at rounding level end the sequence", () => {
    const values = [1, 0.5, 0.25, 0.125, 0, 1e-17, 0];
    expect(convergenceRate(values, { fStar: 0 }).samples).toBe(3);
  });
});

describe("real iterations", () => {
  test("records with a fun field are read like numbers", () => {
    const values = Array.from({ length: 10 }, (_, k) => 1 + 0.5 ** k);
    const records = values.map((fun, iteration) => ({ iteration, fun, gradNorm: 0, stepLength: 1 }));
    expect(convergenceRate(records, { fStar: 1 })).toEqual(convergenceRate(values, { fStar: 1 }));
  });

  test("Newton's method for √2 converges quadratically", () => {
    const xs = [1];
    for (let i = 0; i < 5; i++) xs.push((xs[i]! + 2 / xs[i]!) / 2);
    const result = convergenceRate(xs, { fStar: Math.SQRT2 });
    expect(result.kind).toBe("quadratic");
    expect(result.order).toBeGreaterThan(1.8);
  });

  test("gradient descent with curvature's best step contracts f by the predicted rate squared", () => {
    // f = ½(x² + 10y²): κ = 10, and each coordinate's error shrinks by 9/11 per step of 2/11, so f by (9/11)².
    const weights = tensor([1, 10], { dtype: "float64" });
    const f = (x: Tensor) => x.square().mul(weights).sum().mul(0.5);
    let x = tensor([1, 1], { dtype: "float64" });
    const report = curvature(f, x);
    const history: number[] = [];
    for (let i = 0; i < 30; i++) {
      history.push(f(x).item());
      x = x.sub(x.mul(weights).mul(report.bestFixedStep!));
    }
    const observed = convergenceRate(history, { fStar: 0 });
    expect(observed.kind).toBe("linear");
    expect(observed.rate).toBeCloseTo(report.predictedRate! ** 2, 10);
    expect(observed.rate).toBeCloseTo((9 / 11) ** 2, 10);
  });
});

describe("errors", () => {
  test("too few errors above rounding level", () => {
    expect(() => convergenceRate([1, 0.5], { fStar: 0 })).toThrow(
      new ValueError("convergenceRate", "expected at least 3 errors above rounding level, got 2. Record more iterations before the values settle."),
    );
    expect(() => convergenceRate([3, 2, 1])).toThrow(
      new ValueError("convergenceRate", "expected at least 3 errors above rounding level, got 2. Record more iterations before the values settle, or pass fStar."),
    );
  });

  test("non-finite values and malformed entries", () => {
    expect(() => convergenceRate([1, 0.5, Number.NaN, 0.1])).toThrow(
      new NonFiniteError("convergenceRate", "expected finite values, got NaN at entry 2. Cut the history before the run diverged."),
    );
    expect(() => convergenceRate([1, 0.5, { value: 3 } as any])).toThrow(
      new ValueError("convergenceRate", "expected a number or a record with a numeric fun at entry 2, got object."),
    );
    expect(() => convergenceRate([1, 0.5, 0.25, 0.1], { fStar: Number.POSITIVE_INFINITY })).toThrow(
      new ValueError("convergenceRate", "expected fStar to be a finite number, got Infinity."),
    );
  });
});
