import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { evaluate, parse, parseList, ParseError, toLatex, toText, equals } from "../../src/symbolic/index.js";

const text = (input: string): string => toText(parse(input));

function parseError(input: string): ParseError {
  try {
    parse(input);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`expected a ParseError for ${JSON.stringify(input)}`);
}

describe("parse", () => {
  test("reads numbers exactly, including decimals and exponents", () => {
    expect(text("2")).toBe("2");
    expect(text("0.5")).toBe("1/2");
    expect(text(".25")).toBe("1/4");
    expect(text("1e-3")).toBe("1/1000");
    expect(text("2.5E+2")).toBe("250");
    expect(text("0.1 + 0.2")).toBe("3/10");
  });

  test("reads multi-letter, greek and subscripted names as single variables", () => {
    expect(text("theta*x_1 + rate")).toBe("theta*x_1 + rate");
    expect(text("xy")).toBe("xy");
    expect(text("θ + 1")).toBe("θ + 1");
  });

  test("gives ^ precedence over unary minus and makes it right-associative", () => {
    expect(equals(parse("-x^2"), parse("-(x^2)"))).toBe(true);
    expect(equals(parse("x^y^z"), parse("x^(y^z)"))).toBe(true);
    expect(equals(parse("2^-x"), parse("2^(-x)"))).toBe(true);
    expect(text("x^-2")).toBe("1/x^2");
    expect(text("x**3")).toBe("x^3");
  });

  test("gives * and / precedence over + and -, left to right", () => {
    expect(equals(parse("a - b - c"), parse("a - (b + c)"))).toBe(true);
    expect(equals(parse("a/b/c"), parse("a/(b*c)"))).toBe(true);
    expect(equals(parse("1 + 2*x"), parse("1 + (2*x)"))).toBe(true);
  });

  test("reads the constants pi and e", () => {
    expect(text("2*pi")).toBe("2*pi");
    expect(text("e^x")).toBe("exp(x)");
    expect(text("e")).toBe("e");
  });

  test("reads 1 - -2*x", () => {
    expect(text("1 - -2*x")).toBe("2*x + 1");
  });

  test("accepts implicit multiplication where it is unambiguous", () => {
    expect(text("2x")).toBe("2*x");
    expect(text("2(x + 1)")).toBe("2*(x + 1)");
    expect(text("(x + 1)(x - 1)")).toBe("(x - 1)*(x + 1)");
    expect(text("x y")).toBe("x*y");
    expect(text("2 sin(x)")).toBe("2*sin(x)");
    expect(text("2x^2")).toBe("2*x^2");
    expect(text("-2x")).toBe("-2*x");
  });

  test("refuses ambiguous implicit multiplication with a hint", () => {
    expect(parseError("1/2x").reason).toMatch(/ambiguous implicit multiplication after "\/".*a\/\(b\*c\)/);
    expect(parseError("x^2y").reason).toMatch(/after an exponent.*x\^2\*y or x\^\(2\*y\)/);
    expect(parseError("e^2x").column).toBe(4);
    expect(parseError("x 2").reason).toMatch(/missing operator before "2"/);
    expect(parseError("f(x)").reason).toMatch(/unknown function "f".*write f\*\(\.\.\.\)/);
  });

  test("maps sqrt, pow and ln to powers and log", () => {
    expect(text("sqrt(x)")).toBe("sqrt(x)");
    expect(equals(parse("sqrt(x)"), parse("x^(1/2)"))).toBe(true);
    expect(equals(parse("pow(x, 3)"), parse("x^3"))).toBe(true);
    expect(equals(parse("ln(x)"), parse("log(x)"))).toBe(true);
  });

  test("reads log(x, b) as the logarithm in base b, the quotient log(x)/log(b)", () => {
    expect(equals(parse("log(x, y)"), parse("log(x)/log(y)"))).toBe(true);
    expect(text("log(x, 3)")).toBe("log(x)/log(3)");
    expect(text("log(x^2 + 1, 5)")).toBe("log(x^2 + 1)/log(5)");
    expect(text("log(x, 10)")).toBe("log10(x)");
    expect(text("log(x, 2)")).toBe("log2(x)");
    expect(text("log(x, e)")).toBe("log(x)");
    expect(text("log(8, 2)")).toBe("3");
    expect(text("log(9, 3)")).toBe("2");
    expect(text("log(10, 3)")).toBe("log(10)/log(3)");
    expect(text("log(x)")).toBe("log(x)");
    expect(toLatex(parse("log(x, 3)"))).toBe("\\frac{\\ln\\left(x\\right)}{\\ln\\left(3\\right)}");
  });

  test("reads min and max of any number of arguments, one form for each", () => {
    expect(text("max(x, y, z)")).toBe("max(x, y, z)");
    expect(text("min(x, y, z, w)")).toBe("min(x, y, z, w)");
    expect(text("max(max(x, y), z)")).toBe("max(x, y, z)");
    expect(text("max(x, max(y, z))")).toBe("max(x, y, z)");
    expect(text("max(x, min(y, z))")).toBe("max(x, min(y, z))");
    expect(text("max(x, 1, 2)")).toBe("max(x, 2)");
    expect(text("min(1, x, 2, y)")).toBe("min(1, x, y)");
    expect(text("max(x, y, x)")).toBe("max(x, y)");
    expect(text("min(x, x)")).toBe("x");
    expect(text("max(1, 3, 2)")).toBe("3");
    expect(toLatex(parse("max(x, y, z)"))).toBe("\\max\\left(x, y, z\\right)");
  });

  test("log(x, b) has the value of the logarithm in base b", () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (x, b) => {
      if (Math.abs(b - 1) < 1e-3) return;
      const expected = Math.log(x) / Math.log(b);
      expect(Math.abs(evaluate("log(x, b)", { x, b }) - expected)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected)));
      expect(Math.abs(evaluate(parse("log(x, 7)"), { x }) - Math.log(x) / Math.log(7))).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected)));
    }), { numRuns: 200 });
  });

  test("parses every function of the documented list", () => {
    const names = ["sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh", "tanh",
      "asinh", "acosh", "atanh", "exp", "log", "ln", "log10", "log2", "sqrt", "cbrt", "abs", "sign",
      "sigmoid", "softplus", "relu", "erf", "heaviside"];
    for (const name of names) expect(() => parse(`${name}(x + 2)`)).not.toThrow();
    for (const name of ["atan2", "pow", "min", "max", "log"]) expect(() => parse(`${name}(x, y)`)).not.toThrow();
  });

  test("parseList splits on ; and on top-level commas", () => {
    expect(parseList("x*y; x + y").map(toText)).toEqual(["x*y", "x + y"]);
    expect(parseList("atan2(y, x), x").map(toText)).toEqual(["atan2(y, x)", "x"]);
    expect(() => parseList("x;;y")).toThrow(ParseError);
  });
});

describe("parse errors", () => {
  const cases: Array<[input: string, column: number, reason: RegExp]> = [
    ["", 1, /expected an expression, got end of input/],
    ["   ", 4, /expected an expression, got end of input/],
    ["(x + 1", 7, /missing "\)" for the "\(" at column 1/],
    ["x + 1)", 6, /unmatched "\)" at column 6/],
    ["x +", 4, /expected an operand, got end of input/],
    ["* x", 1, /expected an operand, got "\*"/],
    ["x + * y", 5, /expected an operand, got "\*"/],
    ["sinn(x)", 1, /unknown function "sinn".*Did you mean sign, sin or sinh\?/],
    ["atan2(x)", 1, /atan2 takes 2 arguments, got 1/],
    ["sin(x, y)", 1, /sin takes 1 argument, got 2/],
    ["log(x, y, z)", 1, /log takes 1 or 2 arguments, got 3/],
    ["log()", 1, /log takes 1 or 2 arguments, got 0/],
    ["ln(x, 2)", 1, /ln takes 1 argument, got 2/],
    ["max(x)", 1, /max takes at least 2 arguments, got 1/],
    ["min()", 1, /min takes at least 2 arguments, got 0/],
    ["log(x, 1)", 1, /nonzero base.*Division by zero/],
    ["sin + 1", 1, /sin is a function.*Write sin\(x\)/],
    ["x # y", 3, /unexpected character "#" at column 3/],
    ["2 + 1e99999", 5, /out of range/],
    ["x ^", 4, /expected an operand/],
    ["(,)", 2, /expected an operand, got ","/],
    ["x, y", 2, /unexpected ","/],
    ["1/(x - x)", 2, /nonzero base.*Division by zero.*column 2/],
    ["0^-1", 2, /Division by zero/],
  ];
  test.each(cases)("%j fails at column %i", (input, column, reason) => {
    const error = parseError(input);
    expect(error.column).toBe(column);
    expect(error.reason).toMatch(reason);
    expect(error.op).toBe("parse");
  });

  test("shows the input with a caret under the column", () => {
    expect(parseError("x + (y * 2").message).toBe(
      'parse: missing ")" for the "(" at column 5, got end of input\n  x + (y * 2\n            ^',
    );
  });

  test("refuses nesting deeper than the limit instead of overflowing the stack", () => {
    expect(parseError("(".repeat(100_000) + "x" + ")".repeat(100_000)).reason).toMatch(/nested more than/);
    expect(parseError("-".repeat(100_000) + "x").reason).toMatch(/nested more than/);
    expect(parseError("x^".repeat(100_000) + "x").reason).toMatch(/nested more than/);
    expect(text("(".repeat(200) + "x" + ")".repeat(200))).toBe("x");
  });

  test("ends every random string in a result or a ParseError, quickly", () => {
    const alphabet = fc.constantFrom(..."xyz0123456789.e+-*/^(),; sincoqrtlgpa_E!#".split(""));
    const start = performance.now();
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join("")), (input) => {
        try {
          parse(input);
        } catch (error) {
          if (!(error instanceof ParseError)) throw error;
        }
      }),
      { numRuns: 5000 },
    );
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  test("ends random strings of expression tokens in a result or a ParseError", () => {
    const token = fc.constantFrom("x", "y", "2", "0.5", "1e3", "pi", "e", "+", "-", "*", "/", "^", "**", "(", ")",
      ",", "sin(", "atan2(", "sqrt(", " ", "2x", "x y");
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }).map((ts) => ts.join("")), (input) => {
        try {
          parse(input);
        } catch (error) {
          if (!(error instanceof ParseError)) throw error;
          expect(error.column).toBeGreaterThanOrEqual(1);
          expect(error.column).toBeLessThanOrEqual(input.length + 1);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

test("parse errors are NablaErrors, so one catch serves all of nabla", async () => {
  const { NablaError } = await import("../../src/errors.js");
  expect(() => parse("x +")).toThrow(NablaError);
});
