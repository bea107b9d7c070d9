/**
 * The gradient-descent search shared by GradBench's nested-AD evals (`particle`, `saddle`), as
 * PROTOCOL-NOTES.md states it after GradBench's C++ reference (cpp/gradbench/gd.hpp): step size
 * 1e-5, doubled after ten accepted steps in a row, halved after a rejected one; stop when the
 * gradient or the step is at most 1e-5.
 *
 * Points are 1-d float64 tensors and may be tracers of an enclosing transformation: the search is
 * differentiated through when it runs inside an outer derivative. Its decisions (comparisons,
 * norms) read the values through `stopGradient`: they are tests on the current value, whose
 * derivative is not wanted, while the iterates themselves stay differentiable.
 */
import { eye, grad, jvp, stack, stopGradient, type Tensor } from "../../src/index.js";

/** How a derivative is taken: "forward" (one jvp per input coordinate) or "reverse" (grad). */
export type Mode = "forward" | "reverse";

/** A scalar function of a point and its gradient. */
export interface Objective {
  value(x: Tensor): Tensor;
  gradient(x: Tensor): Tensor;
}

/** The objective f with its gradient taken in the given mode. */
export function withGradient(f: (x: Tensor) => Tensor, mode: Mode): Objective {
  return { value: f, gradient: mode === "reverse" ? grad(f) : forwardGradient(f) };
}

/**
 * The gradient of a scalar function by forward mode: the directional derivatives along each unit
 * vector, one jvp each. (jacfwd would vectorize them with vmap, which cannot follow the
 * value-dependent branches of these evals' programs.)
 */
export function forwardGradient(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return (x) => {
    const basis = eye(x.shape[0]!, x.shape[0]!, { dtype: x.dtype });
    const slopes: Tensor[] = [];
    for (let i = 0; i < x.shape[0]!; i++) slopes.push(jvp(f, [x], [basis.slice(i)])[1]);
    return stack(slopes);
  };
}

/** A search this long has stopped making progress (NaN values never meet the stopping tests). */
const maxIterations = 100_000;

/** The point the search stops at, starting from `start`. */
export function argmin(objective: Objective, start: Tensor): Tensor {
  let x = start;
  let fx = objective.value(x);
  let g = objective.gradient(x);
  let eta = 1e-5;
  let accepted = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const gradientNorm = norm(g);
    if (gradientNorm <= 1e-5) return x;
    if (accepted === 10) {
      eta *= 2;
      accepted = 0;
      continue;
    }
    const next = x.sub(g.mul(eta));
    if (distance(x, next) <= 1e-5) return x;
    const fNext = objective.value(next);
    if (valueOf(fNext) < valueOf(fx)) {
      x = next;
      fx = fNext;
      g = objective.gradient(x);
      accepted++;
    } else {
      eta /= 2;
      accepted = 0;
    }
  }
  throw new Error(`argmin: expected the gradient descent to stop within ${maxIterations} iterations, got f = ${valueOf(fx)} and |gradient| = ${norm(g)} after them. Check the objective for NaN or unbounded values.`);
}

/** The point where the search for the largest value of the objective stops. */
export function argmax(objective: Objective, start: Tensor): Tensor {
  return argmin({ value: (x) => objective.value(x).neg(), gradient: (x) => objective.gradient(x).neg() }, start);
}

/** The objective's value at its argmax. */
export function maximum(objective: Objective, start: Tensor): Tensor {
  return objective.value(argmax(objective, start));
}

/** The value of a (possibly traced) scalar, for a decision. */
export function valueOf(x: Tensor): number {
  return stopGradient(x).item();
}

function distance(a: Tensor, b: Tensor): number {
  const u = stopGradient(a).data();
  const v = stopGradient(b).data();
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += (u[i]! - v[i]!) ** 2;
  return Math.sqrt(sum);
}

function norm(v: Tensor): number {
  let sum = 0;
  for (const value of stopGradient(v).data()) sum += value * value;
  return Math.sqrt(sum);
}
