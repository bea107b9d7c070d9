/**
 * GradBench `particle` (Pearlmutter and Siskind's charged particle): choose the control w that
 * makes a particle, pushed by two charges one of which w moves, cross the x axis at the origin.
 * The simulation takes the gradient of the potential at every Euler step (the inner derivative),
 * and gradient descent over w differentiates through the whole simulation (the outer one). The
 * function names give the modes, outer then inner: rr, rf, fr, ff.
 */
import { tensor, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { argmin, valueOf, withGradient, type Mode } from "../gradient-descent.js";

interface ParticleInput {
  w: number;
}

/** Σ_c 1/|x − c| over the charges (rows of `charges`). */
function potential(x: Tensor, charges: Tensor): Tensor {
  return x.sub(charges).square().sum(1).sqrt().reciprocal().sum();
}

const fixedCharges = tensor([[10, 10], [10, 0]], { dtype: "float64" });
const controlDirection = tensor([[0, 1], [0, 0]], { dtype: "float64" });

/** A simulation longer than this never reaches the axis (the particle escaped). */
const maxSteps = 1_000_000;

/**
 * x_f,0², where x_f is where the particle first crosses the x axis: Euler steps of dt = 0.1 from
 * x = (0, 8), ẋ = (0.75, 0) under the force −∇p, then linear interpolation within the last step.
 * `w` has shape [1].
 */
export function missDistance(w: Tensor, inner: Mode): Tensor {
  const charges = fixedCharges.sub(controlDirection.mul(w)); // (10, 10 − w) and (10, 0)
  const field = withGradient((x: Tensor) => potential(x, charges), inner);
  const dt = 0.1;
  let x = tensor([0, 8], { dtype: "float64" });
  let velocity = tensor([0.75, 0], { dtype: "float64" });
  for (let step = 0; step < maxSteps; step++) {
    const acceleration = field.gradient(x).neg();
    x = x.add(velocity.mul(dt));
    const height = x.slice(1);
    if (valueOf(height) <= 0) {
      const dtFinal = height.neg().div(velocity.slice(1));
      return x.slice(0).add(velocity.slice(0).mul(dtFinal)).square();
    }
    velocity = velocity.add(acceleration.mul(dt));
  }
  throw new Error(`particle: expected the particle to reach the x axis within ${maxSteps} steps, got height ${valueOf(x.slice(1))} after them.`);
}

/** The control w* found by gradient descent from the input's w. */
export function optimalControl(w0: number, outer: Mode, inner: Mode): number {
  const objective = withGradient((w: Tensor) => missDistance(w, inner), outer);
  return argmin(objective, tensor([w0], { dtype: "float64" })).item();
}

function variant(outer: Mode, inner: Mode): EvalFunction<ParticleInput, number, number> {
  return {
    prepare: (input) => {
      if (typeof input.w !== "number" || !Number.isFinite(input.w)) throw new Error(`particle: expected w to be a finite number, got ${String(input.w)}.`);
      return input.w;
    },
    run: (w0) => optimalControl(w0, outer, inner),
    output: (w) => w,
  };
}

export const particle: EvalModule = {
  rr: variant("reverse", "reverse"),
  rf: variant("reverse", "forward"),
  fr: variant("forward", "reverse"),
  ff: variant("forward", "forward"),
};
