// Benchmark runner: runs workloads W1–W6 for nabla and its JavaScript peers, each library and
// workload in its own child process, checks every result, prints a table of ratios to nabla and
// writes one JSON line per measurement to bench/results/latest.jsonl.
//
//   node --expose-gc dist/bench/run.js [--only W1,W3] [--libs nabla,tfjs-cpu] [--quick] [--out FILE]
//
// Internally a child is started as: node --expose-gc dist/bench/run.js --child <lib> <workload> [--quick]

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WORKLOADS, driveWorkload } from "./harness.js";
import type { LibraryImpl, Measurement, RunContext, TimingOptions, WorkloadId } from "./harness.js";

export const LIBS = ["nabla", "tfjs-cpu", "tfjs-wasm", "jax-js"] as const;
export type LibName = (typeof LIBS)[number];

const RESULT_PREFIX = "BENCH_RESULT ";
const META_PREFIX = "BENCH_META ";
const PARTS_PREFIX = "BENCH_PARTS ";

const thisFile = fileURLToPath(import.meta.url);
/** Repository root: this file is dist/bench/run.js (or bench/run.ts). */
const repoRoot = path.resolve(path.dirname(thisFile), thisFile.endsWith(".js") ? "../.." : "..");

interface Options {
  only: WorkloadId[];
  /** Also run the symbolic benchmark (bench/symbolic.ts) against math.js; `--only` names it SYM. */
  symbolic: boolean;
  libs: LibName[];
  quick: boolean;
  out: string;
  child?: { lib: LibName; workload: WorkloadId; part: number };
}

function usage(msg?: string): never {
  if (msg) console.error(`error: ${msg}`);
  console.error(
    "usage: node --expose-gc dist/bench/run.js [--only W1,W3,SYM] [--libs nabla,tfjs-cpu,tfjs-wasm,jax-js] [--quick] [--out FILE]",
  );
  process.exit(2);
}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] {
  if (!value) usage(`${what} needs a comma-separated list`);
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  for (const it of items) if (!allowed.includes(it as T)) usage(`unknown ${what} '${it}' (known: ${allowed.join(", ")})`);
  return items as T[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    only: [...WORKLOADS],
    symbolic: true,
    libs: [...LIBS],
    quick: false,
    out: path.join(repoRoot, "bench", "results", "latest.jsonl"),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const next = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case "--only": {
        const names = (next() ?? "").toUpperCase().split(",").map((n) => n.trim());
        o.symbolic = names.includes("SYM");
        const rest = names.filter((n) => n !== "SYM");
        o.only = rest.length === 0 ? [] : parseList(rest.join(","), WORKLOADS, "workload");
        break;
      }
      case "--libs": o.libs = parseList(next(), LIBS, "library"); break;
      case "--quick": o.quick = true; break;
      case "--part": {
        const part = Number(next());
        if (!o.child || !Number.isInteger(part) || part < 0) usage("--part N follows --child LIB WORKLOAD");
        o.child.part = part;
        break;
      }
      case "--out": o.out = path.resolve(next() ?? usage("--out needs a file")); break;
      case "--child": {
        const lib = parseList(argv[++i], LIBS, "library")[0]!;
        const workload = parseList(argv[++i]?.toUpperCase(), WORKLOADS, "workload")[0]!;
        o.child = { lib, workload, part: 0 };
        break;
      }
      case "--help": case "-h": usage();
      default: usage(`unknown option ${a}`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Child: one library, one workload
// ---------------------------------------------------------------------------------------------

async function loadLibrary(lib: LibName): Promise<{ impl: LibraryImpl; meta: Record<string, unknown> }> {
  switch (lib) {
    case "nabla": {
      const m = await import("./workloads/nabla.js");
      return { impl: m.nablaImpl(), meta: { lib } };
    }
    case "tfjs-cpu":
    case "tfjs-wasm": {
      const m = await import("./peers/tfjs.js");
      const info = await m.setupTf(lib === "tfjs-cpu" ? "cpu" : "wasm");
      return { impl: m.tfjsImpl(), meta: { lib, ...info } };
    }
    case "jax-js": {
      const m = await import("./peers/jaxjs.js");
      const info = await m.setupJax();
      return { impl: m.jaxImpl(), meta: { lib, ...info } };
    }
  }
}

async function runChild(lib: LibName, workload: WorkloadId, quick: boolean, part: number): Promise<void> {
  const timing: TimingOptions = { warmup: 2, minSampleMs: 20, minSamples: quick ? 5 : 7, minTotalMs: 300 };
  const { impl, meta } = await loadLibrary(lib);
  process.stdout.write(META_PREFIX + JSON.stringify(meta) + "\n");
  const ctx: RunContext = {
    lib,
    quick,
    timing,
    emit: (m: Measurement) => process.stdout.write(RESULT_PREFIX + JSON.stringify(m) + "\n"),
    log: (msg: string) => process.stderr.write(`  [${lib}] ${msg}\n`),
    selectVariants: (w: WorkloadId, variants: string[]) => {
      if (w !== "W2") return variants;
      process.stdout.write(PARTS_PREFIX + String(variants.length) + "\n");
      return variants.slice(part, part + 1);
    },
  };
  await driveWorkload(ctx, workload, impl);
}

// ---------------------------------------------------------------------------------------------
// Parent: spawn children, collect, report
// ---------------------------------------------------------------------------------------------

/**
 * Command line for a child. jax-js's W5 chain of 10,000 ops recurses deeper than Node's default
 * stack allows, so that child gets a larger V8 stack (--stack-size) and, where the shell may raise
 * it, a matching OS stack limit for the main thread; otherwise a V8 stack that still fits the usual
 * 8 MiB default.
 */
function childCommand(lib: LibName, workload: WorkloadId, quick: boolean, part: number): { cmd: string; args: string[] } {
  const script = [thisFile, "--child", lib, workload, "--part", String(part), ...(quick ? ["--quick"] : [])];
  if (lib === "jax-js" && workload === "W5" && process.platform !== "win32") {
    const sh = 'if ulimit -s 1048576 2>/dev/null; then exec "$0" --expose-gc --stack-size=250000 "$@"; ' +
      'else exec "$0" --expose-gc --stack-size=7000 "$@"; fi';
    return { cmd: "/bin/sh", args: ["-c", sh, process.execPath, ...script] };
  }
  return { cmd: process.execPath, args: ["--expose-gc", ...script] };
}

interface ChildOutcome {
  results: Measurement[];
  meta: Record<string, unknown> | null;
  /** How many processes the workload is split into (one per W2 variant). */
  parts: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string;
  wallS: number;
}

function runChildProcess(lib: LibName, workload: WorkloadId, quick: boolean, part: number, timeoutMs: number): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const { cmd, args } = childCommand(lib, workload, quick, part);
    const t0 = Date.now();
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    const results: Measurement[] = [];
    let meta: Record<string, unknown> | null = null;
    let parts = 1;
    let stdoutBuf = "";
    let stderrTail = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdoutBuf += chunk;
      let nl: number;
      while ((nl = stdoutBuf.indexOf("\n")) >= 0) {
        const line = stdoutBuf.slice(0, nl);
        stdoutBuf = stdoutBuf.slice(nl + 1);
        if (line.startsWith(RESULT_PREFIX)) {
          const m = JSON.parse(line.slice(RESULT_PREFIX.length)) as Measurement;
          results.push(m);
          process.stderr.write(`  ${progressLine(m)}\n`);
        } else if (line.startsWith(PARTS_PREFIX)) {
          parts = Number(line.slice(PARTS_PREFIX.length)) || 1;
        } else if (line.startsWith(META_PREFIX)) {
          meta = JSON.parse(line.slice(META_PREFIX.length)) as Record<string, unknown>;
        } else if (line.trim()) {
          process.stderr.write(`  [${lib} stdout] ${line}\n`);
        }
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-4000);
      process.stderr.write(chunk);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ results, meta, parts, code, signal, stderrTail, wallS: (Date.now() - t0) / 1000 });
    });
  });
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "-";
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1000) return v.toFixed(0);
  if (a >= 100) return v.toFixed(1);
  if (a >= 10) return v.toFixed(2);
  if (a >= 1) return v.toFixed(3);
  if (a >= 0.01) return v.toFixed(4);
  return v.toPrecision(3);
}

function checkText(m: Measurement): string {
  if (m.error) return `FAIL: ${m.error}`;
  const bad = m.checks.filter((c) => !c.ok);
  if (bad.length) return "FAIL: " + bad.map((c) => `${c.name} = ${c.got === null ? "none" : c.got.toPrecision(8)} (want ${c.want})`).join("; ");
  return m.checks.length ? "ok" : "";
}

function progressLine(m: Measurement): string {
  const status = checkText(m);
  return `${m.workload} ${m.lib.padEnd(9)} ${m.case.padEnd(34)} ${m.metric.padEnd(14)} ${fmt(m.value).padStart(10)} ${m.unit.padEnd(7)} ${status}`;
}

type Row = Measurement & { vs_nabla: number | null };

/**
 * value / nabla's value for the same workload, group and metric (nabla's best variant if it has
 * several). Memory growth has no meaningful ratio (it may be zero or negative), so it gets none.
 */
function withRatios(all: Measurement[]): Row[] {
  return all.map((m) => {
    if (m.unit === "MiB") return { ...m, vs_nabla: null };
    const ref = all.filter((r) => r.lib === "nabla" && r.workload === m.workload && r.group === m.group && r.metric === m.metric && r.value !== null);
    if (m.value === null || ref.length === 0) return { ...m, vs_nabla: null };
    const best = ref.reduce((a, b) => ((m.better === "higher" ? b.value! > a.value! : b.value! < a.value!) ? b : a));
    return { ...m, vs_nabla: best.value === 0 ? null : m.value / best.value! };
  });
}

function printTable(rows: Row[]): void {
  const header = ["workload", "case", "metric", "library", "value", "unit", "vs nabla", "runs×inner", "check"];
  // runs×inner for timings; N (steps) for memory rows.
  const body = rows.map((r) => {
    const refOk = rows.some((n) => n.lib === "nabla" && n.workload === r.workload && n.group === r.group && n.metric === r.metric && n.ok);
    const ratio = r.vs_nabla === null ? "-" : `${fmt(r.vs_nabla)}x${r.ok && refOk ? "" : " !"}`;
    const better = r.better === "higher" ? "↑" : "↓";
    return [r.workload, r.case, `${r.metric} ${better}`, r.lib, fmt(r.value), r.unit, ratio,
      r.runs ? `${r.runs}×${r.inner}` : typeof r.extra?.steps === "number" ? `N=${r.extra.steps}` : "", checkText(r)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]!].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  let prev = "";
  for (let i = 0; i < body.length; i++) {
    const key = `${rows[i]!.workload}|${rows[i]!.group}|${rows[i]!.metric}`;
    if (prev && key !== prev) console.log("");
    prev = key;
    console.log(line(body[i]!));
  }
  console.log("\nvs nabla = value / nabla's value in this run (↑: higher is better, ↓: lower is better); '!' = a check failed on either side.");
}

function sortRows(rows: Row[]): Row[] {
  const wi = (w: string) => WORKLOADS.indexOf(w as WorkloadId);
  const li = (l: string) => LIBS.indexOf(l as LibName);
  const firstSeen = new Map<string, number>();
  rows.forEach((r, i) => {
    const k = `${r.workload}|${r.group}|${r.metric}`;
    if (!firstSeen.has(k)) firstSeen.set(k, i);
  });
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) =>
      wi(a.r.workload) - wi(b.r.workload) ||
      firstSeen.get(`${a.r.workload}|${a.r.group}|${a.r.metric}`)! - firstSeen.get(`${b.r.workload}|${b.r.group}|${b.r.metric}`)! ||
      li(a.r.lib) - li(b.r.lib) || a.i - b.i)
    .map((x) => x.r);
}

async function runParent(o: Options): Promise<void> {
  const started = new Date().toISOString();
  const machine = {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  console.error(`nabla bench: workloads ${o.only.join(",")}; libraries ${o.libs.join(",")}${o.quick ? "; quick" : ""}`);
  console.error(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}`);
  const all: Measurement[] = [];
  const metas: Record<string, unknown> = {};
  const timeoutMs = (o.quick ? 5 : 20) * 60_000;
  for (const w of o.only) {
    for (const lib of o.libs) {
      for (let part = 0, parts = 1; part < parts; part++) {
        console.error(`\n== ${w} ${lib}${part ? ` (part ${part + 1})` : ""}`);
        const out = await runChildProcess(lib, w, o.quick, part, timeoutMs);
        parts = out.parts;
        if (out.meta) metas[lib] = out.meta;
        all.push(...out.results);
        if (out.code !== 0) {
          const how = out.signal ? `killed by ${out.signal}` : `exit code ${out.code}`;
          const errLines = out.stderrTail.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("at "));
          const lastErr = errLines.slice(-2).join(" | ").slice(0, 400);
          const m: Measurement = { workload: w, lib, case: "(process)", group: "(process)", metric: "-", value: null, unit: "",
            better: "lower", checks: [], ok: false, error: `child process failed (${how}) after ${out.wallS.toFixed(1)} s: ${lastErr}` };
          all.push(m);
          console.error(`  ${progressLine(m)}`);
        }
      }
    }
  }
  const rows = sortRows(withRatios(all));
  console.log("");
  printTable(rows);

  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  const lines = rows.map((r) =>
    JSON.stringify({ ...r, quick: o.quick, started, machine, lib_info: metas[r.lib] ?? null }),
  );
  fs.writeFileSync(o.out, lines.join("\n") + "\n");
  const failed = rows.filter((r) => !r.ok);
  console.log(`\n${rows.length} measurements, ${failed.length} failing; written to ${path.relative(process.cwd(), o.out) || o.out}`);
  if (o.symbolic) await runSymbolicBench(o.quick);
}

/** The symbolic benchmark (nabla/symbolic against math.js) in its own process, printing its own table. */
function runSymbolicBench(quick: boolean): Promise<void> {
  console.log("\n== SYM symbolic differentiation and compiled evaluation, nabla vs math.js");
  const script = path.join(repoRoot, "dist", "bench", "symbolic.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...(quick ? ["--quick"] : [])], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`symbolic benchmark exited with code ${code}`))));
  });
}

const opts = parseArgs(process.argv.slice(2));
if (opts.child) {
  runChild(opts.child.lib, opts.child.workload, opts.quick, opts.child.part).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack ?? e.message : String(e));
      process.exit(1);
    },
  );
} else {
  await runParent(opts);
}
