// jax-js peer on its wasm device (single-threaded in Node). jax-js arrays are reference counted:
// every function consumes its array arguments, `.ref` adds a reference, and dataSync()/item()
// consume the array they read. Work is dispatched lazily, so every timed unit ends by reading the
// result back (dataSync/item) or, for W2, by blockUntilReady on the updated parameters.

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { LibraryImpl, Prepared } from "../harness.js";
import { PARAM_NAMES, oneHotData } from "../rng.js";
import type { MlpParams, MlpProblem } from "../rng.js";

type Jax = typeof import("@jax-js/jax");
type JArray = import("@jax-js/jax").Array;
type Params = Record<(typeof PARAM_NAMES)[number], JArray>;

let jax: Jax;

export async function setupJax(): Promise<{ device: string; version: string }> {
  // jax-js references Float16Array, which Node 20 lacks; a stub class is enough on the wasm device.
  const g = globalThis as { Float16Array?: unknown };
  if (g.Float16Array === undefined) g.Float16Array = class Float16Array {};
  jax = await import("@jax-js/jax");
  const available = await jax.init("wasm");
  if (!available.includes("wasm")) throw new Error(`jax-js wasm device unavailable (got ${available.join(", ")})`);
  jax.defaultDevice("wasm");
  // The package does not export its package.json: find it next to the resolved entry point.
  const require = createRequire(import.meta.url);
  const pkgJson = path.join(path.dirname(require.resolve("@jax-js/jax")), "..", "package.json");
  const version = (JSON.parse(fs.readFileSync(pkgJson, "utf8")) as { version: string }).version;
  return { device: jax.defaultDevice(), version };
}

// Loosely typed views of the transformations (their generic signatures are hard to satisfy here).
type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

function paramArrays(p: MlpParams): Params {
  const np = jax.numpy;
  const out = {} as Params;
  for (const k of PARAM_NAMES) out[k] = np.array(p[k].data, { shape: p[k].shape, dtype: np.float32 });
  return out;
}

/** Reads a params-shaped tree back in the order W1, b1, W2, b2, W3, b3 (consumes it). */
function readTree(t: Params): Float32Array[] {
  return PARAM_NAMES.map((k) => t[k].dataSync() as Float32Array);
}

/** The W2 loss: mean_i(logsumexp(z_i) - z_i[y_i]) with y one-hot; consumes p, X, Y. */
function mlpLoss(p: Params, X: JArray, Y: JArray): JArray {
  const { numpy: np, nn } = jax;
  const h1 = nn.relu(np.matmul(X, p.W1).add(p.b1));
  const h2 = nn.relu(np.matmul(h1, p.W2).add(p.b2));
  const z = np.matmul(h2, p.W3).add(p.b3);
  const lse = nn.logsumexp(z.ref, 1);
  const zy = z.mul(Y).sum(1);
  return lse.sub(zy).mean();
}

function mlpInputs(problem: MlpProblem): { X: JArray; Y: JArray } {
  const np = jax.numpy;
  return {
    X: np.array(problem.X, { shape: problem.xShape, dtype: np.float32 }),
    Y: np.array(oneHotData(problem.y, problem.classes), { shape: [problem.y.length, problem.classes], dtype: np.float32 }),
  };
}

/** Rosenbrock with vector ops (consumes x): t = x[0:n-1]; a = x[1:n] - t·t; b = 1 - t; f = Σ(100·a·a + b·b). */
function rosenbrock(x: JArray): JArray {
  const np = jax.numpy;
  const n = x.shape[0]!;
  const t = x.ref.slice([0, n - 1]);
  const a = x.slice([1, n]).sub(t.ref.mul(t.ref));
  const b = np.subtract(1, t);
  return a.ref.mul(100).mul(a).add(b.ref.mul(b)).sum();
}

function chain(x: JArray): JArray {
  for (let i = 0; i < 5000; i++) x = x.mul(1.0001).add(0.0001);
  return x;
}

const maybeJit = (variant: string, f: Fn): Fn => (variant === "jit" ? (jax.jit(f) as unknown as Fn) : f);

export function jaxImpl(): LibraryImpl {
  return {
    W1: {
      matmul(n, a, b): Prepared<ArrayLike<number>> {
        const np = jax.numpy;
        const A = np.array(a, { shape: [n, n], dtype: np.float32 });
        const B = np.array(b, { shape: [n, n], dtype: np.float32 });
        return {
          run: () => np.matmul(A.ref, B.ref).dataSync(),
          dispose() {
            A.dispose();
            B.dispose();
          },
        };
      },
    },

    W2: {
      variants: () => ["eager", "jit"],
      trainer(variant, problem) {
        const { tree, valueAndGrad } = jax;
        const { X, Y } = mlpInputs(problem);
        const vg = valueAndGrad(mlpLoss as Fn) as unknown as Fn;
        const step = maybeJit(variant, (p: Params, x: JArray, y: JArray): [JArray, Params] => {
          const [loss, g] = vg(tree.ref(p), x, y) as [JArray, Params];
          const next = tree.map((pi: JArray, gi: JArray) => pi.sub(gi.mul(0.1)), p, g) as Params;
          return [loss, next];
        });
        let params = paramArrays(problem.params);
        return {
          async step(readLoss) {
            const [loss, next] = step(params, X.ref, Y.ref) as [JArray, Params];
            params = next;
            await jax.blockUntilReady(params);
            if (readLoss) return loss.item();
            loss.dispose();
            return undefined;
          },
          dispose() {
            tree.dispose(params);
            X.dispose();
            Y.dispose();
          },
        };
      },
    },

    W3: {
      variants: () => ["eager", "jit"],
      value(variant, x) {
        const X = jax.numpy.array(x, { dtype: jax.numpy.float32 });
        const f = maybeJit(variant, rosenbrock);
        return {
          run: () => (f(X.ref) as JArray).item(),
          dispose: () => X.dispose(),
        };
      },
      valueAndGrad(variant, x) {
        const X = jax.numpy.array(x, { dtype: jax.numpy.float32 });
        const vg = maybeJit(variant, jax.valueAndGrad(rosenbrock as Fn) as unknown as Fn);
        return {
          run() {
            const [v, g] = vg(X.ref) as [JArray, JArray];
            const gd = g.dataSync();
            return { f: v.item(), g: gd };
          },
          dispose: () => X.dispose(),
        };
      },
    },

    W4: {
      dtype: "float64",
      variants: () => ["eager", "jit"],
      hessian(variant, x) {
        const X = jax.numpy.array(x, { dtype: jax.numpy.float64 });
        const h = maybeJit(variant, jax.hessian(rosenbrock as (x: JArray) => JArray) as unknown as Fn);
        return {
          run: () => (h(X.ref) as JArray).dataSync(),
          dispose: () => X.dispose(),
        };
      },
    },

    W5: {
      variants: () => [""],
      forward() {
        const x0 = jax.numpy.array(0.5, { dtype: jax.numpy.float32 });
        return {
          run: () => chain(x0.ref).item(),
          dispose: () => x0.dispose(),
        };
      },
      forwardBackward() {
        const x0 = jax.numpy.array(0.5, { dtype: jax.numpy.float32 });
        const vg = jax.valueAndGrad(chain as Fn) as unknown as Fn;
        return {
          run() {
            const [v, g] = vg(x0.ref) as [JArray, JArray];
            const dx = g.item();
            return { x: v.item(), dx };
          },
          dispose: () => x0.dispose(),
        };
      },
    },

    W6: {
      hvpMethod: "forward-over-reverse jvp(grad(L))",
      variants: () => ["eager", "jit"],
      grad(variant, problem) {
        const { X, Y } = mlpInputs(problem);
        const params = paramArrays(problem.params);
        const g = maybeJit(variant, jax.grad(mlpLoss as Fn) as unknown as Fn);
        return {
          run: () => readTree(g(jax.tree.ref(params), X.ref, Y.ref) as Params),
          dispose() {
            jax.tree.dispose(params);
            X.dispose();
            Y.dispose();
          },
        };
      },
      hvp(variant, problem, v) {
        const { X, Y } = mlpInputs(problem);
        const params = paramArrays(problem.params);
        const V = paramArrays(v);
        const g = jax.grad(mlpLoss as Fn) as unknown as Fn;
        const hvp = maybeJit(variant, (p: Params, dir: Params, x: JArray, y: JArray): Params => {
          const [gOut, hv] = jax.jvp(((pp: Params) => g(pp, x.ref, y.ref)) as Fn, [p], [dir]) as unknown as [Params, Params];
          jax.tree.dispose(gOut);
          x.dispose();
          y.dispose();
          return hv;
        });
        return {
          run: () => readTree(hvp(jax.tree.ref(params), jax.tree.ref(V), X.ref, Y.ref) as Params),
          dispose() {
            jax.tree.dispose([params, V]);
            X.dispose();
            Y.dispose();
          },
        };
      },
    },
  };
}
