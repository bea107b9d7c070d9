// Timing protocol, checks, and the workload drivers shared by every library.
//
// Each library supplies small adapters (how to build inputs, call the operation and read the result
// back); the drivers here own the workload definitions: data, checks, what is timed, what is emitted.

import { MLP, PARAM_NAMES, SEEDS, mlpDirection, mlpProblem, uniform } from "./rng.js";
import type { MlpParams, MlpProblem } from "./rng.js";

export type MaybePromise<T> = T | Promise<T>;
export type WorkloadId = "W1" | "W2" | "W3" | "W4" | "W5" | "W6";
export const WORKLOADS: readonly WorkloadId[] = ["W1", "W2", "W3", "W4", "W5", "W6"];

// ---------------------------------------------------------------------------------------------
// Timing protocol
// ---------------------------------------------------------------------------------------------

export interface TimingOptions {
  /** Untimed calls before calibration (includes JIT compilation for jit variants). */
  warmup?: number;
  /** A sample repeats the call `inner` times so that it lasts at least this long. */
  minSampleMs?: number;
  /** At least this many samples ... */
  minSamples?: number;
  /** ... and more until the samples add up to at least this long. */
  minTotalMs?: number;
}

export interface Timing {
  /** Median sample divided by `inner`: the reported time of one call. */
  median_ms: number;
  /** Fastest sample divided by `inner`. */
  min_ms: number;
  runs: number;
  inner: number;
}

const now = (): number => performance.now();

function isPromise(x: unknown): x is Promise<unknown> {
  return typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function";
}

export function forceGc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

/**
 * Collects garbage and then lets the event loop turn, so that memory the collector released
 * (typed-array backing stores are freed by a background sweeper) is gone before RSS is read.
 */
export async function settleMemory(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    forceGc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Times `fn` by the benchmark protocol: warm-up calls, then samples of `inner` back-to-back calls
 * (inner chosen so a sample lasts >= minSampleMs), at least minSamples samples and at least
 * minTotalMs in all; reports the median sample / inner. `fn` may return a promise, which is awaited
 * inside the timed unit.
 */
export async function measure(fn: () => unknown, opts: TimingOptions = {}): Promise<Timing> {
  const warmup = opts.warmup ?? 2;
  const minSampleMs = opts.minSampleMs ?? 20;
  const minSamples = opts.minSamples ?? 7;
  const minTotalMs = opts.minTotalMs ?? 300;

  let async = false;
  for (let i = 0; i < Math.max(1, warmup); i++) {
    const r = fn();
    if (isPromise(r)) {
      async = true;
      await r;
    }
  }
  const sample = async (inner: number): Promise<number> => {
    if (async) {
      const t0 = now();
      for (let i = 0; i < inner; i++) await fn();
      return now() - t0;
    }
    const t0 = now();
    for (let i = 0; i < inner; i++) fn();
    return now() - t0;
  };

  // Calibrate `inner` so that one sample lasts at least minSampleMs.
  let inner = 1;
  let t = await sample(1);
  while (t < minSampleMs) {
    const scale = t > 0 ? (minSampleMs * 1.2) / t : 10;
    inner = Math.max(inner + 1, Math.ceil(inner * Math.min(scale, 100)));
    t = await sample(inner);
  }
  // The calibration sample that met the target counts as a sample.
  const samples: number[] = [t];
  let total = t;
  while (samples.length < minSamples || total < minTotalMs) {
    const s = await sample(inner);
    samples.push(s);
    total += s;
  }
  const sorted = samples.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median_ms: median / inner, min_ms: sorted[0]! / inner, runs: samples.length, inner };
}

// ---------------------------------------------------------------------------------------------
// Checks and measurements
// ---------------------------------------------------------------------------------------------

export interface Check {
  name: string;
  got: number | null;
  want: number;
  /** Allowed |got - want| (absolute, derived from the relative tolerance). */
  tol: number;
  ok: boolean;
}

export function check(name: string, got: number | null | undefined, want: number, rel: number, abs = 0): Check {
  const tol = abs + rel * Math.abs(want);
  const g = got ?? null;
  const ok = g !== null && Number.isFinite(g) && Math.abs(g - want) <= tol;
  return { name, got: g, want, tol, ok };
}

export interface Measurement {
  workload: WorkloadId;
  lib: string;
  /** Case within the workload, e.g. "n=256", "step eager", "value+grad jit". */
  case: string;
  /** The case without the library's variant: rows of one group are compared across libraries. */
  group: string;
  metric: string;
  value: number | null;
  unit: string;
  better: "higher" | "lower";
  median_ms?: number | null;
  min_ms?: number | null;
  runs?: number | null;
  inner?: number | null;
  checks: Check[];
  ok: boolean;
  error?: string;
  note?: string;
  extra?: Record<string, unknown>;
}

export interface RunContext {
  lib: string;
  quick: boolean;
  timing: TimingOptions;
  emit(m: Measurement): void;
  log(msg: string): void;
  /** Picks the variants this process runs (W2 runs one variant per process so memory is not shared). */
  selectVariants?(w: WorkloadId, variants: string[]): string[];
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 500);
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message).slice(0, 500);
  return String(e).slice(0, 500);
}

function timingFields(t: Timing | null): Pick<Measurement, "median_ms" | "min_ms" | "runs" | "inner"> {
  return t ? { median_ms: t.median_ms, min_ms: t.min_ms, runs: t.runs, inner: t.inner } : {};
}

/** Runs `body`; any exception becomes a failing measurement instead of stopping the workload. */
async function guarded(ctx: RunContext, w: WorkloadId, caseName: string, group: string, metric: string, unit: string,
  better: "higher" | "lower", body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    ctx.log(`${w} ${caseName}: ERROR ${errorText(e)}`);
    ctx.emit({ workload: w, lib: ctx.lib, case: caseName, group, metric, value: null, unit, better, checks: [], ok: false, error: errorText(e) });
  }
}

const allOk = (cs: Check[]): boolean => cs.every((c) => c.ok);

function sumF64(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
function norm2(parts: ArrayLike<number>[]): number {
  let s = 0;
  for (const a of parts) for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
}

// ---------------------------------------------------------------------------------------------
// Library adapters: what each library provides for each workload
// ---------------------------------------------------------------------------------------------

/** A prepared operation; `run` is the timed unit and returns the result read back. */
export interface Prepared<R> {
  run(): MaybePromise<R>;
  dispose?(): void;
}

export interface W1Impl {
  /** C = A·B for row-major n×n f32 inputs; run() returns C read back (row-major). */
  matmul(n: number, a: Float32Array, b: Float32Array): MaybePromise<Prepared<ArrayLike<number>>>;
}

export interface MlpTrainer {
  /** One SGD step (forward, backward, update), complete when the new parameters are materialized.
   * With readLoss, returns the loss at the parameters before the update, read back. */
  step(readLoss: boolean): MaybePromise<number | undefined>;
  /** Optional library-side memory counters (e.g. live tensors and bytes). */
  memory?(): Record<string, number>;
  dispose?(): void;
}
export interface W2Impl {
  variants(): string[];
  trainer(variant: string, problem: MlpProblem): MaybePromise<MlpTrainer>;
}

export interface W3Impl {
  variants(): string[];
  /** f(x) read back as a number, no AD recording. */
  value(variant: string, x: Float32Array): MaybePromise<Prepared<number>>;
  /** f(x) and ∇f(x), both read back. */
  valueAndGrad(variant: string, x: Float32Array): MaybePromise<Prepared<{ f: number; g: ArrayLike<number> }>>;
}

export interface W4Impl {
  variants(): string[];
  /** Dense n×n Hessian of the Rosenbrock function at x (f64 data; the library may compute in f32). */
  hessian(variant: string, x: Float64Array): MaybePromise<Prepared<ArrayLike<number>>>;
  dtype: "float64" | "float32";
}

export interface W5Impl {
  variants(): string[];
  /** x0 = 0.5; 5,000 × (x = x*1.0001 + 0.0001); returns x_final read back. */
  forward(variant: string): MaybePromise<Prepared<number>>;
  /** Same chain and d x_final / d x0, both read back. */
  forwardBackward(variant: string): MaybePromise<Prepared<{ x: number; dx: number }>>;
}

export interface W6Impl {
  variants(): string[];
  /** ∇L(θ) of the W2 loss, all six gradients read back (order W1, b1, W2, b2, W3, b3). */
  grad(variant: string, problem: MlpProblem): MaybePromise<Prepared<ArrayLike<number>[]>>;
  /** H·v, read back in the same order. */
  hvp(variant: string, problem: MlpProblem, v: MlpParams): MaybePromise<Prepared<ArrayLike<number>[]>>;
  /** How the HVP is formed, e.g. "forward-over-reverse". */
  hvpMethod: string;
}

export interface LibraryImpl {
  W1?: W1Impl;
  W2?: W2Impl;
  W3?: W3Impl;
  W4?: W4Impl;
  W5?: W5Impl;
  W6?: W6Impl;
}

async function prepareRun<R>(p: MaybePromise<Prepared<R>>): Promise<{ prep: Prepared<R>; first: R }> {
  const prep = await p;
  const first = await prep.run();
  return { prep, first };
}

// ---------------------------------------------------------------------------------------------
// Workload drivers
// ---------------------------------------------------------------------------------------------

export const W1_SIZES = [64, 256, 512, 1024];
export const W1_SIZES_QUICK = [64, 256];

export async function driveW1(ctx: RunContext, impl: W1Impl): Promise<void> {
  const sizes = ctx.quick ? W1_SIZES_QUICK : W1_SIZES;
  for (const n of sizes) {
    const caseName = `n=${n}`;
    await guarded(ctx, "W1", caseName, caseName, "GFLOP/s", "GFLOP/s", "higher", async () => {
      const a = uniform(SEEDS.W1_A, n * n, -1, 1, Float32Array);
      const b = uniform(SEEDS.W1_B, n * n, -1, 1, Float32Array);
      // Reference C[0,0] + C[n-1,n-1] in f64, and the scale of its rounding error.
      let want = 0;
      let scale = 0;
      for (let k = 0; k < n; k++) {
        const p0 = a[k]! * b[k * n]!;
        const p1 = a[(n - 1) * n + k]! * b[k * n + n - 1]!;
        want += p0 + p1;
        scale += Math.abs(p0) + Math.abs(p1);
      }
      const { prep, first } = await prepareRun(impl.matmul(n, a, b));
      const got = first[0]! + first[n * n - 1]!;
      const checks = [check("C[0,0]+C[n-1,n-1]", got, want, 0, 1e-5 * scale + 1e-6)];
      forceGc();
      const t = await measure(() => prep.run(), ctx.timing);
      prep.dispose?.();
      const gflops = (2 * n ** 3) / (t.median_ms * 1e6);
      ctx.emit({ workload: "W1", lib: ctx.lib, case: caseName, group: caseName, metric: "GFLOP/s", value: gflops, unit: "GFLOP/s",
        better: "higher", ...timingFields(t), checks, ok: allOk(checks) });
    });
  }
}

export const W2_LOSS_STEP1 = 2.496609;
export const W2_LOSS_AFTER10 = 1.948852;

export async function driveW2(ctx: RunContext, impl: W2Impl): Promise<void> {
  const variants = ctx.selectVariants ? ctx.selectVariants("W2", impl.variants()) : impl.variants();
  for (const variant of variants) {
    const caseName = `step ${variant}`;
    await guarded(ctx, "W2", caseName, "step", "steps/s", "steps/s", "higher", async () => {
      const problem = mlpProblem();
      const trainer = await impl.trainer(variant, problem);
      const l0 = await trainer.step(true);
      for (let i = 0; i < 9; i++) await trainer.step(false);
      const l10 = await trainer.step(true); // loss at the parameters after 10 updates
      const checks = [
        check("loss step 1", l0, W2_LOSS_STEP1, 2e-5),
        check("loss after 10 updates", l10, W2_LOSS_AFTER10, 1e-4),
      ];
      forceGc();
      const t = await measure(() => trainer.step(false), { ...ctx.timing, minSampleMs: Math.max(50, ctx.timing.minSampleMs ?? 0) });
      ctx.emit({ workload: "W2", lib: ctx.lib, case: caseName, group: "step", metric: "steps/s", value: 1000 / t.median_ms, unit: "steps/s",
        better: "higher", ...timingFields(t), checks, ok: allOk(checks) });

      // Memory: RSS growth over N further steps, as the workload defines it, then over N more
      // steps ("steady state"): allocators and JIT caches of any library grow during the first
      // few hundred steps, while a leak keeps growing in proportion to N. Garbage is collected
      // and swept (settleMemory) before every snapshot. N is 1000 for any library doing at least
      // 25 steps/s; slower ones get as many as fit in 40 s.
      const budgetMs = ctx.quick ? 3000 : 40000;
      const nSteps = Math.max(10, Math.min(ctx.quick ? 100 : 1000, Math.floor(budgetMs / t.median_ms)));
      const snapshot = async () => {
        await settleMemory();
        return { rss: process.memoryUsage().rss, lib: trainer.memory?.() };
      };
      const s0 = await snapshot();
      for (let i = 0; i < nSteps; i++) await trainer.step(false);
      const s1 = await snapshot();
      for (let i = 0; i < nSteps; i++) await trainer.step(false);
      const s2 = await snapshot();
      trainer.dispose?.();
      const emitGrowth = (label: string, a: typeof s0, b: typeof s0) => {
        const extra: Record<string, unknown> = { steps: nSteps, rss_before_mib: a.rss / 2 ** 20, rss_after_mib: b.rss / 2 ** 20 };
        if (a.lib && b.lib) for (const k of Object.keys(b.lib)) extra[`${k}_growth`] = (b.lib[k] ?? 0) - (a.lib[k] ?? 0);
        ctx.emit({ workload: "W2", lib: ctx.lib, case: caseName, group: "step", metric: label,
          value: (b.rss - a.rss) / 2 ** 20, unit: "MiB", better: "lower", checks: [], ok: true, note: `N=${nSteps} steps`, extra });
      };
      emitGrowth("RSS growth", s0, s1);
      emitGrowth("RSS growth, next N", s1, s2);
    });
  }
}

export const W3_N = 1_000_000;
export async function driveW3(ctx: RunContext, impl: W3Impl): Promise<void> {
  const x = uniform(SEEDS.W3_X, W3_N, -1, 1, Float32Array);
  for (const variant of impl.variants()) {
    await guarded(ctx, "W3", `value+grad/value ${variant}`, "value+grad/value", "ratio", "x", "lower", async () => {
      const v = await prepareRun(impl.value(variant, x));
      const vg = await prepareRun(impl.valueAndGrad(variant, x));
      const gsum = sumF64(vg.first.g);
      const checks = [
        check("f (value)", v.first, 5.456757e7, 1e-3),
        check("f (value+grad)", vg.first.f, 5.456757e7, 1e-3),
        check("g[0]", vg.first.g[0], -4.338644, 1e-5),
        check("sum g", gsum, -6.829152e7, 1e-4),
      ];
      const ok = allOk(checks);
      forceGc();
      const tv = await measure(() => v.prep.run(), ctx.timing);
      forceGc();
      const tvg = await measure(() => vg.prep.run(), ctx.timing);
      v.prep.dispose?.();
      vg.prep.dispose?.();
      ctx.emit({ workload: "W3", lib: ctx.lib, case: `value ${variant}`, group: "value", metric: "ms", value: tv.median_ms, unit: "ms",
        better: "lower", ...timingFields(tv), checks: checks.slice(0, 1), ok: checks[0]!.ok });
      ctx.emit({ workload: "W3", lib: ctx.lib, case: `value+grad ${variant}`, group: "value+grad", metric: "ms", value: tvg.median_ms, unit: "ms",
        better: "lower", ...timingFields(tvg), checks: checks.slice(1), ok: allOk(checks.slice(1)) });
      ctx.emit({ workload: "W3", lib: ctx.lib, case: `value+grad/value ${variant}`, group: "value+grad/value", metric: "ratio", value: tvg.median_ms / tv.median_ms,
        unit: "x", better: "lower", checks, ok });
    });
  }
}

export const W4_SIZES = [100, 500];
export const W4_SUM: Record<number, number> = { 100: 61014.0647, 500: 284872.594 };
const W4_SUM_HALF_DIGIT: Record<number, number> = { 100: 5e-5, 500: 5e-4 };
export async function driveW4(ctx: RunContext, impl: W4Impl): Promise<void> {
  const xAll = uniform(SEEDS.W4_X, 500, -1, 1, Float64Array);
  const sizes = W4_SIZES;
  for (const variant of impl.variants()) {
    for (const n of sizes) {
      const caseName = `n=${n} ${variant}`;
      await guarded(ctx, "W4", caseName, `n=${n}`, "ms/Hessian", "ms", "lower", async () => {
        const x = xAll.slice(0, n);
        const { prep, first } = await prepareRun(impl.hessian(variant, x));
        const rel = impl.dtype === "float64" ? 1e-9 : 1e-4;
        // The references are printed to 9 significant digits: allow half a unit of the last one.
        const checks = [check("sum H", sumF64(first), W4_SUM[n]!, rel, W4_SUM_HALF_DIGIT[n]!)];
        if (first.length !== n * n) checks.push(check("entries", first.length, n * n, 0));
        forceGc();
        const t = await measure(() => prep.run(), ctx.timing);
        prep.dispose?.();
        ctx.emit({ workload: "W4", lib: ctx.lib, case: caseName, group: `n=${n}`, metric: "ms/Hessian", value: t.median_ms, unit: "ms",
          better: "lower", ...timingFields(t), checks, ok: allOk(checks), note: impl.dtype });
      });
    }
  }
}

export const W5_REPS = 5000;
export const W5_OPS = 2 * W5_REPS;
export const W5_X_FINAL = 1.4730201;
export const W5_DX = 1.64868;
/**
 * The reference values are those of exact constants. In f32, 1.0001 itself rounds up by 1.7e-8
 * (relative), which over 5,000 multiplications moves dx by 8.3e-5, and the one-sided rounding of
 * x*c1 and x+c2 near 1 moves x_final by up to ~1.4e-4 (a per-op f32 chain gives 1.4732239,
 * 1.6488159). The tolerance admits faithful f32 arithmetic; a wrong derivative is far outside it.
 */
export const W5_REL = 3e-4;
export async function driveW5(ctx: RunContext, impl: W5Impl): Promise<void> {
  for (const variant of impl.variants()) {
    const suffix = variant ? ` ${variant}` : "";
    await guarded(ctx, "W5", `forward${suffix}`, "forward", "µs/op", "µs", "lower", async () => {
      const { prep, first } = await prepareRun(impl.forward(variant));
      const checks = [check("x_final", first, W5_X_FINAL, W5_REL)];
      forceGc();
      const t = await measure(() => prep.run(), ctx.timing);
      prep.dispose?.();
      ctx.emit({ workload: "W5", lib: ctx.lib, case: `forward${suffix}`, group: "forward", metric: "µs/op", value: (t.median_ms * 1000) / W5_OPS,
        unit: "µs", better: "lower", ...timingFields(t), checks, ok: allOk(checks) });
    });
    await guarded(ctx, "W5", `forward+backward${suffix}`, "forward+backward", "µs/op", "µs", "lower", async () => {
      const { prep, first } = await prepareRun(impl.forwardBackward(variant));
      const checks = [check("x_final", first.x, W5_X_FINAL, W5_REL), check("dx", first.dx, W5_DX, W5_REL)];
      forceGc();
      const t = await measure(() => prep.run(), ctx.timing);
      prep.dispose?.();
      ctx.emit({ workload: "W5", lib: ctx.lib, case: `forward+backward${suffix}`, group: "forward+backward", metric: "µs/op",
        value: (t.median_ms * 1000) / W5_OPS, unit: "µs", better: "lower", ...timingFields(t), checks, ok: allOk(checks) });
    });
  }
}

export const W6_GNORM = 2.373495;
export const W6_HVNORM = 35.69305;
export async function driveW6(ctx: RunContext, impl: W6Impl): Promise<void> {
  const problem = mlpProblem();
  const v = mlpDirection();
  for (const variant of impl.variants()) {
    await guarded(ctx, "W6", `hvp/grad ${variant}`, "hvp/grad", "ratio", "x", "lower", async () => {
      const g = await prepareRun(impl.grad(variant, problem));
      const gChecks = [check("|g|", norm2(g.first), W6_GNORM, 1e-4)];
      forceGc();
      const tg = await measure(() => g.prep.run(), ctx.timing);
      g.prep.dispose?.();
      ctx.emit({ workload: "W6", lib: ctx.lib, case: `grad ${variant}`, group: "grad", metric: "ms", value: tg.median_ms, unit: "ms",
        better: "lower", ...timingFields(tg), checks: gChecks, ok: allOk(gChecks) });

      const h = await prepareRun(impl.hvp(variant, problem, v));
      const hChecks = [check("|Hv|", norm2(h.first), W6_HVNORM, 1e-4)];
      forceGc();
      const th = await measure(() => h.prep.run(), ctx.timing);
      h.prep.dispose?.();
      ctx.emit({ workload: "W6", lib: ctx.lib, case: `hvp ${variant}`, group: "hvp", metric: "ms", value: th.median_ms, unit: "ms",
        better: "lower", ...timingFields(th), checks: hChecks, ok: allOk(hChecks), note: impl.hvpMethod });
      const checks = [...gChecks, ...hChecks];
      ctx.emit({ workload: "W6", lib: ctx.lib, case: `hvp/grad ${variant}`, group: "hvp/grad", metric: "ratio", value: th.median_ms / tg.median_ms,
        unit: "x", better: "lower", checks, ok: allOk(checks), note: impl.hvpMethod });
    });
  }
}

export async function driveWorkload(ctx: RunContext, w: WorkloadId, impl: LibraryImpl): Promise<void> {
  switch (w) {
    case "W1": return impl.W1 ? driveW1(ctx, impl.W1) : unsupported(ctx, w);
    case "W2": return impl.W2 ? driveW2(ctx, impl.W2) : unsupported(ctx, w);
    case "W3": return impl.W3 ? driveW3(ctx, impl.W3) : unsupported(ctx, w);
    case "W4": return impl.W4 ? driveW4(ctx, impl.W4) : unsupported(ctx, w);
    case "W5": return impl.W5 ? driveW5(ctx, impl.W5) : unsupported(ctx, w);
    case "W6": return impl.W6 ? driveW6(ctx, impl.W6) : unsupported(ctx, w);
  }
}

function unsupported(ctx: RunContext, w: WorkloadId): void {
  ctx.emit({ workload: w, lib: ctx.lib, case: "-", group: "-", metric: "-", value: null, unit: "", better: "lower", checks: [], ok: false,
    error: "not implemented for this library" });
}

export { MLP, PARAM_NAMES };
