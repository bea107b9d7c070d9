import { bind } from "../core/trace.js";
import { ValueError } from "../errors.js";
import type { Tensor, TensorLike } from "../tensor/tensor.js";
import { isFloat } from "../tensor/dtype.js";
import { astype, toTensor } from "./convert.js";
import { primitives as p } from "../primitives/index.js";
import { tensor } from "./creation.js";
import { expandDims } from "./shape.js";
import { sum } from "./reduce.js";

/** A float tensor from `x` (integers become float64, booleans float32, as the other unary ops do). */
function floatInput(op: string, x: TensorLike): Tensor {
  const t = toTensor(op, x);
  return isFloat(t.dtype) ? t : astype(t, t.dtype === "bool" ? "float32" : "float64");
}

/**
 * The logarithm of the absolute value of the gamma function, log |Γ(x)|, elementwise and accurate
 * to float64 (SciPy's `gammaln`, C's `lgamma`). For negative non-integer x it is the logarithm of
 * |Γ(x)|; at the poles 0, −1, −2, … it is +∞. Its derivative is `digamma`.
 *
 * @param x - any tensor or number
 * @example
 * lgamma(tensor([1, 2, 5]));         // => tensor([0, 0, 3.178054])
 * // log Γ(1/2) = log √π
 * lgamma(tensor([0.5])).item();      // => 0.5723649
 */
export function lgamma(x: TensorLike): Tensor {
  return bind(p.lgamma, [floatInput("lgamma", x)], {});
}

/**
 * The digamma function ψ(x) = d log Γ(x) / dx, elementwise and accurate to float64 (SciPy's
 * `digamma`). NaN at the poles 0, −1, −2, …. Its derivative is `polygamma(1, x)` (trigamma).
 *
 * @param x - any tensor or number
 * @example
 * // ψ(1) = −γ, minus Euler's constant
 * digamma(tensor([1])).item();   // => -0.5772157
 */
export function digamma(x: TensorLike): Tensor {
  return bind(p.digamma, [floatInput("digamma", x)], {});
}

/**
 * The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function, elementwise and
 * accurate to float64 (SciPy's `polygamma`); `polygamma(0, x)` is `digamma(x)`. Derivatives of any
 * order are exact: the derivative of ψ⁽ⁿ⁾ is ψ⁽ⁿ⁺¹⁾. At the poles 0, −1, −2, … the value is +∞ for
 * odd n and NaN for even n.
 *
 * @param n - the order, an integer ≥ 0
 * @param x - any tensor or number
 * @throws ValueError if `n` is not a non-negative integer
 * @example
 * // the trigamma function at 1 is π²/6
 * polygamma(1, tensor([1])).item();   // => 1.644934
 * polygamma(-1, tensor([1]));         // throws ValueError
 */
export function polygamma(n: number, x: TensorLike): Tensor {
  if (!Number.isInteger(n) || n < 0) {
    throw new ValueError("polygamma", `expected an integer order n ≥ 0, got ${n}. The order counts derivatives of digamma (n = 0 is digamma itself).`);
  }
  const t = floatInput("polygamma", x);
  return n === 0 ? bind(p.digamma, [t], {}) : bind(p.polygamma, [t], { order: n });
}

/**
 * The multivariate log-gamma function of dimension d, elementwise in `a`:
 * log Γ_d(a) = d(d − 1)/4 · log π + Σ_{j=1..d} log Γ(a + (1 − j)/2) (SciPy's `multigammaln`). It is
 * the log-normalizer of the Wishart distribution, defined for a > (d − 1)/2; below that the same
 * formula is evaluated with `lgamma`'s log |Γ|.
 *
 * @param a - any tensor or number
 * @param d - the dimension, a positive integer
 * @throws ValueError if `d` is not a positive integer
 * @example
 * // in dimension 1 it is lgamma
 * multigammaln(tensor([2.5]), 1);     // => tensor([0.2846829])
 * multigammaln(tensor([3]), 2).item(); // => 1.550195
 */
export function multigammaln(a: TensorLike, d: number): Tensor {
  if (!Number.isInteger(d) || d < 1) {
    throw new ValueError("multigammaln", `expected a positive integer dimension d, got ${d}. d is the size of the matrices the multivariate gamma function integrates over.`);
  }
  const t = floatInput("multigammaln", a);
  // One lgamma over a new last axis of the d shifted arguments, then one sum over it.
  const offsets = tensor(Array.from({ length: d }, (_, j) => -j / 2), { dtype: t.dtype });
  const terms = lgamma(expandDims(t, -1).add(offsets));
  return sum(terms, -1).add((d * (d - 1) * Math.log(Math.PI)) / 4);
}
