/**
 * Numerical behaviour at the edges: stable formulations at ±1000, accuracy near 0, erf against
 * reference values, and the dtype promotion rules.
 */
import { describe, expect, test } from "vitest";
import {
  add,
  div,
  erf,
  expm1,
  grad,
  hessian,
  log1p,
  logSoftmax,
  logSumExp,
  matmul,
  mean,
  mul,
  promoteTypes,
  sigmoid,
  softmax,
  softplus,
  sqrt,
  stack,
  sum,
  tensor,
  type DType,
  type Tensor,
} from "../../src/index.js";

const FLOATS = ["float32", "float64"] as const;

function expectFinite(t: Tensor): void {
  for (const v of t.data()) expect(Number.isFinite(v), `value ${v}`).toBe(true);
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe.each(FLOATS)("stable functions at ±1000 in %s", (dtype) => {
  const big = () => tensor([1000, -1000, 0], { dtype });

  test("logSumExp is finite and exact at ±1000, with a finite gradient (softmax)", () => {
    expect(logSumExp(tensor([1000, 1000], { dtype })).item()).toBeCloseTo(1000 + Math.LN2, dtype === "float32" ? 3 : 10);
    expect(logSumExp(tensor([-1000, -1000], { dtype })).item()).toBeCloseTo(-1000 + Math.LN2, dtype === "float32" ? 3 : 10);
    expect(logSumExp(big()).item()).toBe(1000);
    const g = grad((x: Tensor) => logSumExp(x))(big()) as Tensor;
    expect(g.toArray()).toEqual([1, 0, 0]);
    expectFinite(hessian((x: Tensor) => logSumExp(x))(big()) as Tensor);
  });

  test("logSumExp's gradient has exact zeros, not subnormal weights, for terms too small to change the sum", () => {
    // e^−712 (float64) and e^−90 (float32) are subnormal; e^−600 and e^−60 are not.
    const [tiny, small] = dtype === "float64" ? [-712, -600] : [-90, -60];
    const x = tensor([0, tiny, small, -5], { dtype });
    const expected = Math.log1p(Math.exp(-5) + Math.exp(small));
    expect(relativeError(logSumExp(x).item(), expected)).toBeLessThan(dtype === "float32" ? 1e-4 : 1e-13);
    const g = (grad((t: Tensor) => logSumExp(t))(x) as Tensor).data();
    expect(g[1]).toBe(0);
    expect(g[2]).toBeGreaterThan(0);
    expect(relativeError(g[3]!, Math.exp(-5) / (1 + Math.exp(-5)))).toBeLessThan(dtype === "float32" ? 1e-6 : 1e-14);
  });

  test("softplus is finite at ±1000, with finite first and second derivatives", () => {
    const y = softplus(big());
    expect(y.toArray()).toEqual([1000, 0, Math.fround(Math.LN2) === y.data()[2] ? Math.fround(Math.LN2) : Math.LN2]);
    const g = grad((x: Tensor) => softplus(x).sum())(big()) as Tensor;
    expect(g.toArray()).toEqual([1, 0, 0.5]);
    expectFinite(hessian((x: Tensor) => softplus(x).sum())(big()) as Tensor);
  });

  test("sigmoid is 1 and 0 at ±1000, with finite first and second derivatives", () => {
    expect(sigmoid(big()).toArray()).toEqual([1, 0, 0.5]);
    const g = grad((x: Tensor) => sigmoid(x).sum())(big()) as Tensor;
    expect(g.toArray()).toEqual([0, 0, 0.25]);
    expectFinite(hessian((x: Tensor) => sigmoid(x).sum())(big()) as Tensor);
  });

  test("softmax is finite at ±1000 and sums to one, with a finite Jacobian", () => {
    const s = softmax(big());
    expect(s.toArray()).toEqual([1, 0, 0]);
    const g = grad((x: Tensor) => softmax(x).mul(tensor([1, 2, 3], { dtype })).sum())(big()) as Tensor;
    expectFinite(g);
    expectFinite(softmax(tensor([[1000, 1000], [-1000, -1000]], { dtype }), 1));
    expect(softmax(tensor([[1000, 1000], [-1000, -1000]], { dtype }), 1).toArray()).toEqual([[0.5, 0.5], [0.5, 0.5]]);
  });

  test("logSoftmax is finite at ±1000, with a finite gradient", () => {
    expect(logSoftmax(big()).toArray()).toEqual([0, -2000, -1000]);
    const g = grad((x: Tensor) => logSoftmax(x).sum())(big()) as Tensor;
    expectFinite(g);
    expect(g.toArray()).toEqual([-2, 1, 1]);
  });
});

describe("accuracy near zero in float64", () => {
  const tiny = () => tensor([1e-10], { dtype: "float64" });

  test("log1p(1e-10) has a relative error below 1e-14", () => {
    // log(1 + x) = x − x²/2 + x³/3 − …
    expect(relativeError(log1p(tiny()).item(), 1e-10 - 5e-21)).toBeLessThan(1e-14);
    expect(relativeError(log1p(tensor([-1e-10], { dtype: "float64" })).item(), -1e-10 - 5e-21)).toBeLessThan(1e-14);
  });

  test("expm1(1e-10) has a relative error below 1e-14", () => {
    // eˣ − 1 = x + x²/2 + x³/6 + …
    expect(relativeError(expm1(tiny()).item(), 1e-10 + 5e-21)).toBeLessThan(1e-14);
    expect(relativeError(expm1(tensor([-1e-10], { dtype: "float64" })).item(), -1e-10 + 5e-21)).toBeLessThan(1e-14);
  });

  test("the derivatives of log1p and expm1 at 1e-10 are accurate", () => {
    expect(relativeError((grad((x: Tensor) => log1p(x).sum())(tiny()) as Tensor).item(), 1 / (1 + 1e-10))).toBeLessThan(1e-15);
    expect(relativeError((grad((x: Tensor) => expm1(x).sum())(tiny()) as Tensor).item(), 1 + 1e-10)).toBeLessThan(1e-15);
  });

  test("sqrt is exact near zero and its derivative stays finite for tiny positive inputs", () => {
    const x = tensor([0, 1e-300, 5e-324, 4e-20], { dtype: "float64" });
    expect(sqrt(x).toArray()).toEqual([0, 1e-150, Math.sqrt(5e-324), 2e-10]);
    const g = grad((t: Tensor) => sqrt(t).sum())(tensor([1e-300, 4e-20], { dtype: "float64" })) as Tensor;
    expect(g.toArray()).toEqual([0.5e150, 0.25e10]);
  });
});

describe("erf", () => {
  const reference: [number, number][] = [
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [3, 0.9999779095030014],
    [0.1, 0.1124629160182849],
    [1.5, 0.9661051464753108],
  ];

  test.each(reference)("erf(%f) matches the float64 reference to 1e-15 relative", (x, expected) => {
    expect(relativeError(erf(tensor([x], { dtype: "float64" })).item(), expected)).toBeLessThanOrEqual(1e-15);
  });

  test("erf is odd, zero at zero, linear near zero and saturates to ±1", () => {
    const x = tensor([-0.5, -2, 0, 1e-10, 6, -6, 30], { dtype: "float64" });
    const y = erf(x).data();
    expect(y[0]).toBe(-erf(tensor([0.5], { dtype: "float64" })).item());
    expect(relativeError(y[1]!, -0.9953222650189527)).toBeLessThanOrEqual(1e-15);
    expect(y[2]).toBe(0);
    expect(relativeError(y[3]!, (2 / Math.sqrt(Math.PI)) * 1e-10)).toBeLessThan(1e-15);
    expect([y[4], y[5], y[6]]).toEqual([1, -1, 1]);
  });
});

describe("dtype promotion", () => {
  test("promoteTypes orders bool < int32 < float32 < float64, with int32 and float32 giving float64", () => {
    const cases: [DType, DType, DType][] = [
      ["bool", "bool", "bool"],
      ["bool", "int32", "int32"],
      ["bool", "float32", "float32"],
      ["int32", "int32", "int32"],
      ["int32", "float32", "float64"],
      ["float32", "int32", "float64"],
      ["int32", "float64", "float64"],
      ["float32", "float64", "float64"],
      ["float64", "bool", "float64"],
    ];
    for (const [a, b, expected] of cases) expect([a, b, promoteTypes(a, b)]).toEqual([a, b, expected]);
  });

  test("an int32 tensor plus a float32 tensor is float64, and exact", () => {
    const big = tensor([16777217], { dtype: "int32" });
    const y = add(big, tensor([0.5], { dtype: "float32" }));
    expect(y.dtype).toBe("float64");
    expect(y.item()).toBe(16777217.5);
  });

  test("float32 with float64 gives float64, int32 with bool gives int32", () => {
    expect(mul(tensor([1], { dtype: "float32" }), tensor([2], { dtype: "float64" })).dtype).toBe("float64");
    expect(add(tensor([1], { dtype: "int32" }), tensor([true])).dtype).toBe("int32");
  });

  test("JS numbers adopt the dtype of the tensor beside them", () => {
    expect(mul(tensor([1], { dtype: "float32" }), 2.5).dtype).toBe("float32");
    expect(add(3, tensor([1], { dtype: "float64" })).dtype).toBe("float64");
    expect(add(tensor([1], { dtype: "int32" }), 2).dtype).toBe("int32");
    expect(add(tensor([1], { dtype: "int32" }), 2).toArray()).toEqual([3]);
    // A fractional number next to an integer tensor makes the operation float.
    const y = add(tensor([1], { dtype: "int32" }), 0.5);
    expect(y.dtype).toBe("float32");
    expect(y.toArray()).toEqual([1.5]);
    expect(add(2, 3).dtype).toBe("float32");
  });

  test("creation infers float32 from numbers, bool from booleans and keeps typed-array dtypes", () => {
    expect(tensor([1, 2]).dtype).toBe("float32");
    expect(tensor([true, false]).dtype).toBe("bool");
    expect(tensor(new Float64Array([1])).dtype).toBe("float64");
    expect(tensor(new Int32Array([1])).dtype).toBe("int32");
  });

  test("integer division and mean are float64, integer sums stay int32, bool sums count", () => {
    expect(div(tensor([1], { dtype: "int32" }), tensor([3], { dtype: "int32" })).dtype).toBe("float64");
    expect(div(tensor([1], { dtype: "int32" }), tensor([3], { dtype: "int32" })).item()).toBe(1 / 3);
    expect(mean(tensor([1, 2], { dtype: "int32" })).dtype).toBe("float64");
    expect(mean(tensor([1, 2], { dtype: "int32" })).item()).toBe(1.5);
    expect(sum(tensor([1, 2], { dtype: "int32" })).dtype).toBe("int32");
    const count = sum(tensor([true, false, true]));
    expect([count.dtype, count.item()]).toEqual(["int32", 2]);
  });

  test("float functions of integer tensors compute in float64", () => {
    const y = sqrt(tensor([2], { dtype: "int32" }));
    expect(y.dtype).toBe("float64");
    expect(y.item()).toBe(Math.SQRT2);
  });
});

describe("integer matrix products", () => {
  test("multiply exactly in int32, batched and with a vector", () => {
    const a = tensor([[1, 2], [3, 4]], { dtype: "int32" });
    expect(matmul(a, a).dtype).toBe("int32");
    expect(matmul(a, a).toArray()).toEqual([[7, 10], [15, 22]]);
    expect(matmul(stack([a, a.mul(2)]), a).toArray()).toEqual([[[7, 10], [15, 22]], [[14, 20], [30, 44]]]);
    expect(matmul(a, tensor([1, -1], { dtype: "int32" })).toArray()).toEqual([-1, -1]);
  });
});
