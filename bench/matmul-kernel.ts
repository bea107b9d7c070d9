/**
 * Micro-benchmark of the CPU matmul kernel: GFLOP/s (2·m·k·n per matmul) as the median of
 * repeated timed runs after warm-up, for square sizes and the MLP forward/backward shapes,
 * in float32 and float64. Run after building: node dist/bench/matmul-kernel.js [--quick]
 */
import { matmulKernel, type FloatArray } from "../src/backends/cpu/matmul.js";
import { uniform } from "./rng.js";

interface Case {
  name: string;
  batch: number;
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  bBroadcast?: boolean;
}

const quick = process.argv.includes("--quick");
const only = process.argv.find((s) => s.startsWith("--only="))?.slice(7);

const cases: Case[] = [];
for (const s of [64, 256, 512, 1024]) {
  cases.push({ name: `square ${s}`, batch: 1, m: s, k: s, n: s, transA: false, transB: false });
}
for (const [ta, tb] of [[false, true], [true, false], [true, true]] as const) {
  cases.push({ name: `square 512 ${ta ? "Aᵀ" : "A"}·${tb ? "Bᵀ" : "B"}`, batch: 1, m: 512, k: 512, n: 512, transA: ta, transB: tb });
}
// MLP layer 1 (batch 128, 784 → 256): forward X·W, weight grad Xᵀ·dY, input grad dY·Wᵀ.
cases.push({ name: "mlp fwd [128×784]·[784×256]", batch: 1, m: 128, k: 784, n: 256, transA: false, transB: false });
cases.push({ name: "mlp dW  [784×128]ᵀ·[128×256]", batch: 1, m: 784, k: 128, n: 256, transA: true, transB: false });
cases.push({ name: "mlp dX  [128×256]·[784×256]ᵀ", batch: 1, m: 128, k: 256, n: 784, transA: false, transB: true });
cases.push({ name: "mlp ᵀᵀ  [784×128]ᵀ·[256×784]ᵀ", batch: 1, m: 128, k: 784, n: 256, transA: true, transB: true });
// Small / vector shapes.
cases.push({ name: "batched 4×4 (×4096)", batch: 4096, m: 4, k: 4, n: 4, transA: false, transB: false });
cases.push({ name: "batched 16×16 (×512)", batch: 512, m: 16, k: 16, n: 16, transA: false, transB: false });
cases.push({ name: "matvec [1×1024]·[1024×1024]", batch: 1, m: 1, k: 1024, n: 1024, transA: false, transB: false });
cases.push({ name: "matvec [1024×1024]·[1024×1]", batch: 1, m: 1024, k: 1024, n: 1, transA: false, transB: false });
cases.push({ name: "bcast [32×64×128]·[128×128]", batch: 32, m: 64, k: 128, n: 128, transA: false, transB: false, bBroadcast: true });

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

function bench(c: Case, Ctor: Float32ArrayConstructor | Float64ArrayConstructor): number {
  const aSize = c.m * c.k, bSize = c.k * c.n;
  const a = uniform(1, c.batch * aSize, -1, 1, Ctor);
  const b = uniform(2, (c.bBroadcast ? 1 : c.batch) * bSize, -1, 1, Ctor);
  const out = new Ctor(c.batch * c.m * c.n);
  const flops = 2 * c.batch * c.m * c.k * c.n;
  const run = (): void =>
    matmulKernel(a, 0, aSize, c.transA, b, 0, c.bBroadcast ? 0 : bSize, c.transB, out, c.batch, c.m, c.k, c.n);
  // Repetitions per sample so that one sample takes ≳ 20 ms.
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) run();
    const dt = performance.now() - t0;
    if (dt > 20) break;
    reps *= 2;
  }
  const samples: number[] = [];
  const count = quick ? 5 : 11;
  for (let s = 0; s < count; s++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) run();
    samples.push((performance.now() - t0) / reps);
  }
  return flops / (median(samples) * 1e6);
}

const rows: string[][] = [["shape", "f32 GFLOP/s", "f64 GFLOP/s"]];
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  const g32 = bench(c, Float32Array);
  const g64 = bench(c, Float64Array);
  rows.push([c.name, g32.toFixed(2), g64.toFixed(2)]);
  if (!quick) console.error(`${c.name}: f32 ${g32.toFixed(2)}  f64 ${g64.toFixed(2)}`);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  "));
