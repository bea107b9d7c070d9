import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import {
  countOperations, countOperationsInText, derivative, evaluate, freeVariables, parse, toText,
} from "../../src/symbolic/index.js";
import { close } from "./arbitrary.js";

// Written by scripts/compare-sympy.py from SymPy's simplify(diff(f, x)); SymPy is not needed here.
const fixture = JSON.parse(readFileSync(new URL("./fixtures/sympy-derivatives.json", import.meta.url), "utf8")) as {
  derivatives: Array<{ expression: string; variable: string; sympy: string }>;
};

const POINTS = [0.3, 0.7, 1.6, 2.9, -0.4, -1.3];

describe("compared with SymPy's simplified derivatives", () => {
  test("the list holds at least 50 derivatives", () => {
    expect(fixture.derivatives.length).toBeGreaterThanOrEqual(50);
  });

  test.each(fixture.derivatives.map((d) => [d.variable, d.expression, d.sympy]))(
    "d/d%s %s has SymPy's value and no more operations than %s",
    (variable, expression, sympy) => {
      const ours = derivative(expression, variable);
      const theirs = parse(sympy);
      let compared = 0;
      for (let i = 0; i < POINTS.length; i++) {
        const at: Record<string, number> = {};
        freeVariables(parse(expression), theirs).forEach((name, k) => { at[name] = POINTS[(i + 2 * k) % POINTS.length]!; });
        const expected = evaluate(theirs, at);
        if (!Number.isFinite(expected)) continue;
        expect(close(evaluate(ours, at), expected, 1e-9), `${toText(ours)} at ${JSON.stringify(at)}`).toBe(true);
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
      expect(countOperations(ours), `nabla: ${toText(ours)}`).toBeLessThanOrEqual(countOperationsInText(sympy));
    },
  );
});
