import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { grad, scalar, tensor, type Tensor } from "../../src/index.js";
import { toTensorFunction } from "../../src/symbolic/bridge/to-tensor-function.js";
import { evaluate, gradient, parse, toText } from "../../src/symbolic/index.js";
import { close, expression, point, SMOOTH } from "./arbitrary.js";

const f64 = (value: number): Tensor => scalar(value, "float64");

describe("toTensorFunction", () => {
  test("computes the expression with nabla's ops", () => {
    const f = toTensorFunction("x^2*y + z");
    expect(f.variables).toEqual(["x", "y", "z"]);
    expect(f(f64(1), f64(2), f64(3)).item()).toBe(5);
    expect([...f(tensor([1, 2], { dtype: "float64" }), f64(2), f64(0)).toArray() as number[]]).toEqual([2, 8]);
  });

  test("gives automatic derivatives that agree with the symbolic ones", () => {
    const names = ["x", "y", "z"];
    fc.assert(fc.property(expression({ maxDepth: 3, functions: SMOOTH }), point, (e, at) => {
      const symbolic = gradient(e, names).map((d) => evaluate(d, at));
      const value = evaluate(e, at);
      if (!Number.isFinite(value) || symbolic.some((v) => !Number.isFinite(v) || Math.abs(v) > 1e6)) return;
      const f = toTensorFunction(e, names);
      const computed = f(f64(at.x), f64(at.y), f64(at.z));
      expect(computed.dtype).toBe("float64");
      expect(close(computed.item(), value, 1e-9), `${toText(e)}: ${computed.item()} vs ${value}`).toBe(true);
      const automatic = grad(f, { argnums: [0, 1, 2] })(f64(at.x), f64(at.y), f64(at.z)) as Tensor[];
      automatic.forEach((g, i) => expect(close(g.item(), symbolic[i]!, 1e-7), `${toText(e)} by ${names[i]}: ${g.item()} vs ${symbolic[i]}`).toBe(true));
    }), { numRuns: 150 });
  });

  test("builds the functions the core has no primitive for from those it has", () => {
    for (const name of ["sec", "csc", "cot", "asinh", "acosh", "atanh", "log10", "log2", "cbrt", "heaviside"]) {
      const f = toTensorFunction(`${name}(x)`);
      const x = name === "acosh" ? 1.7 : name === "cbrt" ? -0.6 : 0.6;
      expect(f(f64(x)).item()).toBeCloseTo(evaluate(parse(`${name}(x)`), { x }), 12);
    }
    expect(toTensorFunction("atan2(y, x) + max(x, y)")(f64(1), f64(2)).item()).toBeCloseTo(Math.atan2(2, 1) + 2, 12);
    expect(toTensorFunction("max(x, y, z) + 10*min(z, y, x)")(f64(1), f64(3), f64(2)).item()).toBe(13);
  });
});
