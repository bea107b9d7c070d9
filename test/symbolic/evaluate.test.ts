import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  ArgumentError, compile, compileGradient, compileMany, evaluate, gradient, MissingValueError, parse,
} from "../../src/symbolic/index.js";
import { erf as erfNumber } from "../../src/math/erf.js";
import { close, expression, PIECEWISE, point, SMOOTH } from "./arbitrary.js";

describe("evaluate", () => {
  test("evaluates in float64 at a point", () => {
    expect(evaluate("x^2*y + z", { x: 1, y: 2, z: 3 })).toBe(5);
    expect(evaluate("sin(pi/2) + e^0", {})).toBe(2);
    expect(evaluate("atan2(1, 1)", {})).toBeCloseTo(Math.PI / 4, 15);
    expect(evaluate("log(-1)", {})).toBeNaN();
    expect(evaluate("cbrt(-8)", {})).toBe(-2);
  });

  test("names the variable that has no value", () => {
    expect(() => evaluate("x + y", { x: 1 })).toThrow(MissingValueError);
    expect(() => evaluate("x + y", { x: 1 })).toThrow(/none for y/);
  });

  test("computes the special functions accurately", () => {
    // reference values of erf to 16 digits
    expect(erfNumber(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erfNumber(1)).toBeCloseTo(0.8427007929497149, 14);
    expect(erfNumber(2.5)).toBeCloseTo(0.9995930479825550, 14);
    expect(erfNumber(3.5)).toBeCloseTo(0.9999992569016276, 14);
    expect(erfNumber(-1)).toBeCloseTo(-0.8427007929497149, 14);
    expect(evaluate("sigmoid(-800)", {})).toBe(0);
    expect(evaluate("softplus(800)", {})).toBe(800);
    expect(evaluate("heaviside(0)", {})).toBe(0.5);
  });
});

describe("compile", () => {
  test("takes the variables in natural order by default, or in the order given", () => {
    const f = compile("x^2*y + z");
    expect(f.variables).toEqual(["x", "y", "z"]);
    expect(f(1, 2, 3)).toBe(5);
    expect(compile("x - y", ["y", "x"])(1, 5)).toBe(4);
  });

  test("agrees with evaluate on random expressions", () => {
    fc.assert(fc.property(expression({ functions: [...SMOOTH, ...PIECEWISE] }), point, (e, at) => {
      const f = compile(e, ["x", "y", "z"]);
      const expected = evaluate(e, at);
      const actual = f(at.x, at.y, at.z);
      // At a pole the two may reach infinities of opposite signs through a signed zero (-0 vs 0):
      // both undefined there is agreement.
      const bothUndefined = !Number.isFinite(actual) && !Number.isFinite(expected);
      expect(close(actual, expected, 1e-12) || bothUndefined).toBe(true);
    }), { numRuns: 500 });
  });

  test("compiles two-argument functions", () => {
    const f = compile("atan2(y, x) + min(x, y) * max(x, y)");
    expect(f(1, 2)).toBeCloseTo(Math.atan2(2, 1) + 2, 15);
  });

  test("evaluates and compiles min and max of any number of arguments", () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }), ([x, y, z, w]) => {
      const at = { x: x!, y: y!, z: z!, w: w! };
      for (const [text, expected] of [
        ["max(x, y, z)", Math.max(x!, y!, z!)],
        ["min(x, y, z, w)", Math.min(x!, y!, z!, w!)],
        ["max(x, y, z, w) - min(w, z, y)", Math.max(x!, y!, z!, w!) - Math.min(w!, z!, y!)],
      ] as const) {
        expect(evaluate(text, at)).toBe(expected);
        expect(compile(text, ["x", "y", "z", "w"])(x!, y!, z!, w!)).toBe(expected);
      }
    }), { numRuns: 200 });
  });

  test("refuses a wrong number of values and unknown variables", () => {
    expect(() => compile("x + y")(1)).toThrow(ArgumentError);
    expect(() => compile("x + y", ["x"])).toThrow(/none for y/);
  });

  test("treats names that JavaScript objects carry as plain variables", () => {
    expect(() => compile("constructor(x)")).toThrow(/unknown function/);
    expect(compile("constructor + toString")(1, 2)).toBe(3);
    expect(() => evaluate("constructor", {})).toThrow(MissingValueError);
    expect(evaluate("valueOf*2", { valueOf: 4 })).toBe(8);
  });

  test("compileGradient returns every partial, agreeing with the symbolic gradient", () => {
    const grad = compileGradient("x^2*y + z");
    expect([...grad(1, 2, 3)]).toEqual([4, 1, 1]);
    fc.assert(fc.property(expression({ maxDepth: 3 }), point, (e, at) => {
      const names = ["x", "y", "z"];
      const compiled = compileGradient(e, names)(at.x, at.y, at.z);
      gradient(e, names).forEach((d, i) => {
        const expected = evaluate(d, at);
        expect(close(compiled[i]!, expected, 1e-12) || (Number.isNaN(compiled[i]!) && Number.isNaN(expected))).toBe(true);
      });
    }), { numRuns: 200 });
  });

  test("compileMany computes several expressions", () => {
    expect([...compileMany(["x + y", "x*y"])(2, 3)]).toEqual([5, 6]);
    expect([...compileMany([parse("sin(x)^2"), parse("sin(x)")])(0)]).toEqual([0, 0]);
  });
});
