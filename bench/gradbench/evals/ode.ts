/**
 * GradBench `ode`: s classic Runge–Kutta steps from y = 0 to time 2 for y' = f(y) with
 * f(y)_0 = x_0 and f(y)_i = x_i·y_(i−1), as in the reference; `gradient` is the gradient of the
 * last element of the final y with respect to x, by `grad`.
 */
import { concatenate, grad, tensor, zeros, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatVector, positiveInteger } from "../json-input.js";

interface OdeInput {
  x: number[];
  s: number;
}

interface Problem {
  x: Tensor;
  steps: number;
}

/** f(y) = x ⊙ (1, y_0, ..., y_(n−2)): y shifted right by one, with 1 in front. */
function derivative(x: Tensor, y: Tensor, one: Tensor): Tensor {
  const n = y.shape[0]!;
  return x.mul(concatenate([one, y.slice([0, n - 1])]));
}

/** The final y after `steps` RK4 steps of size 2/steps. */
export function solve(x: Tensor, steps: number): Tensor {
  const n = x.shape[0]!;
  const h = 2 / steps;
  const one = tensor([1], { dtype: "float64" });
  let y = zeros([n], { dtype: "float64" });
  for (let step = 0; step < steps; step++) {
    const k1 = derivative(x, y, one);
    const k2 = derivative(x, y.add(k1.mul(h / 2)), one);
    const k3 = derivative(x, y.add(k2.mul(h / 2)), one);
    const k4 = derivative(x, y.add(k3.mul(h)), one);
    y = y.add(k1.add(k2.mul(2)).add(k3.mul(2)).add(k4).mul(h / 6));
  }
  return y;
}

/** The last element of the final y, the scalar whose gradient the eval asks for. */
export function lastElement(x: Tensor, steps: number): Tensor {
  const n = x.shape[0]!;
  return solve(x, steps).slice(n - 1);
}

function odeFunction(f: (problem: Problem) => Tensor): EvalFunction<OdeInput, Problem, Tensor> {
  return {
    prepare: (input) => {
      const x = floatVector("ode", input.x, "x");
      if (x.length === 0) throw new Error("ode: expected x to have at least one element, got an empty array.");
      return { x: tensor(x), steps: positiveInteger("ode", input.s, "s") };
    },
    run: f,
    output: (y) => Array.from(y.data()),
  };
}

const gradient = grad(lastElement);

export const ode: EvalModule = {
  primal: odeFunction(({ x, steps }) => solve(x, steps)),
  gradient: odeFunction(({ x, steps }) => gradient(x, steps)),
};
