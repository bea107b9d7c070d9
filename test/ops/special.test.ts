/**
 * Accuracy of the special functions against known values: closed forms where they exist (log √π,
 * −γ, π²/6, −2ζ(3)) and otherwise values computed with mpmath at 30 significant digits.
 */
import { describe, expect, test } from "vitest";
import { digamma, grad, hessian, lgamma, multigammaln, polygamma, tensor, ValueError, vmap, type Tensor } from "../../src/index.js";

const EULER_GAMMA = 0.5772156649015329;
const ZETA_3 = 1.2020569031595942;

/** Asserts |actual − expected| ≤ rtol·max(1, |expected|) for each pair. */
function expectValues(actual: Tensor, expected: readonly number[], rtol = 4e-15): void {
  const values = actual.toArray() as number[];
  expect(values.length).toBe(expected.length);
  values.forEach((v, i) => {
    const e = expected[i]!;
    expect(Math.abs(v - e), `element ${i}: ${v} vs ${e}`).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(e)));
  });
}

const f64 = (values: number[]): Tensor => tensor(values, { dtype: "float64" });

describe("lgamma", () => {
  test("is exactly 0 at 1 and 2, and log √π at 1/2", () => {
    expect(lgamma(f64([1, 2])).toArray()).toEqual([0, 0]);
    expectValues(lgamma(f64([0.5])), [Math.log(Math.sqrt(Math.PI))]);
  });

  test("matches log of the factorial at integers", () => {
    const expected = [1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800].map(Math.log);
    expectValues(lgamma(f64([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])), expected);
  });

  test("keeps its relative accuracy next to its zeros at 1 and 2", () => {
    // log Γ(1 + z) ≈ −γz and log Γ(2 + z) ≈ (1 − γ)z for small z
    const z = 1e-9;
    const values = lgamma(f64([1 + z, 2 + z])).toArray() as number[];
    expect(Math.abs(values[0]! / (-EULER_GAMMA * z) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(values[1]! / ((1 - EULER_GAMMA) * z) - 1)).toBeLessThan(1e-6);
  });

  test("is accurate for moderate and large arguments", () => {
    expectValues(lgamma(f64([3.5, 10.5, 100, 1e6])), [1.2009736023470742, 13.940625219403764, 359.1342053695754, 12815504.56914761]);
  });

  test("gives log |Γ| for negative non-integers and +∞ at the poles", () => {
    expectValues(lgamma(f64([-0.5, -2.5, -7.25])), [1.2655121234846454, -0.05624371649767405, -7.54188344347575]);
    expect(lgamma(f64([0, -1, -3])).toArray()).toEqual([Infinity, Infinity, Infinity]);
  });

  test("turns integer input into float64", () => {
    const y = lgamma(tensor([1, 2, 3], { dtype: "int32" }));
    expect(y.dtype).toBe("float64");
    expectValues(y, [0, 0, Math.log(2)]);
  });
});

describe("digamma", () => {
  test("is −γ at 1 and 1 − γ at 2", () => {
    expectValues(digamma(f64([1, 2])), [-EULER_GAMMA, 1 - EULER_GAMMA]);
  });

  test("matches reference values for small, large and negative arguments", () => {
    expectValues(digamma(f64([0.5, 10, 1000, -0.5, -2.25])), [
      -1.9635100260214235, 2.251752589066721, 6.907255195648812, 0.03648997397857652, 4.158583564657972,
    ]);
  });

  test("is NaN at the poles, where its limits from the two sides differ", () => {
    expect((digamma(f64([0, -2])).toArray() as number[]).every(Number.isNaN)).toBe(true);
  });
});

describe("polygamma", () => {
  test("trigamma is π²/6 at 1 and π²/2 at 1/2; the second order is −2ζ(3) at 1", () => {
    expectValues(polygamma(1, f64([1, 0.5])), [Math.PI ** 2 / 6, Math.PI ** 2 / 2]);
    expectValues(polygamma(2, f64([1])), [-2 * ZETA_3]);
  });

  test("matches reference values, negative arguments included", () => {
    expectValues(polygamma(3, f64([2.5])), [0.22390584881725205]);
    expectValues(polygamma(4, f64([0.25])), [-24584.375388637934]);
    expectValues(polygamma(1, f64([100, -0.5])), [0.010050166663333571, 8.934802200544679]);
    expectValues(polygamma(2, f64([-1.5])), [-0.236204051641727403], 1e-13);
  });

  test("of order 0 is digamma", () => {
    expect(polygamma(0, f64([0.3, 4])).toArray()).toEqual(digamma(f64([0.3, 4])).toArray());
  });

  test("is +∞ at the poles for odd orders and NaN for even ones", () => {
    expect(polygamma(1, f64([0, -1])).toArray()).toEqual([Infinity, Infinity]);
    expect((polygamma(2, f64([0, -1])).toArray() as number[]).every(Number.isNaN)).toBe(true);
  });

  test("rejects an order that is not a non-negative integer", () => {
    expect(() => polygamma(1.5, f64([1]))).toThrow(ValueError);
    expect(() => polygamma(-1, f64([1]))).toThrow(
      "polygamma: expected an integer order n ≥ 0, got -1. The order counts derivatives of digamma (n = 0 is digamma itself).",
    );
  });
});

describe("derivatives", () => {
  test("of lgamma are digamma, then trigamma, to float64 accuracy", () => {
    const x = f64([0.7, 3.2, -1.5]);
    const first = vmap(grad((v: Tensor) => lgamma(v)))(x);
    expectValues(first, digamma(x).toArray() as number[]);
    const second = vmap(hessian((v: Tensor) => lgamma(v)))(x);
    expectValues(second, polygamma(1, x).toArray() as number[]);
  });
});

describe("multigammaln", () => {
  test("is lgamma in dimension 1", () => {
    expectValues(multigammaln(f64([0.7, 4.5]), 1), lgamma(f64([0.7, 4.5])).toArray() as number[]);
  });

  test("follows its definition as a sum of shifted lgammas in dimension 3", () => {
    const a = 4.2;
    const expected = (3 * 2 * Math.log(Math.PI)) / 4 + [0, 0.5, 1].reduce((s, h) => s + (lgamma(f64([a - h])).toArray() as number[])[0]!, 0);
    expectValues(multigammaln(f64([a]), 3), [expected]);
  });

  test("keeps the shape of its argument", () => {
    expect(multigammaln(f64([3, 4, 5, 6]).reshape([2, 2]), 4).shape).toEqual([2, 2]);
  });

  test("rejects a dimension that is not a positive integer", () => {
    expect(() => multigammaln(f64([3]), 0)).toThrow(
      "multigammaln: expected a positive integer dimension d, got 0. d is the size of the matrices the multivariate gamma function integrates over.",
    );
  });
});
