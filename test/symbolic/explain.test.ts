import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { derivative, equals, explain, formatExplanation, type ExplanationStep } from "../../src/symbolic/index.js";
import { expression, VARIABLES } from "./arbitrary.js";

const rules = (step: ExplanationStep): string[] => [step.rule, ...step.steps.flatMap(rules)];

describe("explain", () => {
  test("works the textbook example step by step", () => {
    expect(formatExplanation(explain("x^2*y + z", "x"))).toBe([
      "∂/∂x(x^2*y + z) = ∂/∂x(x^2*y) + ∂/∂x(z)   [sum rule: the derivative of a sum is the sum of the derivatives]",
      "  ∂/∂x(x^2*y) = y*∂/∂x(x^2)   [constant multiple rule: y does not depend on x]",
      "    ∂/∂x(x^2) = 2*x   [power rule: ∂/∂x x^n = n*x^(n - 1)]",
      "  so ∂/∂x(x^2*y) = 2*x*y",
      "  ∂/∂x(z) = 0   [constant rule: z does not depend on x]",
      "so ∂/∂x(x^2*y + z) = 2*x*y",
    ].join("\n"));
  });

  test("names the inner and outer functions of the chain rule", () => {
    const text = formatExplanation(explain("sin(x^2)", "x"));
    expect(text).toContain("[chain rule: outer sin(u), inner u = x^2; d/du sin(u) = cos(u)]");
    expect(text).toContain("so ∂/∂x(sin(x^2)) = 2*x*cos(x^2)");
  });

  test("uses the quotient, product, exponential and general power rules", () => {
    expect(rules(explain("x/(x + 1)", "x").root)[0]).toBe("quotient");
    expect(rules(explain("x*sin(x)", "x").root)[0]).toBe("product");
    expect(rules(explain("2^x", "x").root)[0]).toBe("exponential");
    expect(rules(explain("x^x", "x").root)[0]).toBe("general power");
    expect(rules(explain("(x + 1)^3", "x").root)).toEqual(["chain", "sum", "variable", "constant"]);
    expect(rules(explain("exp(x)", "x").root)).toEqual(["function"]);
  });

  test("ends with the same result as derivative", () => {
    fc.assert(fc.property(expression({ maxDepth: 3 }), fc.constantFrom(...VARIABLES), (f, x) => {
      expect(equals(explain(f, x).result, derivative(f, x))).toBe(true);
    }), { numRuns: 150 });
  });

  test("formats as a LaTeX align* environment", () => {
    const latex = formatExplanation(explain("x^2*y + z", "x"), "latex");
    expect(latex.split("\n")[0]).toBe("\\begin{align*}");
    expect(latex).toContain("\\frac{\\partial}{\\partial x}\\left(x^{2} y\\right) &= y \\cdot \\frac{\\partial}{\\partial x}\\left(x^{2}\\right)");
    expect(latex).toContain("\\Rightarrow \\frac{\\partial}{\\partial x}\\left(x^{2} y + z\\right) &= 2 x y \\\\");
    expect(latex.endsWith("\\end{align*}")).toBe(true);
  });
});
