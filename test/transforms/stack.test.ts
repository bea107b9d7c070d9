/**
 * Reverse mode over very long chains: the recorded derivative program is replayed and transposed
 * by loops, so its length is limited by memory, not by the call stack.
 */
import { expect, test } from "vitest";
import { grad, tensor, type Tensor } from "../../src/index.js";

test("grad differentiates a chain of one million scalar operations without overflowing the stack", () => {
  const steps = 1_000_000;
  const f = (x: Tensor): Tensor => {
    let y = x;
    for (let i = 0; i < steps; i++) y = y.mul(1.0001).add(0.0001);
    return y;
  };
  const g = grad(f)(tensor(0.5, { dtype: "float64" })) as Tensor;
  // y is affine in x with slope 1.0001^steps; the product is accumulated in the same order.
  let slope = 1;
  for (let i = 0; i < steps; i++) slope *= 1.0001;
  expect(Math.abs(g.item() - slope) / slope).toBeLessThan(1e-9);
}, 120_000);
