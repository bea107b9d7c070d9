/**
 * GradBench `saddle` (Pearlmutter and Siskind): the saddle point of
 * f(x, y) = (x_0² + x_1²) − (y_0² + y_1²) as x* = argmin_x max_y f(x, y), then
 * y* = argmax_y f(x*, y), every search starting from the input's point. The inner search's
 * gradient (with respect to y) is taken inside the outer one's (with respect to x, through the
 * whole inner search). The function names give the modes, outer then inner: rr, rf, fr, ff.
 */
import { tensor, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatVector } from "../json-input.js";
import { argmax, argmin, maximum, withGradient, type Mode } from "../gradient-descent.js";

interface SaddleInput {
  start: number[];
}

/** f(x, y) = |x|² − |y|². */
export function saddleFunction(x: Tensor, y: Tensor): Tensor {
  return x.square().sum().sub(y.square().sum());
}

/** [x*_0, x*_1, y*_0, y*_1]. */
export function saddlePoint(start: Tensor, outer: Mode, inner: Mode): number[] {
  const innerObjective = (x: Tensor) => withGradient((y: Tensor) => saddleFunction(x, y), inner);
  const outerObjective = withGradient((x: Tensor) => maximum(innerObjective(x), start), outer);
  const x = argmin(outerObjective, start);
  const y = argmax(innerObjective(x), start);
  return [...x.data(), ...y.data()]; // concrete: no transformation is active here
}

function variant(outer: Mode, inner: Mode): EvalFunction<SaddleInput, Tensor, number[]> {
  return {
    prepare: (input) => {
      const start = floatVector("saddle", input.start, "start");
      if (start.length !== 2) throw new Error(`saddle: expected start to hold 2 numbers, got ${start.length}.`);
      return tensor(start);
    },
    run: (start) => saddlePoint(start, outer, inner),
    output: (point) => point,
  };
}

export const saddle: EvalModule = {
  rr: variant("reverse", "reverse"),
  rf: variant("reverse", "forward"),
  fr: variant("forward", "reverse"),
  ff: variant("forward", "forward"),
};
