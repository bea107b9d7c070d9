import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  ArgumentError, derivative, directionalDerivative, evaluate, gradient, hessian, jacobian, parse, toText,
  type Expr,
} from "../../src/symbolic/index.js";
import { close, expression, point, VARIABLES } from "./arbitrary.js";

const text = (e: Expr): string => toText(e);

describe("derivative", () => {
  test("gives the textbook partials of x^2*y + z", () => {
    expect(text(derivative("x^2*y + z", "x"))).toBe("2*x*y");
    expect(text(derivative("x^2*y + z", "y"))).toBe("x^2");
    expect(text(derivative("x^2*y + z", "z"))).toBe("1");
  });

  const common: Array<[string, string]> = [
  ["x^5", "5*x^4"],
  ["1/x", "-1/x^2"],
  ["sqrt(x)", "1/(2*sqrt(x))"],
  ["cbrt(x)", "1/(3*cbrt(x)^2)"],
  ["x^(2/3)", "2/(3*x^(1/3))"],
  ["3*x^2 - 2*x + 7", "6*x - 2"],
  ["exp(2*x)", "2*exp(2*x)"],
  ["2^x", "2^x*log(2)"],
  ["x^x", "x^x*(log(x) + 1)"],
  ["log(x)", "1/x"],
  ["log(3*x + 1)", "3/(3*x + 1)"],
  ["log10(x)", "1/(x*log(10))"],
  ["log2(x)", "1/(x*log(2))"],
  ["log(x, 3)", "1/(x*log(3))"],
  ["log(x, 10)", "1/(x*log(10))"],
  ["log(2, x)", "-log(2)/(x*log(x)^2)"],
  ["log(x^2 + 1, 5)", "2*x/((x^2 + 1)*log(5))"],
  ["sin(x)", "cos(x)"],
  ["cos(x)", "-sin(x)"],
  ["tan(x)", "sec(x)^2"],
  ["sec(x)", "sec(x)*tan(x)"],
  ["csc(x)", "-cot(x)*csc(x)"],
  ["cot(x)", "-csc(x)^2"],
  ["asin(x)", "1/sqrt(1 - x^2)"],
  ["acos(x)", "-1/sqrt(1 - x^2)"],
  ["atan(x)", "1/(x^2 + 1)"],
  ["sinh(x)", "cosh(x)"],
  ["cosh(x)", "sinh(x)"],
  ["tanh(x)", "1/cosh(x)^2"],
  ["asinh(x)", "1/sqrt(x^2 + 1)"],
  ["acosh(x)", "1/sqrt(x^2 - 1)"],
  ["atanh(x)", "1/(1 - x^2)"],
  ["abs(x)", "sign(x)"],
  ["sign(x)", "0"],
  ["relu(x)", "heaviside(x)"],
  ["sigmoid(x)", "(1 - sigmoid(x))*sigmoid(x)"],
  ["softplus(x)", "sigmoid(x)"],
  ["erf(x)", "2*exp(-x^2)/sqrt(pi)"],
  ["heaviside(x)", "0"],
  ["min(x, 2)", "heaviside(2 - x)"],
  ["max(x, y)", "heaviside(x - y)"],
  ["max(x, y, z)", "heaviside(x - max(y, z))"],
  ["max(y, x, z)", "heaviside(x - max(y, z))"],
  ["min(x, y, z)", "heaviside(min(y, z) - x)"],
  ["min(x^2, y, 1)", "2*x*heaviside(min(y, 1) - x^2)"],
  ["atan2(y, x)", "-y/(x^2 + y^2)"],
  ["x*sin(x)", "x*cos(x) + sin(x)"],
  ["sin(x)*cos(x)", "cos(2*x)"],
  ["x^2*exp(-x)", "x*(2 - x)*exp(-x)"],
  ["exp(x)/x", "(x - 1)*exp(x)/x^2"],
  ["x/(x^2 + 1)", "(1 - x^2)/(x^2 + 1)^2"],
  ["(x + 1)/(x - 1)", "-2/(x - 1)^2"],
  ["sin(x^2)", "2*x*cos(x^2)"],
  ["sin(x)^2", "sin(2*x)"],
  ["exp(sin(x))", "cos(x)*exp(sin(x))"],
  ["log(cos(x))", "-tan(x)"],
  ["sqrt(1 - x^2)", "-x/sqrt(1 - x^2)"],
  ["1/sqrt(x^2 + 1)", "-x/(x^2 + 1)^(3/2)"],
  ["atan(1/x)", "-1/(x^2 + 1)"],
  ["x*log(x) - x", "log(x)"],
  ["exp(-x^2/2)/sqrt(2*pi)", "-x*exp(-x^2/2)/sqrt(2*pi)"],
  ["log(x + sqrt(x^2 + 1))", "1/sqrt(x^2 + 1)"],
  ["tan(x) - x", "tan(x)^2"],
  ["(x^2 - 1)^3", "6*x*(x^2 - 1)^2"],
  ["x^3*y^2 + sin(x*y)", "y*(3*x^2*y + cos(x*y))"],
  ];
  test.each(common)("d/dx %s = %s", (f, expected) => {
    expect(text(derivative(f, "x"))).toBe(expected);
  });

  test("takes higher and mixed partials in turn", () => {
    expect(text(derivative("x^2*y + z", ["x", "x"]))).toBe("2*y");
    expect(text(derivative("x^2*y + z", ["x", "y"]))).toBe("2*x");
    expect(text(derivative("sin(x)", ["x", "x", "x", "x"]))).toBe("sin(x)");
    expect(text(derivative("x^3*y^2", ["x", "y", "y"]))).toBe("6*x^2");
  });

  test("treats variables it does not differentiate by as constants", () => {
    expect(text(derivative("a*x^2 + b*x + c", "x"))).toBe("2*a*x + b");
    expect(text(derivative("exp(k*t)", "t"))).toBe("k*exp(k*t)");
    expect(text(derivative("x^2", "y"))).toBe("0");
  });

  test("returns the canonical unsimplified form when asked", () => {
    expect(text(derivative("sin(x)/cos(x)", "x", { simplify: false }))).not.toBe("sec(x)^2");
    expect(text(derivative("sin(x)/cos(x)", "x"))).toBe("sec(x)^2");
  });

  test("refuses names that are not variables", () => {
    expect(() => derivative("x", "2x")).toThrow(ArgumentError);
    expect(() => derivative("x", "pi")).toThrow(/pi and e are constants/);
    expect(() => derivative("x", "sin")).toThrow(/sin is a function/);
  });

  test("agrees with central differences at random points", () => {
    fc.assert(fc.property(expression(), fc.constantFrom(...VARIABLES), point, (f, x, at) => {
      const d = derivative(f, x);
      const value = evaluate(d, at);
      const estimate = centralDifference(f, x, at);
      if (estimate === undefined || !Number.isFinite(value)) return;
      expect(close(value, estimate, 1e-5), `${text(f)} by ${x} at ${JSON.stringify(at)}: ${text(d)}`).toBe(true);
    }), { numRuns: 400 });
  });

  test("gives mixed partials that agree in either order", () => {
    fc.assert(fc.property(expression({ maxDepth: 3 }), point, (f, at) => {
      const xy = evaluate(derivative(f, ["x", "y"]), at);
      const yx = evaluate(derivative(f, ["y", "x"]), at);
      if (!Number.isFinite(xy) || !Number.isFinite(yx)) return;
      expect(close(xy, yx, 1e-8)).toBe(true);
    }), { numRuns: 150 });
  });

  test("gives the one-sided derivative of corners and jumps away from them", () => {
    const at = (value: number) => ({ x: value, y: 0.5 });
    expect(evaluate(derivative("abs(x)", "x"), at(-2))).toBe(-1);
    expect(evaluate(derivative("abs(x)", "x"), at(3))).toBe(1);
    expect(evaluate(derivative("relu(x)", "x"), at(-1))).toBe(0);
    expect(evaluate(derivative("relu(x)", "x"), at(1))).toBe(1);
    expect(evaluate(derivative("max(x, y)", "x"), at(1))).toBe(1);
    expect(evaluate(derivative("max(x, y)", "x"), at(0))).toBe(0);
    expect(evaluate(derivative("min(x, y)", "y"), at(1))).toBe(1);
    expect(evaluate(derivative("abs(x^2 - 1)", "x"), at(0.5))).toBeCloseTo(-1, 12);
  });

  test("differentiates min and max of many arguments as the nested two-argument ones, and by finite differences", () => {
    const coordinate = fc.double({ min: -3, max: 3, noNaN: true });
    fc.assert(fc.property(fc.record({ x: coordinate, y: coordinate, z: coordinate, w: coordinate }), (at) => {
      const values = Object.values(at).sort((a, b) => a - b);
      if (values.some((v, i) => i > 0 && v - values[i - 1]! < 1e-2)) return; // away from ties
      for (const [many, nested] of [
        ["max(x, y, z, w)", "max(max(x, y), max(z, w))"],
        ["min(x, y, z, w)", "min(x, min(y, min(z, w)))"],
        ["max(x^2, y*z, w)", "max(max(x^2, y*z), w)"],
      ] as const) {
        for (const v of ["x", "y", "z", "w"]) {
          const d = evaluate(derivative(many, v), at);
          expect(d).toBe(evaluate(derivative(nested, v), at));
          const estimate = centralDifference(parse(many), v, at);
          if (estimate !== undefined) expect(close(d, estimate, 1e-5)).toBe(true);
        }
      }
    }), { numRuns: 200 });
  });

  test("averages the one-sided derivatives of max at a tie of two", () => {
    expect(evaluate(derivative("max(x, y, z)", "x"), { x: 1, y: 1, z: 0 })).toBe(0.5);
    expect(evaluate(derivative("max(x, y, z)", "y"), { x: 1, y: 1, z: 0 })).toBe(0.5);
    expect(evaluate(derivative("max(x, y, z)", "z"), { x: 1, y: 1, z: 0 })).toBe(0);
  });
});

/**
 * The central difference of f along x at the point, or undefined where it is not trustworthy:
 * Richardson's two step sizes must agree, which fails near singularities and corners.
 */
function centralDifference(f: Expr, x: string, at: Record<string, number>): number | undefined {
  const step = (h: number): number => {
    const forward = evaluate(f, { ...at, [x]: at[x]! + h });
    const backward = evaluate(f, { ...at, [x]: at[x]! - h });
    return (forward - backward) / (2 * h);
  };
  // far from 1 the step is lost in rounding: near a pole, or a constant such as tan(1.5707963)
  if (!(Math.abs(evaluate(f, at)) < 1e6)) return undefined;
  const h = 1e-4 * Math.max(1, Math.abs(at[x]!));
  const coarse = step(h);
  const fine = step(h / 2);
  if (!Number.isFinite(coarse) || !Number.isFinite(fine)) return undefined;
  const estimate = (4 * fine - coarse) / 3; // Richardson: cancels the h² error term
  if (!close(coarse, fine, 1e-5)) return undefined;
  return estimate;
}

describe("gradient, jacobian, hessian, directionalDerivative", () => {
  test("gradient lists the partials in natural order of the variables", () => {
    expect(gradient("x^2*y + z").map(text)).toEqual(["2*x*y", "x^2", "1"]);
    expect(gradient("x_10*x_2 + x_1").map(text)).toEqual(["1", "x_10", "x_2"]);
    expect(gradient("x*y", ["y", "x"]).map(text)).toEqual(["x", "y"]);
  });

  test("jacobian has one row per expression and one column per variable", () => {
    expect(jacobian(["x*y", "x + y"]).map((row) => row.map(text))).toEqual([["y", "x"], ["1", "1"]]);
    expect(jacobian(["r*cos(t)", "r*sin(t)"], ["r", "t"]).map((row) => row.map(text)))
      .toEqual([["cos(t)", "-r*sin(t)"], ["sin(t)", "r*cos(t)"]]);
    expect(() => jacobian([])).toThrow(ArgumentError);
  });

  test("hessian is the symmetric matrix of second partials, each pair computed once", () => {
    const h = hessian("x^2*y + z");
    expect(h.map((row) => row.map(text))).toEqual([["2*y", "2*x", "0"], ["2*x", "0", "0"], ["0", "0", "0"]]);
    expect(h[0]![1]).toBe(h[1]![0]);
    expect(hessian("x^3*y^2 + sin(x*y)", ["x", "y"]).map((row) => row.map(text))).toEqual([
      ["y^2*(6*x - sin(x*y))", "6*x^2*y - x*y*sin(x*y) + cos(x*y)"],
      ["6*x^2*y - x*y*sin(x*y) + cos(x*y)", "x^2*(2*x - sin(x*y))"],
    ]);
  });

  test("directionalDerivative sums the partials along the direction", () => {
    expect(text(directionalDerivative("x^2*y", { x: 1, y: 2 }))).toBe("2*x*(x + y)");
    expect(text(directionalDerivative("x^2 + y^2", { x: 3, y: 4 }, { normalize: true }))).toBe("(6*x + 8*y)/5");
    expect(text(directionalDerivative("x*y", { x: "a" }))).toBe("a*y");
  });
});
