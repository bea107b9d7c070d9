/**
 * Runs the `@example` blocks of the public documentation, so that they cannot rot.
 *
 * Every TSDoc comment written immediately before an exported declaration in src/ (and before the
 * members of exported classes) is read; each `@example` block becomes one test. The snippet is
 * TypeScript: type annotations are removed with the compiler's `transpileModule`, `import` lines
 * are dropped, and the code runs with every export of src/index.ts in scope.
 *
 * A top-level expression statement may end with a comment that states its result:
 *
 *     add(tensor([1, 2]), 1);      // => tensor([2, 3])
 *     zeros([2, 3]).shape;         // => [2, 3]
 *     variance(x).item();          // => 1.25
 *     reshape(arange(6), [4]);     // throws ShapeError
 *
 * `=> <value>` is checked: numbers, `true`/`false`, `null`, strings, arrays (which also match typed
 * arrays), plain objects and `tensor(<nested array>)` (optionally `, dtype=float64`), which
 * matches a Tensor of exactly that shape. A number written with at least four significant digits
 * and a fraction (`0.785398`, `1000.6931`) is a rounded display and matches within one unit of its
 * last digit; any other number (`2`, `0.5`, `1e-10`) is meant exactly, up to a relative 1e-6 for
 * float32 rounding. `throws <ErrorName>` checks that the statement throws that error class, and
 * `throws <ErrorName>: <start of message>` its message too. Any other comment is prose and is not
 * checked. A `// =>` comment anywhere else (inside a function, after a declaration) fails the test,
 * so that no claimed value goes unchecked.
 *
 * A second test lists the exports of src/index.ts that have no example.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterEach, describe, expect, it } from "vitest";
import * as api from "../../src/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const srcDir = join(root, "src");
/** Modules owned elsewhere, with their own documentation tests. */
const skipped = ["symbolic", "cli"].map((d) => join(srcDir, d));

// ---------------------------------------------------------------------------------------------
// Reading the sources

interface Example {
  /** The declaration it documents: `matmul`, `CsvTable.tensor`. */
  readonly name: string;
  readonly file: string;
  /** The code, one entry per line, with the line of the source file it came from. */
  readonly lines: readonly { readonly text: string; readonly line: number }[];
}

interface Declaration {
  readonly name: string;
  readonly file: string;
  readonly examples: Example[];
  /** Marked `@internal`: exported for the library's own modules, left out of the documentation. */
  readonly internal: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (skipped.includes(path)) continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (path.endsWith(".ts") && !path.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let sf = parsed.get(file);
  if (!sf) {
    sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    parsed.set(file, sf);
  }
  return sf;
}

/** The `/** ... *\/` comment immediately before `node`, if any. */
function docComment(sf: ts.SourceFile, node: ts.Node): { text: string; line: number } | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last || last.kind !== ts.SyntaxKind.MultiLineCommentTrivia) return undefined;
  const text = sf.text.slice(last.pos, last.end);
  if (!text.startsWith("/**")) return undefined;
  return { text, line: sf.getLineAndCharacterOfPosition(last.pos).line + 1 };
}

/** The `@example` blocks of a doc comment, as code lines with their source line numbers. */
function examplesOf(name: string, file: string, comment: { text: string; line: number }): Example[] {
  const body = comment.text.replace(/^\/\*\*/, "").replace(/\*\/$/, "");
  const lines = body.split("\n").map((raw, i) => ({ text: raw.replace(/^\s*\*? ?/, "").trimEnd(), line: comment.line + i }));
  const blocks: { text: string; line: number }[][] = [];
  let current: { text: string; line: number }[] | null = null;
  for (const { text, line } of lines) {
    const at = text.search(/(^|\s)@example(\s|$)/);
    if (at >= 0) {
      current = [];
      blocks.push(current);
      const rest = text.slice(text.indexOf("@example") + "@example".length).trim();
      if (rest) current.push({ text: rest, line });
      continue;
    }
    if (/^@\w+/.test(text)) {
      current = null;
      continue;
    }
    if (current) current.push({ text, line });
  }
  return blocks.map((block) => {
    // A fenced block inside @example: keep only the code between the fences.
    const fences = block.map((l, i) => (l.text.startsWith("```") ? i : -1)).filter((i) => i >= 0);
    const code = fences.length >= 2 ? block.slice(fences[0]! + 1, fences[1]) : block;
    while (code.length && !code[code.length - 1]!.text.trim()) code.pop();
    return { name, file, lines: code };
  });
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The exported declarations of a file with their doc examples, by exported name. */
function declarationsOf(file: string): Map<string, Declaration> {
  const sf = parse(file);
  const out = new Map<string, Declaration>();
  const add = (name: string, node: ts.Node, examples: Example[] = []): void => {
    const comment = docComment(sf, node);
    out.set(name, {
      name,
      file,
      examples: [...(comment ? examplesOf(name, file, comment) : []), ...examples],
      internal: comment !== undefined && /(^|\s)@internal\b/.test(comment.text),
    });
  };
  for (const stmt of sf.statements) {
    if (!isExported(stmt)) continue;
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name.text, stmt);
    } else if (ts.isClassDeclaration(stmt) && stmt.name) {
      const members: Example[] = [];
      for (const m of stmt.members) {
        if (!m.name || !(ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name))) continue;
        const comment = docComment(sf, m);
        if (comment) members.push(...examplesOf(`${stmt.name.text}.${m.name.text}`, file, comment));
      }
      add(stmt.name.text, stmt, members);
    } else if (
      (ts.isFunctionDeclaration(stmt) || ts.isInterfaceDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt) || ts.isEnumDeclaration(stmt)) &&
      stmt.name
    ) {
      // Overloads share one name; the documented signature wins.
      const previous = out.get(stmt.name.text);
      if (!previous || previous.examples.length === 0) add(stmt.name.text, stmt);
    }
  }
  return out;
}

/** Follows `export ... from` re-exports: every public name of `file` and where it is declared. */
function publicExports(file: string, seen = new Set<string>()): Map<string, Declaration> {
  const out = new Map<string, Declaration>();
  if (seen.has(file)) return out;
  seen.add(file);
  for (const [name, decl] of declarationsOf(file)) out.set(name, decl);
  const sf = parse(file);
  for (const stmt of sf.statements) {
    if (!ts.isExportDeclaration(stmt) || !stmt.moduleSpecifier || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const target = resolve(dirname(file), stmt.moduleSpecifier.text.replace(/\.js$/, ".ts"));
    const theirs = publicExports(target, new Set(seen));
    if (!stmt.exportClause) {
      for (const [name, decl] of theirs) if (name !== "default") out.set(name, decl);
    } else if (ts.isNamedExports(stmt.exportClause)) {
      for (const spec of stmt.exportClause.elements) {
        const original = (spec.propertyName ?? spec.name).text;
        const decl = theirs.get(original);
        if (!decl) throw new Error(`${relative(root, file)} re-exports ${original}, which ${relative(root, target)} does not export`);
        out.set(spec.name.text, decl);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Expected values

type Expected =
  | { kind: "number"; value: number; tolerance: number; text: string }
  | { kind: "literal"; value: boolean | null | undefined | string }
  | { kind: "array"; items: Expected[] }
  | { kind: "object"; entries: [string, Expected][] }
  | { kind: "tensor"; data: Expected; dtype?: string };

function parseExpected(text: string): Expected {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`cannot read the expected value ${JSON.stringify(text)}: ${what} at column ${i + 1}`);
  };
  const space = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const eat = (s: string): boolean => {
    space();
    if (text.startsWith(s, i)) {
      i += s.length;
      return true;
    }
    return false;
  };
  const expect_ = (s: string): void => {
    if (!eat(s)) fail(`expected "${s}"`);
  };
  const list = <T>(close: string, item: () => T): T[] => {
    const items: T[] = [];
    if (eat(close)) return items;
    do items.push(item());
    while (eat(","));
    expect_(close);
    return items;
  };
  const value = (): Expected => {
    space();
    const rest = text.slice(i);
    const num = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/i.exec(rest);
    if (num) {
      i += num[0].length;
      return numberOf(num[0]);
    }
    const word = /^(-?Infinity|NaN|true|false|null|undefined|tensor)\b/.exec(rest);
    if (word) {
      i += word[0].length;
      switch (word[1]) {
        case "true":
          return { kind: "literal", value: true };
        case "false":
          return { kind: "literal", value: false };
        case "null":
          return { kind: "literal", value: null };
        case "undefined":
          return { kind: "literal", value: undefined };
        case "tensor": {
          expect_("(");
          const data = value();
          let dtype: string | undefined;
          if (eat(",")) {
            expect_("dtype");
            expect_("=");
            space();
            const m = /^\w+/.exec(text.slice(i)) ?? fail("expected a dtype");
            dtype = m[0];
            i += dtype.length;
          }
          expect_(")");
          return { kind: "tensor", data, dtype };
        }
        default:
          return { kind: "number", value: Number(word[1]), tolerance: 0, text: word[1]! };
      }
    }
    if (eat("[")) return { kind: "array", items: list("]", value) };
    if (eat("{")) {
      return {
        kind: "object",
        entries: list("}", () => {
          space();
          const key = /^(\w+|"[^"]*")/.exec(text.slice(i)) ?? fail("expected a key");
          i += key[0].length;
          expect_(":");
          return [key[0].replace(/^"|"$/g, ""), value()] as [string, Expected];
        }),
      };
    }
    const str = /^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/.exec(rest);
    if (str) {
      i += str[0].length;
      return { kind: "literal", value: str[0].startsWith('"') ? JSON.parse(str[0]) : str[0].slice(1, -1) };
    }
    return fail("expected a value");
  };
  const result = value();
  space();
  if (i < text.length) fail("unexpected text");
  return result;
}

/** A number and how far from it a value may be, judged by how it is written. */
function numberOf(text: string): Expected {
  const value = Number(text);
  const [mantissa, exponent = "0"] = text.replace(/^[-+]/, "").toLowerCase().split("e");
  const [, fraction = ""] = mantissa!.split(".");
  const significant = mantissa!.replace(".", "").replace(/^0+/, "").length;
  const rounded = fraction.length > 0 && significant >= 4;
  const lastDigit = rounded ? 10 ** (Number(exponent) - fraction.length) : 0;
  const tolerance = Math.max(lastDigit, value === 0 ? 1e-6 : 1e-6 * Math.abs(value));
  return { kind: "number", value, tolerance, text };
}

function show(x: unknown): string {
  if (x instanceof api.Tensor) return String(x);
  if (ArrayBuffer.isView(x)) return `${x.constructor.name} [${Array.from(x as unknown as ArrayLike<number>).join(", ")}]`;
  if (Array.isArray(x)) return `[${x.map(show).join(", ")}]`;
  if (typeof x === "string") return JSON.stringify(x);
  if (x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype) {
    return `{ ${Object.entries(x).map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }`;
  }
  return String(x);
}

function shapeOf(e: Expected): number[] {
  return e.kind === "array" ? [e.items.length, ...(e.items.length ? shapeOf(e.items[0]!) : [])] : [];
}

/** Why `actual` does not match, or null when it does. */
function mismatch(actual: unknown, expected: Expected, at = ""): string | null {
  const where = at ? ` at ${at}` : "";
  switch (expected.kind) {
    case "number": {
      if (typeof actual !== "number") return `expected the number ${expected.text}${where}, got ${show(actual)}`;
      if (Number.isNaN(expected.value)) return Number.isNaN(actual) ? null : `expected NaN${where}, got ${actual}`;
      if (!Number.isFinite(expected.value)) return actual === expected.value ? null : `expected ${expected.text}${where}, got ${actual}`;
      const error = Math.abs(actual - expected.value);
      return error <= expected.tolerance ? null : `expected ${expected.text} (±${expected.tolerance.toPrecision(2)})${where}, got ${actual}`;
    }
    case "literal":
      return actual === expected.value ? null : `expected ${show(expected.value)}${where}, got ${show(actual)}`;
    case "array": {
      if (!Array.isArray(actual) && !(ArrayBuffer.isView(actual) && !(actual instanceof DataView))) {
        return `expected an array${where}, got ${show(actual)}`;
      }
      const items = Array.from(actual as ArrayLike<unknown>);
      if (items.length !== expected.items.length) return `expected ${expected.items.length} items${where}, got ${items.length}: ${show(actual)}`;
      for (let k = 0; k < items.length; k++) {
        const m = mismatch(items[k], expected.items[k]!, `${at}[${k}]`);
        if (m) return m;
      }
      return null;
    }
    case "object": {
      if (actual === null || typeof actual !== "object") return `expected an object${where}, got ${show(actual)}`;
      const keys = Object.keys(actual);
      const want = expected.entries.map(([k]) => k);
      if (keys.length !== want.length || want.some((k) => !keys.includes(k))) {
        return `expected the keys ${want.join(", ")}${where}, got ${keys.join(", ")}`;
      }
      for (const [k, e] of expected.entries) {
        const m = mismatch((actual as Record<string, unknown>)[k], e, `${at}.${k}`);
        if (m) return m;
      }
      return null;
    }
    case "tensor": {
      if (!(actual instanceof api.Tensor)) return `expected a tensor${where}, got ${show(actual)}`;
      const shape = shapeOf(expected.data);
      if (actual.shape.length !== shape.length || actual.shape.some((d, k) => d !== shape[k])) {
        return `expected a tensor of shape [${shape.join(", ")}]${where}, got ${show(actual)}`;
      }
      if (expected.dtype !== undefined && actual.dtype !== expected.dtype) return `expected dtype ${expected.dtype}${where}, got ${show(actual)}`;
      const m = mismatch(actual.toArray(), expected.data);
      return m && `${m} in ${show(actual)}${where}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Running an example

class ExampleFailure extends Error {}

const CHECK = /^\/\/\s*=>\s*(.*)$/;
const THROWS = /^\/\/\s*throws\s+([A-Za-z_]\w*)(?::\s*(.*))?$/;

/** The example as JavaScript, each checked statement wrapped in a call to `__check` or `__throws`. */
function compile(example: Example): string {
  const source = example.lines.map((l) => l.text).join("\n");
  const lineOf = (index: number): number => example.lines[index]?.line ?? example.lines[0]!.line;
  const sf = ts.createSourceFile("example.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const handled = new Set<number>();
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) {
      edits.push({ start: stmt.getStart(sf), end: stmt.end, text: "" });
      continue;
    }
    const comment = (ts.getTrailingCommentRanges(source, stmt.end) ?? [])[0];
    if (!comment || comment.kind !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
    const text = source.slice(comment.pos, comment.end).trim();
    const check = CHECK.exec(text);
    const throws = THROWS.exec(text);
    if (!check && !throws) continue;
    const line = lineOf(sf.getLineAndCharacterOfPosition(stmt.getStart(sf)).line);
    if (!ts.isExpressionStatement(stmt)) {
      throw new ExampleFailure(`line ${line}: a "${text}" comment must follow an expression, not a declaration`);
    }
    handled.add(comment.pos);
    const expr = stmt.expression.getText(sf);
    const call = check
      ? `__check(() => (${expr}), ${JSON.stringify(check[1]!.trim())}, ${line});`
      : `__throws(() => (${expr}), ${JSON.stringify(throws![1])}, ${JSON.stringify(throws![2]?.trim() ?? "")}, ${line});`;
    edits.push({ start: stmt.getStart(sf), end: stmt.end, text: call });
  }
  // A claimed value the rewriting did not reach would silently go unchecked: refuse it.
  const scan = (node: ts.Node): void => {
    for (const c of ts.getTrailingCommentRanges(source, node.end) ?? []) {
      const text = source.slice(c.pos, c.end).trim();
      if (!handled.has(c.pos) && (CHECK.test(text) || THROWS.test(text))) {
        const line = lineOf(sf.getLineAndCharacterOfPosition(c.pos).line);
        throw new ExampleFailure(`line ${line}: "${text}" is not at the end of a top-level expression statement, so it cannot be checked`);
      }
    }
    ts.forEachChild(node, scan);
  };
  scan(sf);
  let rewritten = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) rewritten = rewritten.slice(0, e.start) + e.text + rewritten.slice(e.end);
  const out = ts.transpileModule(rewritten, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    reportDiagnostics: true,
  });
  const problems = out.diagnostics ?? [];
  if (problems.length) {
    throw new ExampleFailure(`does not parse: ${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);
  }
  return out.outputText.replace(/^export \{\};?$/m, "");
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
const names = Object.keys(api).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));

async function run(example: Example): Promise<number> {
  const where = (line: number): string => `${relative(root, example.file)}:${line}`;
  let checks = 0;
  const __check = (compute: () => unknown, expected: string, line: number): void => {
    let actual: unknown;
    try {
      actual = compute();
    } catch (error) {
      throw new ExampleFailure(`${where(line)}: expected ${expected}, but it threw ${(error as Error).name}: ${(error as Error).message}`);
    }
    const m = mismatch(actual, parseExpected(expected));
    if (m) throw new ExampleFailure(`${where(line)}: ${m}`);
    checks++;
  };
  const __throws = (compute: () => unknown, name: string, message: string, line: number): void => {
    const cls = (api as Record<string, unknown>)[name] ?? (globalThis as Record<string, unknown>)[name];
    if (typeof cls !== "function") throw new ExampleFailure(`${where(line)}: ${name} is not an error class of the API`);
    let result: unknown;
    try {
      result = compute();
    } catch (error) {
      if (!(error instanceof (cls as new () => Error))) {
        throw new ExampleFailure(`${where(line)}: expected a ${name}, got ${(error as Error).name}: ${(error as Error).message}`);
      }
      const start = message.replace(/\s*(\.\.\.|…)$/, "");
      if (start && !(error as Error).message.startsWith(start)) {
        throw new ExampleFailure(`${where(line)}: expected a message starting ${JSON.stringify(start)}, got ${JSON.stringify((error as Error).message)}`);
      }
      checks++;
      return;
    }
    throw new ExampleFailure(`${where(line)}: expected a ${name}, but it returned ${show(result)}`);
  };
  const js = compile(example);
  // In a block of its own, the example may declare names the API also exports (its own `softplus`).
  const body = new AsyncFunction(...names, "__check", "__throws", `{\n${js}\n}`);
  try {
    await body(...names.map((n) => (api as Record<string, unknown>)[n]), __check, __throws);
  } catch (error) {
    if (error instanceof ExampleFailure) throw error;
    throw new ExampleFailure(`${where(example.lines[0]!.line)}: the example threw ${(error as Error).name}: ${(error as Error).message}\n${js}`);
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// The tests

const files = sourceFiles(srcDir);
const examples = files.flatMap((file) => [...declarationsOf(file).values()].flatMap((d) => d.examples));
const index = join(srcDir, "index.ts");
const exported = publicExports(index);

describe("documentation examples", () => {
  afterEach(() => {
    // An example may switch a global setting; none may leak into the next.
    api.config.debugNans = false;
  });

  const seen = new Map<string, number>();
  for (const example of examples) {
    const n = (seen.get(example.name) ?? 0) + 1;
    seen.set(example.name, n);
    const label = n === 1 ? example.name : `${example.name} (${n})`;
    it(`the example of ${label} runs and prints what it says`, async () => {
      await run(example);
    });
  }

  it("the package overview example runs", async () => {
    const comment = docComment(parse(index), parse(index).statements[0]!);
    const overview = comment ? examplesOf("nabla", index, comment) : [];
    expect(overview.length).toBeGreaterThan(0);
    for (const example of overview) await run(example);
  });

  it("every export of src/index.ts has an example", () => {
    const missing = [...exported.values()].filter((d) => d.examples.length === 0 && !d.internal).map((d) => `${d.name} (${relative(root, d.file)})`);
    expect(missing, `exports without an @example:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("the export list read from the sources is the one the module has", () => {
    const values = Object.keys(api).sort();
    const found = [...exported.keys()].filter((n) => values.includes(n)).sort();
    expect(found).toEqual(values);
  });

  it("reads expected values as the documentation writes them", () => {
    expect(mismatch(0.7853981634, parseExpected("0.785398"))).toBeNull();
    expect(mismatch(0.7854, parseExpected("0.785398"))).not.toBeNull();
    expect(mismatch(6.4, parseExpected("6"))).not.toBeNull();
    expect(mismatch(9.9999999995e-11, parseExpected("1e-10"))).toBeNull();
    expect(mismatch(api.tensor([1, 2]), parseExpected("tensor([1, 2])"))).toBeNull();
    expect(mismatch(api.tensor([[1, 2]]), parseExpected("tensor([1, 2])"))).not.toBeNull();
    expect(mismatch(api.tensor([1, 2]), parseExpected("tensor([1, 2], dtype=int32)"))).not.toBeNull();
    expect(mismatch(api.tensor([true]), parseExpected("tensor([true])"))).toBeNull();
    expect(mismatch(api.tensor([1]), parseExpected("tensor([true])"))).not.toBeNull();
    expect(mismatch(new Float64Array([2, 4]), parseExpected("[2, 4]"))).toBeNull();
    expect(mismatch({ a: [1], b: "x" }, parseExpected('{ a: [1], b: "x" }'))).toBeNull();
    expect(() => parseExpected("tensor([3]), not 6")).toThrow(/unexpected text/);
  });
});
