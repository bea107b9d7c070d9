import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

describe("generated elementwise loops", () => {
  it("match their generator's table (run node scripts/generate-loops.mjs after editing it)", () => {
    let output = "";
    let status = 0;
    try {
      execFileSync(process.execPath, [join(root, "scripts", "generate-loops.mjs"), "--check"], { stdio: "pipe" });
    } catch (error) {
      status = (error as { status: number }).status;
      output = String((error as { stderr: Buffer }).stderr);
    }
    expect(output).toBe("");
    expect(status).toBe(0);
  });
});
