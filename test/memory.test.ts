/**
 * Tensors are reclaimed by the garbage collector alone: training for many steps must not grow the
 * heap (no tape, tracer or intermediate kept alive between steps).
 */
import v8 from "node:v8";
import vm from "node:vm";
import { expect, test } from "vitest";
import { grad, normal, oneHot, tensor, treeMap, type Tensor } from "../src/index.js";

/** The collector: Node's `gc` when started with --expose-gc, otherwise enabled at run time. */
function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return existing;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

interface Params {
  readonly layers: readonly { readonly w: Tensor; readonly b: Tensor }[];
}

function loss(params: Params, x: Tensor, y: Tensor): Tensor {
  const [first, second] = params.layers;
  const hidden = x.matmul(first!.w).add(first!.b).tanh();
  const logits = hidden.matmul(second!.w).add(second!.b);
  return logits.logSoftmax(-1).mul(y).sum().neg().div(x.shape[0]!);
}

test("10,000 SGD steps of a two-layer MLP leave the heap flat", () => {
  const gc = collector();
  const x = normal(1, [8, 4]);
  const y = oneHot(tensor([0, 1, 2, 0, 1, 2, 0, 1], { dtype: "int32" }), 3);
  let params: Params = {
    layers: [
      { w: normal(2, [4, 16], { std: 0.5 }), b: normal(3, [16], { std: 0.1 }) },
      { w: normal(4, [16, 3], { std: 0.5 }), b: normal(5, [3], { std: 0.1 }) },
    ],
  };
  const step = grad(loss);
  const heapNow = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const first = loss(params, x, y).item();
  let heapAt1000 = 0;
  for (let i = 1; i <= 10_000; i++) {
    const g = step(params, x, y) as Params;
    params = treeMap((p: Tensor, d: Tensor) => p.sub(d.mul(0.05)), params, g);
    if (i === 1000) heapAt1000 = heapNow();
  }
  const heapAt10000 = heapNow();
  const growth = heapAt10000 - heapAt1000;
  // The model did learn, so the steps really ran.
  expect(loss(params, x, y).item()).toBeLessThan(first / 2);
  expect(growth, `heap grew by ${(growth / 2 ** 20).toFixed(2)} MiB between step 1000 and step 10000`).toBeLessThan(5 * 2 ** 20);
}, 60_000);
