/**
 * GradBench `hello`: the protocol check. `square` is x², and `double` its derivative 2x, computed
 * by `grad` rather than written down.
 */
import { grad, scalar, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";

const square = (x: Tensor): Tensor => x.mul(x);

function scalarFunction(f: (x: Tensor) => Tensor): EvalFunction<number, Tensor, Tensor> {
  return {
    prepare: (x) => {
      if (typeof x !== "number") throw new Error(`hello: expected a number as input, got ${typeof x}.`);
      return scalar(x, "float64");
    },
    run: f,
    output: (y) => y.item(),
  };
}

export const hello: EvalModule = {
  square: scalarFunction(square),
  double: scalarFunction(grad(square)),
};
