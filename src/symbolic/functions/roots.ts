/**
 * The real cube root. (`sqrt(u)` needs no function of its own: it is the power `u^(1/2)`.
 * `cbrt` is one because `u^(1/3)` has no real value for negative `u`, while `cbrt(-8) = -2`.)
 */
import { mul } from "../expr/mul.js";
import { pow } from "../expr/pow.js";
import { call } from "../expr/call.js";
import { rational } from "../expr/num.js";
import { oddSymmetry, unaryFunction } from "./define.js";

export const cbrt = unaryFunction({
  name: "cbrt",
  latex: "\\sqrt[3]",
  evaluate: Math.cbrt,
  derivative: (u) => mul(rational(1n, 3n), pow(call(cbrt, [u]), rational(-2n, 1n))), // d cbrt u = du / (3 cbrt(u)²)
  special: (u) => {
    if (u.kind === "num" && u.p > 0n) {
      const exact = pow(u, rational(1n, 3n));
      if (exact.kind === "num") return exact;
    }
    return oddSymmetry(cbrt, u);
  },
});
