#!/usr/bin/env node
/**
 * nabla as a GradBench tool: reads the eval's messages from stdin, one JSON object per line, and
 * writes one response line per message to stdout. Nothing else goes to stdout; failures are also
 * logged to stderr. Exits with status 0 when stdin ends.
 *
 *   python3 drive.py run --root GRADBENCH --eval lse --tool '$ node dist/bench/gradbench/main.js'
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { ProtocolHandler } from "./protocol.js";
import { evals } from "./evals/index.js";

async function main(): Promise<void> {
  const handler = new ProtocolHandler(evals);
  // readline has no line-length limit: lse sends lines of tens of megabytes.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const response = handler.handleLine(line);
    if (typeof response.error === "string") process.stderr.write(`nabla-gradbench: ${response.error}\n`);
    // Writes to a pipe may be queued (they are asynchronous on POSIX); waiting for the queue to
    // drain keeps a large response from piling up in memory behind the next one. Order is kept
    // either way, and Node flushes what is queued before exiting at the end of input.
    if (!process.stdout.write(`${JSON.stringify(response)}\n`)) await once(process.stdout, "drain");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`nabla-gradbench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
