/**
 * nabla in a real browser: serves dist/ and test/browser/page.html over HTTP on 127.0.0.1, opens
 * the page in Debian's Chromium (driven by playwright-core), and asserts on each result the page
 * computed with nabla's compiled ES modules. It needs `npm run build` (npm ci runs it) and
 * /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it when missing).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
/** Only these folders of the repository are served. */
const SERVED = ["dist", join("test", "browser")].map((folder) => join(ROOT, folder) + sep);
const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

type Result = { ok: true; value: any } | { ok: false; error: string };

let server: Server | undefined;
let browser: Browser | undefined;
let results: Record<string, Result> = {};
/** Why the page could not be run; every test reports it rather than being skipped. */
let setupError: Error | undefined;
const notFound: string[] = [];
const pageErrors: string[] = [];

function serve(): Promise<Server> {
  const s = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = resolve(ROOT, "." + path);
    if (!SERVED.some((folder) => file.startsWith(folder))) {
      notFound.push(path);
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
        response.end(body);
      },
      () => {
        notFound.push(path);
        response.writeHead(404).end();
      },
    );
  });
  return new Promise((done, fail) => {
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => done(s));
  });
}

async function runPage(): Promise<Record<string, Result>> {
  if (!existsSync(join(ROOT, "dist", "src", "index.js"))) {
    throw new Error("dist/src/index.js is missing: the browser test loads the compiled library. Run `npm run build` first.");
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser test needs Debian's chromium package. ` +
        "Install it with `apt-get update && apt-get install -y --no-install-recommends chromium` (.ci/run does this when it is missing).",
    );
  }
  server = await serve();
  const { port } = server.address() as AddressInfo;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  const page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`http://127.0.0.1:${port}/test/browser/page.html`);
  try {
    await page.waitForFunction(() => (globalThis as any).__done === true, undefined, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`the page did not finish: ${String(e)}\npage errors: ${pageErrors.join("\n") || "none"}\nnot found: ${notFound.join(", ") || "none"}`);
  }
  return page.evaluate(() => (globalThis as any).__results);
}

/** The value the page computed for `name`, or a failure with the page's error. */
function result(name: string): any {
  if (setupError !== undefined) throw setupError;
  const r = results[name];
  if (r === undefined) throw new Error(`the page reported no result for "${name}" (reported: ${Object.keys(results).join(", ")})`);
  if (!r.ok) throw new Error(`in the browser, "${name}" threw ${r.error}`);
  return r.value;
}

beforeAll(async () => {
  try {
    results = await runPage();
  } catch (e) {
    setupError = e instanceof Error ? e : new Error(String(e));
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

describe("nabla in Chromium", () => {
  it("launches Chromium and runs the page", () => {
    if (setupError !== undefined) throw setupError;
    const env = result("environment");
    expect(env.userAgent).toMatch(/Chrome\//);
    expect(env.hasProcess).toBe(false);
    expect(pageErrors).toEqual([]);
    expect(notFound).toEqual([]);
  });

  it("imports dist/src/index.js as an ES module", () => {
    expect(result("import nabla")).toBeGreaterThan(50);
  });

  it("imports dist/src/symbolic/index.js as an ES module", () => {
    expect(result("import nabla/symbolic")).toBeGreaterThan(20);
  });

  it("creates and prints tensors", () => {
    expect(result("tensor creation and printing")).toEqual({
      text: "tensor([[1, 2], [3, 4]], dtype=float32)",
      shape: [2, 2],
      dtype: "float32",
      array: [[1, 2], [3, 4]],
      float64Text: "tensor([1.5, -2], dtype=float64)",
      zerosShape: [2, 3],
      zerosDtype: "float64",
      sum: 10,
    });
  });

  it("grad of f(x, y, z) = x²y + z is exactly [2xy, x², 1]", () => {
    const { point, value, grad } = result("grad of x²y + z");
    const [x, y, z] = point;
    expect(value).toBe(x * x * y + z);
    expect(grad).toEqual([2 * x * y, x * x, 1]);
  });

  it("hessian of x²y + z is [[2y, 2x, 0], [2x, 0, 0], [0, 0, 0]]", () => {
    const [x, y] = [1.5, -2];
    expect(result("hessian of x²y + z")).toEqual([
      [2 * y, 2 * x, 0],
      [2 * x, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("jacfwd equals jacrev", () => {
    const r = result("jacfwd equals jacrev");
    expect(r.forwardShape).toEqual([3, 3]);
    expect(r.reverseShape).toEqual([3, 3]);
    expect(r.maxMagnitude).toBeGreaterThan(1);
    expect(r.maxDifference).toBeLessThan(1e-12);
  });

  it("vmap batches a function and its gradient", () => {
    expect(result("vmap")).toEqual({
      shape: [3],
      squaredNorms: [5, 25, 61],
      perRowGrads: [[2, 4], [6, 8], [10, 12]],
    });
  });

  it("a small MLP's training loss decreases", () => {
    const r = result("MLP training");
    expect(r.finite).toBe(true);
    expect(r.steps).toBe(300);
    expect(r.last).toBeLessThan(r.first * 0.2);
  });

  it("erf is float64-accurate", () => {
    const r = result("erf in float64");
    expect(r.dtype).toBe("float64");
    // erf(0.5), erf(-1), erf(2) to 17 significant digits.
    const expected = [0.52049987781304654, -0.84270079294971487, 0.99532226501895273];
    r.values.forEach((v: number, i: number) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(2 * Number.EPSILON));
  });

  it("throws ShapeError with its message", () => {
    expect(result("ShapeError")).toEqual({
      thrown: true,
      name: "ShapeError",
      op: "matmul",
      message: "matmul: inner dimensions must match, got [2, 3] and [4, 5] (3 vs 4).",
      isShapeError: true,
      isNablaError: true,
      isError: true,
    });
  });

  it("customJvp's rule is used by jvp, grad and vmap", () => {
    expect(result("customJvp")).toEqual({
      value: [1, 4],
      jvp: [3, 6],
      grad: [3, 6],
      vmapGrad: [[3], [6]],
      softplusGradAtZero: [0.5],
    });
  });

  it("checkGrads passes on a correct function and catches a wrong rule", () => {
    const r = result("checkGrads");
    expect(r.checks).toBeGreaterThan(0);
    expect(r.worstError).toBeLessThanOrEqual(r.worstTolerance);
    expect(r.wrongRule).toMatchObject({ name: "GradCheckError", isGradCheckError: true });
  });

  it("readCsv works and loadCsv explains that the browser has no file system", () => {
    const r = result("readCsv and loadCsv");
    expect(r.rows).toBe(2);
    expect(r.b).toEqual([2, 4]);
    expect(r.loadError?.name).toBe("ValueError");
    expect(r.loadError?.message).toMatch(/^loadCsv: .*readCsv/);
  });

  it("nabla/symbolic differentiates and compiles", () => {
    expect(result("symbolic")).toEqual({ dx: "2*x*y", dy: "x^2", compiledValue: 5, compiledGradient: [4, 1, 1] });
  });
});
