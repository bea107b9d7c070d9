/**
 * Chapter 4: the Hessian of the Rosenbrock function, and one Newton step beside one gradient step.
 */
import { grad, hessian, solve, tensor, type Tensor } from "../../src/index.js";
import { fixed, heading, matrix, paragraph, sci, table, type Log } from "./format.js";

/** Rosenbrock's banana valley f(x, y) = (1 - x)² + 100 (y - x²)², on a vector [x, y]; minimum 0 at (1, 1). */
export const rosenbrock = (p: Tensor): Tensor => {
  const x = p.take(0);
  const y = p.take(1);
  return x.neg().add(1).square().add(y.sub(x.square()).square().mul(100));
};

const MINIMUM = [1, 1] as const;

export interface NewtonResult {
  readonly start: readonly number[];
  readonly hessian: number[][];
  readonly gradientStep: number[];
  readonly newtonStep: number[];
  /** Distances to the minimum (1, 1) from the start, after the gradient step and after the Newton step. */
  readonly distances: { readonly start: number; readonly gradient: number; readonly newton: number };
  /** Distance to the minimum after each of several Newton steps from the start. */
  readonly newtonPath: readonly number[];
}

const distance = (p: readonly number[]): number => Math.hypot(p[0]! - MINIMUM[0], p[1]! - MINIMUM[1]);
const value = (p: readonly number[]): number => rosenbrock(tensor(p as number[], { dtype: "float64" })).item();

/** θ - H⁻¹∇f(θ): the minimum of the local quadratic model of f. */
function newtonStep(p: readonly number[]): number[] {
  const point = tensor(p as number[], { dtype: "float64" });
  return point.sub(solve(hessian(rosenbrock)(point), grad(rosenbrock)(point))).toArray() as number[];
}

/**
 * @param learningRate - the gradient step's size; by default 1/λmax, the largest eigenvalue of the
 *   Hessian at the start (the largest step that does not overshoot along the stiffest direction)
 */
export function newton(log: Log = console.log, start: readonly [number, number] = [0.75, 0], learningRate?: number): NewtonResult {
  heading(log, "4. The Hessian of Rosenbrock's function, and a Newton step beside a gradient step");
  const point = tensor([...start], { dtype: "float64" });
  const g = grad(rosenbrock)(point).toArray() as number[];
  const H = hessian(rosenbrock)(point).toArray() as number[][];
  const [x, y] = start;
  const formula = [
    [2 - 400 * (y - x * x) + 800 * x * x, -400 * x],
    [-400 * x, 200],
  ];

  log("  f(x, y) = (1 - x)² + 100 (y - x²)², a curved valley with its minimum f = 0 at (1, 1).");
  log(`  At (x, y) = (${start.join(", ")}):  f = ${fixed(value(start), 6)},  ∇f = (${g.map((v) => fixed(v, 6)).join(", ")})`);
  log("");
  log("  H = [[∂²f/∂x², ∂²f/∂x∂y], [∂²f/∂y∂x, ∂²f/∂y²]] = [[2 - 400(y - x²) + 800x², -400x], [-400x, 200]]");
  log("");
  matrix(log, "hessian(f) ", H, 4);
  matrix(log, "formula    ", formula, 4);
  log("");

  const lambda = largestEigenvalue(H);
  const rate = learningRate ?? 1 / lambda;
  const gradientStep = start.map((v, i) => v - rate * g[i]!);
  const newtonPoint = newtonStep(start);
  const distances = { start: distance(start), gradient: distance(gradientStep), newton: distance(newtonPoint) };
  table(
    log,
    ["one step from the start", "to (x, y)", "f(x, y)", "distance to (1, 1)"],
    [
      ["start", `(${start.map((v) => fixed(v, 6)).join(", ")})`, fixed(value(start), 6), fixed(distances.start, 6)],
      [`gradient: p - ${learningRate === undefined ? "∇f/λmax" : `${rate}·∇f`}`, `(${gradientStep.map((v) => fixed(v, 6)).join(", ")})`, fixed(value(gradientStep), 6), fixed(distances.gradient, 6)],
      ["Newton:   p - H⁻¹∇f", `(${newtonPoint.map((v) => fixed(v, 6)).join(", ")})`, fixed(value(newtonPoint), 6), fixed(distances.newton, 6)],
    ],
  );

  const newtonPath: number[] = [];
  let p: number[] = [...start];
  for (let k = 0; k < 5; k++) {
    p = newtonStep(p);
    newtonPath.push(distance(p));
  }
  log("");
  log(`  Five Newton steps, distance to (1, 1): ${newtonPath.map((d) => sci(d, 1)).join(", ")}`);
  log("");
  const winner = distances.newton < distances.gradient ? "Newton" : "gradient";
  paragraph(
    log,
    `The ${winner} step lands closer. The gradient points mostly across the valley, not along it, and its step ` +
      `must stay short: with the Hessian's largest eigenvalue λmax = ${fixed(lambda, 1)}, any step size beyond 2/λmax = ${fixed(2 / lambda, 5)} ` +
      `makes gradient descent overshoot and diverge along the stiffest direction (this step takes 1/λmax). Newton's step uses all of the curvature, jumping to the minimum of ` +
      `the local quadratic model: here onto the valley floor. Near the minimum, each further Newton step squares the error.`,
  );
  return { start, hessian: H, gradientStep, newtonStep: newtonPoint, distances, newtonPath };
}

/** The larger eigenvalue of a symmetric 2 × 2 matrix. */
function largestEigenvalue(H: number[][]): number {
  const [a, b, d] = [H[0]![0]!, H[0]![1]!, H[1]![1]!];
  return (a + d) / 2 + Math.hypot((a - d) / 2, b);
}
