// TensorFlow.js peer (full @tensorflow/tfjs package, which registers the gradients), on the cpu
// backend or the wasm backend. Both backends execute eagerly and synchronously in Node, so an op's
// result is materialized when the call returns; results are read back with dataSync().

import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { LibraryImpl, Prepared } from "../harness.js";
import { PARAM_NAMES, oneHotData } from "../rng.js";
import type { MlpParams, MlpProblem } from "../rng.js";

export type TfBackend = "cpu" | "wasm";

export interface TfSetupInfo {
  backend: string;
  simd?: boolean;
  threads?: number;
  version: string;
}

export async function setupTf(backend: TfBackend): Promise<TfSetupInfo> {
  const info: TfSetupInfo = { backend, version: tf.version.tfjs };
  if (backend === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // In Node the .wasm binaries are read from the package folder: a directory prefix (with a
    // trailing separator) is what the loader expects.
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"));
    wasm.setWasmPaths(path.join(pkgDir, "dist") + path.sep);
    if (!(await tf.setBackend("wasm"))) throw new Error("tfjs wasm backend failed to initialize");
    await tf.ready();
    info.simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
    info.threads = wasm.getThreadsCount();
  } else {
    if (!(await tf.setBackend("cpu"))) throw new Error("tfjs cpu backend failed to initialize");
    await tf.ready();
  }
  if (tf.getBackend() !== backend) throw new Error(`tfjs backend is ${tf.getBackend()}, wanted ${backend}`);
  return info;
}

const readScalar = (t: tf.Tensor): number => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

function paramTensors(p: MlpParams): tf.Tensor[] {
  return PARAM_NAMES.map((k) => tf.tensor(p[k].data, p[k].shape, "float32"));
}

/**
 * The W2 loss written with plain ops: mean_i(logsumexp(z_i) - z_i[y_i]). tf.logSumExp's gradient
 * goes through Max and Equal, which have no gradient of their own, so second-order use (W6) takes
 * the unshifted log(Σ exp z), which is exact for these small logits.
 */
function mlpLoss(X: tf.Tensor, Y: tf.Tensor, secondOrder = false) {
  return (...ps: tf.Tensor[]): tf.Scalar => {
    const [W1, b1, W2, b2, W3, b3] = ps as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const h1 = tf.relu(tf.add(tf.matMul(X as tf.Tensor2D, W1 as tf.Tensor2D), b1));
    const h2 = tf.relu(tf.add(tf.matMul(h1 as tf.Tensor2D, W2 as tf.Tensor2D), b2));
    const z = tf.add(tf.matMul(h2 as tf.Tensor2D, W3 as tf.Tensor2D), b3);
    const lse = secondOrder ? tf.log(tf.sum(tf.exp(z), 1)) : tf.logSumExp(z, 1);
    const zy = tf.sum(tf.mul(z, Y), 1);
    return tf.mean(tf.sub(lse, zy)) as tf.Scalar;
  };
}

function mlpInputs(problem: MlpProblem): { X: tf.Tensor; Y: tf.Tensor } {
  return {
    X: tf.tensor2d(problem.X, problem.xShape, "float32"),
    Y: tf.tensor2d(oneHotData(problem.y, problem.classes), [problem.y.length, problem.classes], "float32"),
  };
}

/** Rosenbrock with vector ops: t = x[0:n-1]; a = x[1:n] - t·t; b = 1 - t; f = Σ(100·a·a + b·b). */
function rosenbrock(one: tf.Tensor, hundred: tf.Tensor) {
  return (x: tf.Tensor): tf.Scalar => {
    const n = x.shape[0]!;
    const t = tf.slice(x, [0], [n - 1]);
    const a = tf.sub(tf.slice(x, [1], [n - 1]), tf.mul(t, t));
    const b = tf.sub(one, t);
    return tf.sum(tf.add(tf.mul(tf.mul(hundred, a), a), tf.mul(b, b))) as tf.Scalar;
  };
}

export function tfjsImpl(): LibraryImpl {
  return {
    W1: {
      matmul(n, a, b): Prepared<ArrayLike<number>> {
        const A = tf.tensor2d(a, [n, n], "float32");
        const B = tf.tensor2d(b, [n, n], "float32");
        return {
          run() {
            const C = tf.matMul(A, B);
            const d = C.dataSync();
            C.dispose();
            return d;
          },
          dispose() {
            tf.dispose([A, B]);
          },
        };
      },
    },

    W2: {
      variants: () => ["eager"],
      trainer(_variant, problem) {
        const { X, Y } = mlpInputs(problem);
        const lr = tf.scalar(0.1);
        const valueAndGrads = tf.valueAndGrads(mlpLoss(X, Y));
        let params = paramTensors(problem.params);
        return {
          step(readLoss) {
            const [next, loss] = tf.tidy(() => {
              const { value, grads } = valueAndGrads(params);
              return [params.map((p, i) => tf.sub(p, tf.mul(grads[i]!, lr))), value] as [tf.Tensor[], tf.Tensor];
            });
            tf.dispose(params);
            params = next;
            if (readLoss) return readScalar(loss);
            loss.dispose();
            return undefined;
          },
          memory() {
            const m = tf.memory();
            return { tf_tensors: m.numTensors, tf_bytes: m.numBytes };
          },
          dispose() {
            tf.dispose([...params, X, Y, lr]);
          },
        };
      },
    },

    W3: {
      variants: () => ["eager"],
      value(_variant, x) {
        const X = tf.tensor1d(x, "float32");
        const f = rosenbrock(tf.scalar(1), tf.scalar(100));
        return {
          run: () => readScalar(tf.tidy(() => f(X))),
          dispose: () => X.dispose(),
        };
      },
      valueAndGrad(_variant, x) {
        const X = tf.tensor1d(x, "float32");
        const vg = tf.valueAndGrad(rosenbrock(tf.scalar(1), tf.scalar(100)));
        return {
          run() {
            const { value, grad } = tf.tidy(() => vg(X));
            const g = grad.dataSync();
            grad.dispose();
            return { f: readScalar(value), g };
          },
          dispose: () => X.dispose(),
        };
      },
    },

    W4: {
      // No Hessian/Jacobian API: n reverse-over-reverse passes row_i = ∇(e_i·∇f), stacked. f32 only.
      dtype: "float32",
      variants: () => ["reverse-over-reverse rows"],
      hessian(_variant, x) {
        const n = x.length;
        const X = tf.tensor1d(Float32Array.from(x), "float32");
        const f = rosenbrock(tf.scalar(1), tf.scalar(100));
        const g = tf.grad(f);
        const basis = tf.tidy(() => tf.unstack(tf.eye(n, n, undefined, "float32")));
        const rowFns = basis.map((e) => tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(g(xx), e))));
        return {
          run() {
            const H = tf.tidy(() => tf.stack(rowFns.map((row) => row(X))));
            const d = H.dataSync();
            H.dispose();
            return d;
          },
          dispose: () => tf.dispose([X, ...basis]),
        };
      },
    },

    W5: {
      variants: () => [""],
      forward() {
        const x0 = tf.scalar(0.5, "float32");
        const c1 = tf.scalar(1.0001, "float32");
        const c2 = tf.scalar(0.0001, "float32");
        const chain = (x: tf.Tensor): tf.Tensor => {
          for (let i = 0; i < 5000; i++) x = x.mul(c1).add(c2);
          return x;
        };
        return {
          run: () => readScalar(tf.tidy(() => chain(x0))),
          dispose: () => tf.dispose([x0, c1, c2]),
        };
      },
      forwardBackward() {
        const x0 = tf.scalar(0.5, "float32");
        const c1 = tf.scalar(1.0001, "float32");
        const c2 = tf.scalar(0.0001, "float32");
        const vg = tf.valueAndGrad((x: tf.Tensor): tf.Tensor => {
          for (let i = 0; i < 5000; i++) x = x.mul(c1).add(c2);
          return x;
        });
        return {
          run() {
            const { value, grad } = tf.tidy(() => vg(x0));
            return { x: readScalar(value), dx: readScalar(grad) };
          },
          dispose: () => tf.dispose([x0, c1, c2]),
        };
      },
    },

    W6: {
      hvpMethod: "double backward (nested tf.grads), plain ops, unshifted log-sum-exp",
      variants: () => ["eager"],
      grad(_variant, problem) {
        const { X, Y } = mlpInputs(problem);
        const params = paramTensors(problem.params);
        const grads = tf.grads(mlpLoss(X, Y, true));
        return {
          run() {
            const gs = tf.tidy(() => grads(params));
            const out = gs.map((g) => g.dataSync());
            tf.dispose(gs);
            return out;
          },
          dispose: () => tf.dispose([X, Y, ...params]),
        };
      },
      hvp(_variant, problem, v) {
        const { X, Y } = mlpInputs(problem);
        const params = paramTensors(problem.params);
        const V = paramTensors(v);
        const grads = tf.grads(mlpLoss(X, Y, true));
        const gDotV = (...ps: tf.Tensor[]): tf.Tensor => tf.addN(grads(ps).map((g, i) => tf.sum(tf.mul(g, V[i]!))));
        const hvp = tf.grads(gDotV);
        return {
          run() {
            const hs = tf.tidy(() => hvp(params));
            const out = hs.map((h) => h.dataSync());
            tf.dispose(hs);
            return out;
          },
          dispose: () => tf.dispose([X, Y, ...params, ...V]),
        };
      },
    },
  };
}
