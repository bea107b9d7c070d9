import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  countOperations, countOperationsInText, equals, parse, simplify, toLatex, toText,
} from "../../src/symbolic/index.js";
import { expression, PIECEWISE, SMOOTH } from "./arbitrary.js";

const anyExpression = expression({ functions: [...SMOOTH, ...PIECEWISE] });

describe("toText", () => {
  test("parses back to the same tree", () => {
    fc.assert(fc.property(anyExpression, (e) => {
      const printed = toText(e);
      expect(equals(parse(printed), e), printed).toBe(true);
    }), { numRuns: 1000 });
  });

  test("parses back to the same tree after simplification", () => {
    fc.assert(fc.property(expression({ maxDepth: 3 }), (e) => {
      const s = simplify(e);
      expect(equals(parse(toText(s)), s)).toBe(true);
    }), { numRuns: 200 });
  });

  test("writes negative powers as division and subtraction as minus", () => {
    const cases: Array<[string, string]> = [
      ["x*y^-1", "x/y"],
      ["x^-2", "1/x^2"],
      ["-1*x + y", "y - x"],
      ["x + -3", "x - 3"],
      ["(3/2)*x", "3*x/2"],
      ["-x/(2*y)", "-x/(2*y)"],
      ["x^(-1/2)", "1/sqrt(x)"],
      ["x^(1/3)", "x^(1/3)"],
      ["(x + 1)^-2*2", "2/(x + 1)^2"],
      ["(-2)^x", "(-2)^x"],
      ["(1/2)^x", "(1/2)^x"],
      ["x^(-y)", "1/x^y"],
      ["(x*y)^z", "(x*y)^z"],
      ["exp(x)^2", "exp(x)^2"],
      ["-(x^2)", "-x^2"],
      ["1/3 - x", "1/3 - x"],
    ];
    for (const [input, printed] of cases) expect(toText(parse(input)), input).toBe(printed);
  });

  test("orders terms by degree and factors as a person writes them", () => {
    expect(toText(parse("1 + x + x^2"))).toBe("x^2 + x + 1");
    expect(toText(parse("z + y*x^2"))).toBe("x^2*y + z");
    expect(toText(parse("sin(x)*y*3*x"))).toBe("3*x*y*sin(x)");
    expect(toText(parse("x_10 + x_2 + x_1"))).toBe("x_1 + x_2 + x_10");
  });
});

describe("toLatex", () => {
  const cases: Array<[string, string]> = [
    ["x^2*y", "x^{2} y"],
    ["x/y", "\\frac{x}{y}"],
    ["1/(2*sqrt(x))", "\\frac{1}{2 \\sqrt{x}}"],
    ["-x/(x + 1)^2", "-\\frac{x}{\\left(x + 1\\right)^{2}}"],
    ["sin(x)^2", "\\sin^{2}\\left(x\\right)"],
    ["log(x)", "\\ln\\left(x\\right)"],
    ["exp(-x^2)", "e^{-x^{2}}"],
    ["abs(x)", "\\left|x\\right|"],
    ["cbrt(x)", "\\sqrt[3]{x}"],
    ["sigmoid(x)", "\\sigma\\left(x\\right)"],
    ["softplus(x)", "\\operatorname{softplus}\\left(x\\right)"],
    ["theta_1 + alpha", "\\alpha + \\theta_{1}"],
    ["2*pi*rate", "2 \\pi \\mathrm{rate}"],
    ["2*3^x", "2 \\cdot 3^{x}"],
    ["x - 1/3", "x - \\frac{1}{3}"],
    ["(x + 1)*(y + 2)", "\\left(x + 1\\right) \\left(y + 2\\right)"],
    ["atan2(y, x)", "\\operatorname{atan2}\\left(y, x\\right)"],
  ];
  test.each(cases)("%s prints as %s", (input, latex) => {
    expect(toLatex(parse(input))).toBe(latex);
  });
});

describe("countOperations", () => {
  test("counts what the printed text shows", () => {
    fc.assert(fc.property(anyExpression, (e) => {
      expect(countOperations(e)).toBe(countOperationsInText(toText(e)));
    }), { numRuns: 1000 });
  });

  test("counts binary and unary operators and calls", () => {
    expect(countOperations(parse("x^2*y + z"))).toBe(3);
    expect(countOperations(parse("-x"))).toBe(1);
    expect(countOperations(parse("1/(2*sqrt(x))"))).toBe(3);
    expect(countOperationsInText("(x + 1)^(-2)")).toBe(3);
  });
});
