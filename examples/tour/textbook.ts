/**
 * Chapter 1: the textbook example. The partial derivatives of f(x, y, z) = x²y + z at a point, by
 * reverse-mode automatic differentiation, beside central finite differences and the formulas.
 */
import { grad, tensor, type Tensor } from "../../src/index.js";
import { fixed, heading, paragraph, sci, table, type Log } from "./format.js";

/** f(x, y, z) = x²y + z. */
export const f = (x: Tensor, y: Tensor, z: Tensor): Tensor => x.square().mul(y).add(z);

export interface TextbookResult {
  readonly point: readonly [number, number, number];
  readonly value: number;
  /** [∂f/∂x, ∂f/∂y, ∂f/∂z] by `grad`. */
  readonly automatic: readonly number[];
  /** The same from the formulas 2xy, x², 1. */
  readonly formula: readonly number[];
  /** The same by central differences with step `step`. */
  readonly finiteDifference: readonly number[];
  readonly step: number;
}

export function textbook(log: Log = console.log, point: readonly [number, number, number] = [1.5, -2, 0.5]): TextbookResult {
  heading(log, "1. Partial derivatives of f(x, y, z) = x²y + z");
  const [x, y, z] = point;
  const args = point.map((v) => tensor(v, { dtype: "float64" }));

  // grad with argnums [0, 1, 2] returns one gradient per argument: ∂f/∂x, ∂f/∂y, ∂f/∂z.
  const gradients = grad(f, { argnums: [0, 1, 2] })(...args) as Tensor[];
  const automatic = gradients.map((g) => g.item());
  const formula = [2 * x * y, x * x, 1];

  // Central differences (f(v + h) - f(v - h)) / 2h: error of order h², plus rounding of order ε/h.
  const step = 1e-5;
  const at = (values: readonly number[]): number => f(...(values.map((v) => tensor(v, { dtype: "float64" })) as [Tensor, Tensor, Tensor])).item();
  const finiteDifference = point.map((_, i) => {
    const plus = point.map((v, j) => (j === i ? v + step : v));
    const minus = point.map((v, j) => (j === i ? v - step : v));
    return (at(plus) - at(minus)) / (2 * step);
  });

  const value = f(args[0]!, args[1]!, args[2]!).item();
  log(`  At (x, y, z) = (${point.join(", ")}):  f = ${value}`);
  log("");
  const names = ["∂f/∂x", "∂f/∂y", "∂f/∂z"];
  const formulas = ["2xy", "x²", "1"];
  table(
    log,
    ["partial", "formula", "exact", "grad (autodiff)", "central difference", "|difference|"],
    names.map((name, i) => [
      name,
      formulas[i]!,
      fixed(formula[i]!, 6),
      fixed(automatic[i]!, 6),
      fixed(finiteDifference[i]!, 6),
      sci(Math.abs(finiteDifference[i]! - automatic[i]!), 1),
    ]),
  );
  log("");
  paragraph(
    log,
    `grad(f, { argnums: [0, 1, 2] }) gives all three partials from one reverse pass, equal to the formulas to the last bit in float64. ` +
      `Finite differences with step h = ${step} agree only to about ${Math.round(-Math.log10(Math.max(...finiteDifference.map((d, i) => Math.abs(d - automatic[i]!)), 1e-16)))} digits: ` +
      `they trade truncation error (h²) against rounding error (ε/h), and need one extra pair of evaluations per input.`,
  );
  return { point, value, automatic, formula, finiteDifference, step };
}
