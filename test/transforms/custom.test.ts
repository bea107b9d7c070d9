import { describe, expect, it } from "vitest";
import {
  NotDifferentiableError,
  ValueError,
  checkGrads,
  customJvp,
  customVjp,
  grad,
  hessian,
  jacfwd,
  jacrev,
  jvp,
  tensor,
  vjp,
  vmap,
  type Tensor,
} from "../../src/index.js";
import { expectClose } from "../support.js";

const f64 = (values: number[]) => tensor(values, { dtype: "float64" });

// A rule that is deliberately not the derivative of the function (x² with "derivative" 3·dx), so
// every result below shows whether the rule was used.
const marked = customJvp(
  (x: Tensor) => x.square(),
  ([x]: Tensor[], [dx]: Tensor[]) => [x.square(), dx.mul(3)],
);

// A correct rule: softplus with d softplus = σ(x) dx.
const softplus = customJvp(
  (x: Tensor) => x.exp().log1p(),
  ([x]: Tensor[], [dx]: Tensor[]) => [x.exp().log1p(), dx.mul(x.sigmoid())],
);

describe("customJvp", () => {
  it("returns the function's value when nothing is transformed", () => {
    expectClose(marked(f64([2, 3])), f64([4, 9]));
  });

  it("is used by jvp, grad, jacfwd and jacrev", () => {
    const x = f64([2, 5]);
    expectClose(jvp(marked, [x], [f64([1, 1])])[1] as Tensor, f64([3, 3]));
    expectClose(grad((v: Tensor) => marked(v).sum())(x) as Tensor, f64([3, 3]));
    expectClose(jacfwd(marked)(x) as Tensor, f64([3, 0, 0, 3]).reshape([2, 2]));
    expectClose(jacrev(marked)(x) as Tensor, f64([3, 0, 0, 3]).reshape([2, 2]));
  });

  it("keeps its rule under vmap, in both nesting orders", () => {
    const xs = f64([1, 2, 3]);
    expectClose(grad((v: Tensor) => (vmap(marked)(v) as Tensor).sum())(xs) as Tensor, f64([3, 3, 3]));
    expectClose(vmap(grad((v: Tensor) => marked(v)))(xs) as Tensor, f64([3, 3, 3]));
    expectClose(vmap((v: Tensor) => jvp(marked, [v], [f64([1])])[1] as Tensor)(xs.reshape([3, 1])) as Tensor, f64([3, 3, 3]).reshape([3, 1]));
  });

  it("is differentiated again for higher orders (the rule's own derivative)", () => {
    // d/dx of the rule 3·dx is 0, so the second derivative through the rule is 0.
    expectClose(hessian((v: Tensor) => marked(v).sum())(f64([2])) as Tensor, f64([0]).reshape([1, 1]));
    checkGrads((v: Tensor) => softplus(v).sum(), [f64([-2, 0.5, 3])], { order: 3 });
  });

  it("takes trees of arguments and returns trees", () => {
    const scale = customJvp(
      (p: { a: Tensor; b: Tensor }) => ({ sum: p.a.add(p.b) }),
      ([p]: { a: Tensor; b: Tensor }[], [dp]: { a: Tensor; b: Tensor }[]) => [{ sum: p!.a.add(p!.b) }, { sum: dp!.a.mul(10).add(dp!.b) }],
    );
    const g = grad((p: { a: Tensor; b: Tensor }) => scale(p).sum.sum())({ a: f64([1]), b: f64([2]) }) as { a: Tensor; b: Tensor };
    expectClose(g.a, f64([10]));
    expectClose(g.b, f64([1]));
  });

  it("refuses a rule that does not return [output, tangent] or gives a tangent of another shape", () => {
    const bad = customJvp((x: Tensor) => x, () => 1 as unknown as [Tensor, Tensor]);
    expect(() => grad((x: Tensor) => bad(x).sum())(f64([1]))).toThrow(ValueError);
    const wrongShape = customJvp((x: Tensor) => x, ([x]: Tensor[]) => [x, f64([1, 2, 3])]);
    expect(() => grad((x: Tensor) => wrongShape(x).sum())(f64([1]))).toThrow("customJvp: the rule's output tangent 0 must have the output's shape [1], got [3].");
  });
});

// Gradient clipping in the backward pass: the forward value is x, the cotangent is clipped.
const clipped = customVjp(
  (x: Tensor) => x,
  (x: Tensor) => [x, []],
  (_residuals: Tensor[], ct: Tensor) => [ct.clip(-1, 1)],
);

// x·y with a backward pass using saved residuals (and a deliberate factor 2 on y's cotangent).
const product = customVjp(
  (x: Tensor, y: Tensor) => x.mul(y),
  (x: Tensor, y: Tensor) => [x.mul(y), [x, y]],
  ([x, y]: Tensor[], ct: Tensor) => [ct.mul(y!), ct.mul(x!).mul(2)],
);

describe("customVjp", () => {
  it("returns the function's value when nothing is transformed", () => {
    expectClose(product(f64([2]), f64([3])), f64([6]));
  });

  it("is used by grad, vjp and jacrev", () => {
    expectClose(grad((x: Tensor) => clipped(x).mul(10).sum())(f64([1, 2])) as Tensor, f64([1, 1]));
    const [, pullback] = vjp(product, f64([2]), f64([3]));
    const [gx, gy] = pullback(f64([1])) as Tensor[];
    expectClose(gx!, f64([3]));
    expectClose(gy!, f64([4]));
    expectClose(jacrev((x: Tensor) => clipped(x).mul(10))(f64([1, 2])) as Tensor, f64([1, 0, 0, 1]).reshape([2, 2]));
  });

  it("keeps its rule under vmap inside grad, summing the cotangents of unbatched inputs", () => {
    const xs = f64([1, 2, 3]);
    const y = f64([5]);
    const f = (v: Tensor, w: Tensor) => (vmap((a: Tensor) => product(a.reshape([1]), w), { inAxes: [0] })(v) as Tensor).sum();
    const [gx, gy] = grad(f, { argnums: [0, 1] })(xs, y) as Tensor[];
    expectClose(gx!, f64([5, 5, 5]));
    expectClose(gy!, f64([12])); // 2·(1 + 2 + 3): the marked rule, summed over the batch
    expectClose(vmap(grad((v: Tensor) => clipped(v).mul(10)))(xs) as Tensor, f64([1, 1, 1]));
  });

  it("supports forward over reverse: hessian differentiates the backward pass as ordinary code", () => {
    // bwd of product returns [ct·y, 2·ct·x]: its Jacobian in (x, y) is [[0, 1], [2, 0]].
    const f = (v: Tensor) => product(v.take(0), v.take(1));
    expectClose(hessian(f)(f64([2, 3])) as Tensor, f64([0, 1, 2, 0]).reshape([2, 2]));
    expectClose(hessian((x: Tensor) => clipped(x).sum())(f64([0.5])) as Tensor, f64([0]).reshape([1, 1]));
  });

  it("gives zeros where bwd returns null", () => {
    const onlyFirst = customVjp(
      (x: Tensor, y: Tensor) => x.mul(y),
      (x: Tensor, y: Tensor) => [x.mul(y), [y]],
      ([y]: Tensor[], ct: Tensor) => [ct.mul(y!), null],
    );
    const [gx, gy] = grad((x: Tensor, y: Tensor) => onlyFirst(x, y).sum(), { argnums: [0, 1] })(f64([2]), f64([3])) as Tensor[];
    expectClose(gx!, f64([3]));
    expectClose(gy!, f64([0]));
  });

  it("refuses forward mode of the function itself, with a message naming what to use instead", () => {
    expect(() => jvp(clipped, [f64([1])], [f64([1])])).toThrow(NotDifferentiableError);
    expect(() => jacfwd(clipped)(f64([1]))).toThrow(
      "customVjp: expected reverse-mode differentiation (grad, vjp, jacrev), got forward mode of the function itself (jvp, jacfwd). " +
        "A customVjp function only defines reverse mode; define it with customJvp to support both.",
    );
  });

  it("refuses a bwd that returns the wrong number of cotangents", () => {
    const bad = customVjp((x: Tensor) => x, (x: Tensor) => [x, []], (_r: Tensor[], ct: Tensor) => [ct, ct]);
    expect(() => grad((x: Tensor) => bad(x).sum())(f64([1]))).toThrow(
      "customVjp: bwd must return one cotangent per argument (1), got an array of length 2.",
    );
  });
});
