import { describe, expect, test } from "vitest";
import { runCli } from "../../src/cli/program.js";
import type { CliIo } from "../../src/cli/io.js";

async function nabla(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text) };
  const code = await runCli(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("nabla diff", () => {
  test("prints one partial derivative", async () => {
    expect(await nabla("diff", "x^2*y + z", "--wrt", "x")).toEqual({ code: 0, out: "2*x*y", err: "" });
  });

  test("prints every partial of --wrt x,y,z", async () => {
    const { out } = await nabla("diff", "x^2*y + z", "--wrt", "x,y,z");
    expect(out).toBe("∂f/∂x = 2*x*y\n∂f/∂y = x^2\n∂f/∂z = 1");
  });

  test("differentiates by every variable when --wrt is left out", async () => {
    expect((await nabla("diff", "x*y")).out).toBe("∂f/∂x = y\n∂f/∂y = x");
    expect((await nabla("diff", "sin(t)")).out).toBe("cos(t)");
  });

  test("prints second partials with --order 2", async () => {
    expect((await nabla("diff", "x^2*y + z", "--wrt", "x,y", "--order", "2")).out)
      .toBe("∂²f/∂x² = 2*y\n∂²f/∂x∂y = 2*x\n∂²f/∂y² = 0");
    expect((await nabla("diff", "x^3", "--order", "3")).out).toBe("6");
  });

  test("evaluates at a point with --at, accepting constant expressions", async () => {
    expect((await nabla("diff", "x^2*y + z", "--wrt", "x", "--at", "x=1,y=2,z=3")).out).toBe("4");
    expect((await nabla("diff", "sin(x)", "--at", "x=pi")).out).toBe("-1");
    expect((await nabla("diff", "x*y", "--at", "x=1,y=atan2(0, 1)")).out).toBe("∂f/∂x = 0\n∂f/∂y = 1");
  });

  test("takes an expression starting with a minus after --, and says so when it is mistaken for an option", async () => {
    expect(await nabla("diff", "--wrt", "x", "--", "-1/x^2")).toEqual({ code: 0, out: "2/x^3", err: "" });
    const mistaken = await nabla("diff", "-1/x^2");
    expect(mistaken.code).toBe(1);
    expect(mistaken.err).toContain(`error: unknown option '-1/x^2'\nAn expression that starts with "-" goes after "--", for example: nabla diff -- "-1/x^2"`);
    expect((await nabla("diff", "--bogus", "x")).err).not.toContain("goes after");
  });

  test("prints LaTeX with --latex", async () => {
    expect((await nabla("diff", "x^2*y + z", "--wrt", "x", "--latex")).out).toBe("2 x y");
    expect((await nabla("diff", "x^2*y", "--latex")).out)
      .toBe("\\frac{\\partial f}{\\partial x} = 2 x y\n\\frac{\\partial f}{\\partial y} = x^{2}");
    expect((await nabla("diff", "x^2*y", "--wrt", "x,y", "--order", "2", "--latex")).out.split("\n")[1])
      .toBe("\\frac{\\partial^{2} f}{\\partial x \\partial y} = 2 x");
  });

  test("explains the derivation with --explain", async () => {
    const { out } = await nabla("diff", "sin(x^2)", "--explain");
    expect(out).toContain("chain rule: outer sin(u), inner u = x^2");
    expect(out.split("\n").at(-1)).toBe("so ∂/∂x(sin(x^2)) = 2*x*cos(x^2)");
    expect((await nabla("diff", "x^2", "--explain", "--latex")).out).toContain("\\begin{align*}");
  });

  test("prints JSON with --json", async () => {
    const { out } = await nabla("diff", "x^2*y + z", "--wrt", "x,y", "--at", "x=1,y=2,z=3", "--json");
    expect(JSON.parse(out)).toEqual({
      expression: "x^2*y + z",
      variables: ["x", "y"],
      order: 1,
      at: { x: 1, y: 2, z: 3 },
      derivatives: [
        { wrt: ["x"], label: "∂f/∂x", text: "2*x*y", latex: "2 x y", value: 4 },
        { wrt: ["y"], label: "∂f/∂y", text: "x^2", latex: "x^{2}", value: 1 },
      ],
    });
  });
});

describe("nabla gradient, hessian, jacobian", () => {
  test("gradient prints the vector of partials", async () => {
    expect((await nabla("gradient", "x^2*y + z")).out).toBe("[2*x*y, x^2, 1]");
    expect((await nabla("gradient", "x^2*y + z", "--at", "x=1,y=2,z=3")).out).toBe("[4, 1, 1]");
    expect((await nabla("gradient", "x*y", "--latex")).out).toBe("\\nabla f = \\begin{bmatrix} y \\\\ x \\end{bmatrix}");
    expect(JSON.parse((await nabla("gradient", "x*y", "--json")).out).gradient.map((g: { text: string }) => g.text)).toEqual(["y", "x"]);
  });

  test("hessian prints one row per line", async () => {
    expect((await nabla("hessian", "x^2*y + z")).out).toBe("[2*y, 2*x, 0]\n[2*x, 0, 0]\n[0, 0, 0]");
    expect((await nabla("hessian", "x^2*y", "--wrt", "x,y", "--at", "x=3,y=1")).out).toBe("[2, 6]\n[6, 0]");
    expect((await nabla("hessian", "x*y", "--latex")).out).toBe("\\begin{bmatrix} 0 & 1 \\\\ 1 & 0 \\end{bmatrix}");
  });

  test("jacobian takes expressions separated by ;", async () => {
    expect((await nabla("jacobian", "x*y; x+y", "--wrt", "x,y")).out).toBe("[y, x]\n[1, 1]");
    expect(JSON.parse((await nabla("jacobian", "x*y; x+y", "--json")).out).expressions).toEqual(["x*y", "x + y"]);
  });
});

describe("bad input", () => {
  test("a malformed expression exits 1 with the caret message", async () => {
    const { code, out, err } = await nabla("diff", "x^2*", "--wrt", "x");
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toBe("nabla: parse: expected an operand, got end of input\n  x^2*\n      ^");
  });

  test("bad options exit 1 with a reason", async () => {
    expect(await nabla("diff", "x", "--order", "0")).toMatchObject({ code: 1, err: expect.stringMatching(/--order: a whole number from 1 to 10, got "0"/) });
    expect(await nabla("diff", "x*y", "--at", "x=1")).toMatchObject({ code: 1, err: expect.stringMatching(/--at: .*none for y. Add y=\.\.\. to --at/) });
    expect(await nabla("diff", "x", "--at", "x")).toMatchObject({ code: 1, err: expect.stringMatching(/name=value pairs/) });
    expect(await nabla("diff", "x", "--at", "x=y")).toMatchObject({ code: 1, err: expect.stringMatching(/uses y/) });
    expect(await nabla("diff", "x", "--wrt", "2x")).toMatchObject({ code: 1, err: expect.stringMatching(/a variable name/) });
    expect(await nabla("diff", "x", "--wrt", "x,")).toMatchObject({ code: 1, err: expect.stringMatching(/comma-separated/) });
    expect(await nabla("diff", "3")).toMatchObject({ code: 1, err: expect.stringMatching(/has none/) });
    expect(await nabla("diff", "x", "--order", "2", "--explain")).toMatchObject({ code: 1 });
    expect(await nabla("diff", "x", "--latex", "--json")).toMatchObject({ code: 1, err: expect.stringMatching(/cannot be used with/) });
  });

  test("an unknown command or a missing argument exits 1", async () => {
    expect((await nabla("differentiate", "x")).code).toBe(1);
    expect((await nabla("diff")).code).toBe(1);
  });

  test("--help exits 0 and lists the commands", async () => {
    const { code, out } = await nabla("--help");
    expect(code).toBe(0);
    for (const command of ["diff", "gradient", "hessian", "jacobian"]) expect(out).toContain(command);
  });
});
