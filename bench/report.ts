/**
 * Prints the measurements of a benchmark run (the JSON lines `npm run bench` writes) as Markdown
 * tables, one per workload, with every library's figure and its ratio to nabla's, for BENCHMARKS.md.
 *
 *   node dist/bench/report.js [bench/results/latest.jsonl]
 */
import fs from "node:fs";

interface Row {
  workload: string;
  lib: string;
  case: string;
  metric: string;
  value: number | null;
  unit: string;
  better: "higher" | "lower";
  ok: boolean;
  note?: string;
  checks?: { name: string; got: number; want: number; ok: boolean }[];
  error?: string;
  machine?: { cpu: string; cores: number; node: string };
  started?: string;
}

const file = process.argv[2] ?? "bench/results/latest.jsonl";
const rows: Row[] = fs
  .readFileSync(file, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as Row);

const format = (v: number | null): string => {
  if (v === null || !Number.isFinite(v)) return "—";
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toPrecision(3);
};

const first = rows[0];
if (first?.machine) console.log(`Run of ${first.started ?? "?"} on ${first.machine.cpu}, ${first.machine.cores} cores, Node ${first.machine.node}.\n`);

for (const workload of [...new Set(rows.map((r) => r.workload))]) {
  console.log(`### ${workload}\n`);
  console.log("| case | metric | library | value | vs nabla | check |");
  console.log("|---|---|---|---:|---:|---|");
  const group = rows.filter((r) => r.workload === workload);
  for (const r of group) {
    const nabla = group.find((n) => n.lib === "nabla" && n.metric === r.metric && sameGroup(n, r));
    const ratio = nabla && nabla.value && r.value !== null && r.unit !== "MiB" ? `${format(r.value / nabla.value)}×` : "";
    const failed = r.checks?.filter((c) => !c.ok).map((c) => `FAIL ${c.name} = ${format(c.got)} (want ${format(c.want)})`) ?? [];
    const check = r.error ? `FAIL: ${r.error}` : failed.length > 0 ? failed.join("; ") : r.ok ? "ok" : "FAIL";
    const metric = `${r.metric}${r.better === "higher" ? " ↑" : " ↓"}`;
    console.log(`| ${r.case}${r.note ? ` (${r.note})` : ""} | ${metric} | ${r.lib} | ${format(r.value)} ${r.unit} | ${ratio} | ${check} |`);
  }
  console.log("");
}

/** Rows that measure the same thing for different libraries (the case names differ by variant). */
function sameGroup(a: Row, b: Row): boolean {
  const key = (r: Row) => (r as Row & { group?: string }).group ?? r.case;
  return key(a) === key(b);
}
