// nabla's side of the benchmark workloads, written with the public API as a user would.
// Results are read back with .data() (typed-array copy) or .item() inside every timed unit.

import {
  grad,
  hessian,
  hvp,
  jvp,
  logSumExp,
  oneHot,
  slice,
  sub,
  tensor,
  treeMap,
  valueAndGrad,
} from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import type { LibraryImpl, Prepared } from "../harness.js";
import { PARAM_NAMES } from "../rng.js";
import type { MlpParams, MlpProblem } from "../rng.js";

type Params = Record<(typeof PARAM_NAMES)[number], Tensor>;

function paramTensors(p: MlpParams): Params {
  const out = {} as Params;
  for (const k of PARAM_NAMES) out[k] = tensor(p[k].data, { dtype: "float32", shape: p[k].shape });
  return out;
}

function readTree(t: Params): ArrayLike<number>[] {
  return PARAM_NAMES.map((k) => t[k].data() as ArrayLike<number>);
}

function mlpInputs(problem: MlpProblem): { X: Tensor; Y: Tensor } {
  const X = tensor(problem.X, { dtype: "float32", shape: problem.xShape });
  const labels = tensor(problem.y, { dtype: "int32" });
  const Y = oneHot(labels, problem.classes, { dtype: "float32" });
  return { X, Y };
}

/** The W2 loss: mean over the batch of logsumexp(z_i) - z_i[y_i], with y one-hot. */
function mlpLoss(p: Params, X: Tensor, Y: Tensor): Tensor {
  const h1 = X.matmul(p.W1).add(p.b1).relu();
  const h2 = h1.matmul(p.W2).add(p.b2).relu();
  const z = h2.matmul(p.W3).add(p.b3);
  return logSumExp(z, [1]).sub(z.mul(Y).sum([1])).mean();
}

/** Rosenbrock with vector ops: t = x[0:n-1]; a = x[1:n] - t·t; b = 1 - t; f = Σ(100·a·a + b·b). */
function rosenbrock(x: Tensor): Tensor {
  const n = x.shape[0]!;
  const t = slice(x, [0, n - 1]);
  const a = slice(x, [1, n]).sub(t.mul(t));
  const b = sub(1, t);
  return a.mul(100).mul(a).add(b.mul(b)).sum();
}

function chain(x: Tensor): Tensor {
  for (let i = 0; i < 5000; i++) x = x.mul(1.0001).add(0.0001);
  return x;
}

export function nablaImpl(): LibraryImpl {
  return {
    W1: {
      matmul(n, a, b): Prepared<ArrayLike<number>> {
        const A = tensor(a, { dtype: "float32", shape: [n, n] });
        const B = tensor(b, { dtype: "float32", shape: [n, n] });
        return { run: () => A.matmul(B).data() as ArrayLike<number> };
      },
    },

    W2: {
      variants: () => ["eager"],
      trainer(_variant, problem) {
        const { X, Y } = mlpInputs(problem);
        const vg = valueAndGrad((p: Params) => mlpLoss(p, X, Y));
        let params = paramTensors(problem.params);
        return {
          step(readLoss) {
            const [loss, grads] = vg(params) as [Tensor, Params];
            params = treeMap((p: Tensor, g: Tensor) => p.sub(g.mul(0.1)), params, grads) as Params;
            return readLoss ? loss.item() : undefined;
          },
        };
      },
    },

    W3: {
      variants: () => ["eager"],
      value(_variant, x) {
        const X = tensor(x, { dtype: "float32" });
        return { run: () => rosenbrock(X).item() };
      },
      valueAndGrad(_variant, x) {
        const X = tensor(x, { dtype: "float32" });
        const vg = valueAndGrad(rosenbrock);
        return {
          run() {
            const [v, g] = vg(X) as [Tensor, Tensor];
            return { f: v.item(), g: g.data() as ArrayLike<number> };
          },
        };
      },
    },

    W4: {
      dtype: "float64",
      variants: () => ["hessian"],
      hessian(_variant, x) {
        const X = tensor(x, { dtype: "float64" });
        const h = hessian(rosenbrock);
        return { run: () => (h(X) as Tensor).data() as ArrayLike<number> };
      },
    },

    W5: {
      variants: () => [""],
      forward() {
        const x0 = tensor(0.5, { dtype: "float32" });
        return { run: () => chain(x0).item() };
      },
      forwardBackward() {
        const x0 = tensor(0.5, { dtype: "float32" });
        const vg = valueAndGrad(chain);
        return {
          run() {
            const [v, g] = vg(x0) as [Tensor, Tensor];
            return { x: v.item(), dx: g.item() };
          },
        };
      },
    },

    W6: {
      hvpMethod: "hvp() and forward-over-reverse jvp(grad(L))",
      variants: () => ["eager hvp()", "eager jvp(grad)"],
      grad(_variant, problem) {
        const { X, Y } = mlpInputs(problem);
        const params = paramTensors(problem.params);
        const g = grad((p: Params) => mlpLoss(p, X, Y));
        return { run: () => readTree(g(params) as Params) };
      },
      hvp(variant, problem, v) {
        const { X, Y } = mlpInputs(problem);
        const params = paramTensors(problem.params);
        const V = paramTensors(v);
        const L = (p: Params): Tensor => mlpLoss(p, X, Y);
        if (variant === "eager hvp()") {
          return { run: () => readTree(hvp(L, [params], [V]) as Params) };
        }
        const gL = grad(L);
        return {
          run() {
            const [, hv] = jvp((p: Params) => gL(p) as Params, [params], [V]) as [Params, Params];
            return readTree(hv);
          },
        };
      },
    },
  };
}
