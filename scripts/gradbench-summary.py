#!/usr/bin/env python3
"""Summarize GradBench runs of nabla beside the C++ reference and peers (a dev-only script).

Reads JSON-lines logs laid out as RUNS/EVAL/TOOL.jsonl (what an intermediary such as GradBench's
CLI with `-o`, or a stand-alone driver, writes: one line per message and response) and prints one
markdown table: for each eval and function, how many answers validated, nabla's GradBench score
term (the sum over inputs of the mean `evaluate` time per input), the same sum for the reference
tool `manual` over the same inputs, and for each peer, the sum over the inputs the peer ran, with
the ratios. A peer's log in the same folder (RUNS/EVAL/PEER.jsonl) is used before the peers' file.

Peers' timings come from a markdown file of tables (`--peers FILE`): for each eval a section
`### EVAL` holding a table whose first column is the input and whose other columns are named
`TOOL FUNCTION`, cells like `1.23ms`. Uses the Python standard library only.

    python3 scripts/gradbench-summary.py RUNS [--peers results-peers.md] [--tool nabla]
"""
import argparse
import json
import re
from pathlib import Path

UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def read_log(path: Path) -> list[dict]:
    """Evaluate records of one log: function, description, mean evaluate seconds, validity."""
    rows: dict[int, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        if "message" in entry:
            m = entry["message"]
            if m.get("kind") == "evaluate":
                desc = m.get("description") or json.dumps(m.get("input"))[:40]
                rows[m["id"]] = {"function": m["function"], "description": desc, "valid": None}
            elif m.get("kind") == "analysis" and m.get("of") in rows:
                rows[m["of"]]["valid"] = m["valid"]
        elif "response" in entry:
            r = entry["response"]
            if r.get("id") in rows and "success" in r:
                row = rows[r["id"]]
                row["success"] = r["success"]
                times = [t["nanoseconds"] for t in r.get("timings") or [] if t.get("name") == "evaluate"]
                row["mean"] = sum(times) / len(times) * 1e-9 if times else None
    return list(rows.values())


def parse_seconds(text: str) -> float | None:
    m = re.fullmatch(r"\s*([0-9.]+)\s*(ns|us|µs|ms|s)\s*", text)
    return float(m.group(1)) * UNITS[m.group(2)] if m else None


def read_peers(path: Path) -> dict[str, dict[tuple[str, str], dict[str, float]]]:
    """{eval: {(tool, function): {input: seconds}}} from the peers' markdown tables."""
    peers: dict[str, dict[tuple[str, str], dict[str, float]]] = {}
    current = None
    header: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### (\w+)", line)
        if heading:
            current, header = heading.group(1), []
            continue
        if current is None or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not header:
            header = cells
            continue
        if set(cells[0]) <= set("-: "):
            continue
        for name, cell in zip(header[1:], cells[1:]):
            parts = name.rsplit(" ", 1)
            seconds = parse_seconds(cell)
            if len(parts) == 2 and seconds is not None:
                peers.setdefault(current, {}).setdefault((parts[0], parts[1]), {})[cells[0]] = seconds
    return peers


def fmt(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", type=Path, help="folder of EVAL/TOOL.jsonl logs")
    parser.add_argument("--tool", default="nabla", help="the tool summarized (default nabla)")
    parser.add_argument("--reference", default="manual", help="the reference tool's log name (default manual)")
    parser.add_argument("--peers", type=Path, help="markdown tables of peers' timings")
    args = parser.parse_args()

    peers = read_peers(args.peers) if args.peers else {}
    print("| eval | function | valid | nabla | manual | nabla / manual | peers (same inputs): time, nabla / peer |")
    print("|---|---|---|---:|---:|---:|---|")
    for eval_dir in sorted(p for p in args.runs.iterdir() if (p / f"{args.tool}.jsonl").is_file()):
        ours = read_log(eval_dir / f"{args.tool}.jsonl")
        ref_path = eval_dir / f"{args.reference}.jsonl"
        ref = {(r["function"], r["description"]): r for r in read_log(ref_path)} if ref_path.is_file() else {}
        for function in dict.fromkeys(r["function"] for r in ours):
            rows = [r for r in ours if r["function"] == function]
            valid = sum(1 for r in rows if r.get("valid") is True)
            timed = [r for r in rows if r.get("mean") is not None]
            total = sum(r["mean"] for r in timed)
            ref_rows = [ref.get((function, r["description"])) for r in timed]
            if timed and all(x is not None and x.get("mean") is not None for x in ref_rows):
                ref_total = sum(x["mean"] for x in ref_rows)  # type: ignore[index]
                ref_cells = [fmt(ref_total), f"{total / ref_total:.2g}x"]
            elif timed and all(r["description"] in peers.get(eval_dir.name, {}).get((args.reference, function), {}) for r in timed):
                # No same-run log of the reference: its timings from the peers' file, marked so.
                ref_total = sum(peers[eval_dir.name][(args.reference, function)][r["description"]] for r in timed)
                ref_cells = [fmt(ref_total) + " (peers)", f"{total / ref_total:.2g}x"]
            else:
                ref_cells = ["–", "–"]
            peer_cells = []
            same_run = {}
            for log in sorted(eval_dir.glob("*.jsonl")):
                if log.stem in (args.tool, args.reference):
                    continue
                by_input = {r["description"]: r["mean"] for r in read_log(log) if r["function"] == function and r.get("mean") is not None and r.get("valid") is not False}
                if by_input:
                    same_run[(log.stem, function)] = by_input
            listed = {**peers.get(eval_dir.name, {}), **same_run}
            for (tool, fn), by_input in sorted(listed.items()):
                if fn != function or tool in (args.reference, "finite", "finite-small"):
                    continue
                common = [r for r in timed if r["description"] in by_input]
                if not common:
                    continue
                ours_common = sum(r["mean"] for r in common)
                theirs = sum(by_input[r["description"]] for r in common)
                where = " (same run)" if (tool, fn) in same_run else ""
                peer_cells.append(f"{tool}{where} {fmt(theirs)} over {len(common)}: {ours_common / theirs:.2g}x")
            print(
                f"| {eval_dir.name} | {function} | {valid}/{len(rows)} | {fmt(total) if timed else '–'} | "
                + " | ".join(ref_cells)
                + f" | {'; '.join(peer_cells) or '–'} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
