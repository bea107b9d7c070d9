/**
 * GradBench's message handling, free of processes and streams so it can be tested in-process.
 *
 * The eval sends one JSON object per line (`start`, `define`, `evaluate`, `analysis`) and waits for
 * one response with the same `id`. `evaluate` runs the function at least `min_runs` times and
 * until the summed run time reaches `min_seconds`, reporting one "evaluate" timing per run (the
 * statistic GradBench scores is their mean), plus one "prepare" timing for turning the JSON input
 * into tensors. The output is the last run's, converted by the eval's `output`.
 */
import type { EvalFunction, EvalModule } from "./eval-module.js";

/** One entry of a response's `timings`: GradBench scores the ones named "evaluate". */
export interface Timing {
  name: string;
  nanoseconds: number;
}

/** What the tool answers to one message; always carries the message's `id`. */
export interface Response {
  id: number | null;
  [field: string]: unknown;
}

/** Monotonic nanosecond clock; tests may substitute one. */
export type Clock = () => bigint;

export interface ProtocolOptions {
  /** The tool's name, sent in the answer to `start`. */
  toolName?: string;
  clock?: Clock;
}

/** Answers GradBench messages with the given modules (eval name to its functions). */
export class ProtocolHandler {
  private readonly modules: Readonly<Record<string, EvalModule>>;
  private readonly toolName: string;
  private readonly clock: Clock;

  constructor(modules: Readonly<Record<string, EvalModule>>, options: ProtocolOptions = {}) {
    this.modules = modules;
    this.toolName = options.toolName ?? "nabla";
    this.clock = options.clock ?? process.hrtime.bigint;
  }

  /** Parses one line and answers it; a line that is not a message gets an error response with id null. */
  handleLine(line: string): Response {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      return { id: null, error: `protocol: expected one JSON object per line, got unparsable text (${(error as Error).message}).` };
    }
    return this.handle(message);
  }

  /** Answers one parsed message. */
  handle(message: unknown): Response {
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      return { id: null, error: `protocol: expected a JSON object, got ${describe(message)}.` };
    }
    const fields = message as Record<string, unknown>;
    const id = fields.id;
    if (typeof id !== "number" || !Number.isInteger(id)) {
      return { id: null, error: `protocol: expected an integer "id", got ${describe(id)}.` };
    }
    switch (fields.kind) {
      case "start":
        return { id, tool: this.toolName };
      case "define":
        return this.define(id, fields.module);
      case "evaluate":
        return this.evaluate(id, fields.module, fields.function, fields.input);
      default:
        // `analysis` needs only the id, and so does any kind this tool does not know (the protocol
        // lets evals add kinds that tools may ignore).
        return { id };
    }
  }

  private define(id: number, module: unknown): Response {
    if (typeof module === "string" && Object.hasOwn(this.modules, module)) return { id, success: true };
    const known = Object.keys(this.modules).sort().join(", ");
    return { id, success: false, error: `define: expected one of the modules ${known}, got ${describe(module)}.` };
  }

  private evaluate(id: number, module: unknown, name: unknown, input: unknown): Response {
    const fn = this.lookup(module, name);
    if (typeof fn === "string") return { id, success: false, error: fn };
    try {
      const { minRuns, minSeconds } = runSettings(input);
      const timings: Timing[] = [];
      let start = this.clock();
      const prepared = fn.prepare(input);
      timings.push({ name: "prepare", nanoseconds: Number(this.clock() - start) });
      const minNanoseconds = BigInt(Math.ceil(minSeconds * 1e9));
      let total = 0n;
      let runs = 0;
      let result: unknown;
      while (runs < minRuns || total < minNanoseconds) {
        start = this.clock();
        result = fn.run(prepared);
        const elapsed = this.clock() - start;
        timings.push({ name: "evaluate", nanoseconds: Number(elapsed) });
        total += elapsed;
        runs++;
      }
      const output = fn.output(result);
      checkFinite(output, "output");
      return { id, success: true, output, timings };
    } catch (error) {
      return { id, success: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private lookup(module: unknown, name: unknown): EvalFunction | string {
    if (typeof module !== "string" || !Object.hasOwn(this.modules, module)) {
      return `evaluate: expected a defined module, got ${describe(module)}. Send define first.`;
    }
    const functions = this.modules[module]!;
    if (typeof name !== "string" || !Object.hasOwn(functions, name)) {
      return `evaluate: expected one of the functions ${Object.keys(functions).join(", ")} of module ${module}, got ${describe(name)}.`;
    }
    return functions[name]!;
  }
}

/** `min_runs` and `min_seconds` from an input; inputs without them (hello's numbers) run once. */
function runSettings(input: unknown): { minRuns: number; minSeconds: number } {
  let minRuns = 1;
  let minSeconds = 0;
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    const fields = input as Record<string, unknown>;
    if (fields.min_runs !== undefined) {
      if (typeof fields.min_runs !== "number" || !Number.isInteger(fields.min_runs) || fields.min_runs < 1) {
        throw new Error(`evaluate: expected min_runs to be a positive integer, got ${describe(fields.min_runs)}.`);
      }
      minRuns = fields.min_runs;
    }
    if (fields.min_seconds !== undefined) {
      if (typeof fields.min_seconds !== "number" || !(fields.min_seconds >= 0) || !Number.isFinite(fields.min_seconds)) {
        throw new Error(`evaluate: expected min_seconds to be a finite number >= 0, got ${describe(fields.min_seconds)}.`);
      }
      minSeconds = fields.min_seconds;
    }
  }
  return { minRuns, minSeconds };
}

/**
 * Refuses outputs JSON cannot carry faithfully: `JSON.stringify` writes NaN and Infinity as null,
 * which GradBench would report as a type mismatch far from its cause.
 */
export function checkFinite(value: unknown, path: string): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`evaluate: expected finite numbers in the output, got ${value} at ${path}.`);
    return;
  }
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkFinite(value[i], `${path}[${i}]`);
    return;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, v] of Object.entries(value)) checkFinite(v, `${path}.${key}`);
    return;
  }
  throw new Error(`evaluate: expected plain JSON values in the output, got ${describe(value)} at ${path}. Convert tensors with toArray().`);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value !== "object") return typeof value;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? "an object" : `a ${(value as object).constructor.name}`;
}
