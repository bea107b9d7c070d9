/**
 * The real cube root. (`sqrt(u)` needs no function of its own: it is the power `u^(1/2)`.
 * `cbrt` is one because `u^(1/3)` has no real value for negative `u`, while `cbrt(-8) = -2`.)
 */
import { mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { call } from "../expr/call.js";
import { isOne, rational, rootFactors } from "../expr/num.js";
import { equals } from "../expr/order.js";
import { oddSymmetry, unaryFunction } from "./define.js";

export const cbrt = unaryFunction({
  name: "cbrt",
  latex: "\\sqrt[3]",
  evaluate: Math.cbrt,
  derivative: (u) => mul(rational(1n, 3n), pow(call(cbrt, [u]), rational(-2n, 1n))), // d cbrt u = du / (3 cbrt(u)²)
  special: (u) => {
    if (u.kind === "num" && u.p > 0n) {
      // the cube factors come out as they do from u^(1/3): cbrt(16) = 2*cbrt(2), cbrt(1/4) = cbrt(2)/2
      const [outside, inside] = rootFactors(u, 3n);
      if (isOne(inside)) return outside;
      if (!isOne(outside)) return mul(outside, call(cbrt, [inside]));
      if (!equals(inside, u)) return call(cbrt, [inside]);
    }
    return oddSymmetry(cbrt, u);
  },
});
