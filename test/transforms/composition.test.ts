/**
 * Identities between the transformations, and how they take and return trees, argnums, aux values,
 * JS numbers and both float dtypes.
 */
import { describe, expect, test } from "vitest";
import {
  grad,
  hessian,
  hvp,
  jacfwd,
  jacobian,
  jacrev,
  jvp,
  linearize,
  matmul,
  normal,
  stack,
  sum,
  tensor,
  treeLeaves,
  valueAndGrad,
  vjp,
  vmap,
  type Tensor,
} from "../../src/index.js";
import { expectClose } from "../support.js";

const f64 = (values: number[] | number[][], shape?: number[]) => tensor(values, { dtype: "float64", ...(shape ? { shape } : {}) });

/** A smooth scalar function of a tensor with mixed second derivatives. */
const scalarFn = (x: Tensor): Tensor => x.sin().mul(x.square()).sum().add(x.prod().mul(0.5)).add(x.sum().exp().mul(0.1));

/** A function from shape [2, 3] to shape [4]. */
const W = normal(3, [4, 6], { dtype: "float64" });
const vectorFn = (x: Tensor): Tensor => matmul(W, x.reshape([6]).tanh()).add(x.square().sum());

function inner(a: Tensor, b: Tensor): number {
  return a.mul(b).sum().item();
}

describe("identities between transformations", () => {
  test("jacfwd of jacrev, jacrev of jacfwd and hessian agree", () => {
    for (const x of [f64([0.3, -0.7, 1.1]), f64([[0.5, -0.2], [0.9, 1.3]])]) {
      const h = hessian(scalarFn)(x) as Tensor;
      expect(h.shape).toEqual([...x.shape, ...x.shape]);
      expectClose(jacfwd(jacrev(scalarFn))(x) as Tensor, h, 1e-12);
      expectClose(jacrev(jacfwd(scalarFn))(x) as Tensor, h, 1e-12);
      expectClose(jacrev(jacrev(scalarFn))(x) as Tensor, h, 1e-12);
    }
  });

  test("the Hessian is symmetric", () => {
    const h = hessian(scalarFn)(f64([0.3, -0.7, 1.1, 0.2])) as Tensor;
    expectClose(h, h.transpose(), 1e-12);
  });

  test("hvp equals the Hessian times the vector", () => {
    const x = f64([0.3, -0.7, 1.1]);
    const v = f64([1, -2, 0.5]);
    const h = hessian(scalarFn)(x) as Tensor;
    expectClose(hvp(scalarFn, [x], [v]) as Tensor, matmul(h, v), 1e-12);
  });

  test("the VJP is the adjoint of the JVP: ⟨vjp(u), v⟩ = ⟨u, jvp(v)⟩", () => {
    const x = normal(1, [2, 3], { dtype: "float64" });
    const v = normal(2, [2, 3], { dtype: "float64" });
    const u = normal(4, [4], { dtype: "float64" });
    const [, jv] = jvp(vectorFn, [x], [v]) as [Tensor, Tensor];
    const [, pullback] = vjp(vectorFn, x);
    const [ju] = pullback(u) as [Tensor];
    expect(Math.abs(inner(ju, v) - inner(u, jv))).toBeLessThan(1e-12);
  });

  test("the Jacobian rows and columns are VJPs and JVPs of unit vectors", () => {
    const x = normal(1, [2, 3], { dtype: "float64" });
    const J = jacrev(vectorFn)(x) as Tensor;
    const [, pullback] = vjp(vectorFn, x);
    const [row] = pullback(f64([0, 0, 1, 0])) as [Tensor];
    expectClose(J.slice(2), row, 1e-12);
    const unit = tensor(new Float64Array([0, 0, 0, 0, 1, 0]), { shape: [2, 3] });
    const [, column] = jvp(vectorFn, [x], [unit]) as [Tensor, Tensor];
    expectClose(J.slice(null, 1, 1), column, 1e-12);
  });

  test("grad of grad of grad of a polynomial is exact", () => {
    // f(x) = x⁴ + 2x³ − 5x, f'''(x) = 24x + 12.
    const f = (x: Tensor) => x.mul(x).mul(x).mul(x).add(x.mul(x).mul(x).mul(2)).sub(x.mul(5));
    const third = grad(grad(grad(f)));
    for (const x of [1.5, -2, 0, 3.25]) {
      expect((third(f64([x]).reshape([])) as Tensor).item()).toBe(24 * x + 12);
    }
    expect((grad(grad(f))(f64([2]).reshape([])) as Tensor).item()).toBe(12 * 4 + 12 * 2);
    expect((grad(grad(grad(grad(f))))(f64([2]).reshape([])) as Tensor).item()).toBe(24);
  });

  test("vmap of grad equals the gradients stacked", () => {
    const xs = normal(5, [4, 3], { dtype: "float64" });
    const perExample = stack([0, 1, 2, 3].map((i) => grad(scalarFn)(xs.slice(i)) as Tensor), 0);
    expectClose(vmap(grad(scalarFn))(xs) as Tensor, perExample, 1e-12);
  });

  test("vmap of grad over axis 1 with an unmapped argument equals the gradients stacked", () => {
    const f = (x: Tensor, w: Tensor) => x.mul(w).sin().sum();
    const xs = normal(6, [3, 5], { dtype: "float64" });
    const w = normal(7, [3], { dtype: "float64" });
    const perExample = stack([0, 1, 2, 3, 4].map((i) => grad(f)(xs.slice(null, i), w) as Tensor), 1);
    expectClose(vmap(grad(f), { inAxes: [1, null], outAxes: 1 })(xs, w) as Tensor, perExample, 1e-12);
  });

  test("grad of a summed vmap equals the per-example gradients", () => {
    const xs = normal(8, [4, 3], { dtype: "float64" });
    const g = grad((batch: Tensor) => sum(vmap(scalarFn)(batch) as Tensor))(xs) as Tensor;
    expectClose(g, vmap(grad(scalarFn))(xs) as Tensor, 1e-12);
  });

  test("jvp of a vjp is a Hessian-vector product", () => {
    const x = f64([0.3, -0.7, 1.1]);
    const v = f64([0.5, 1, -1]);
    const gradViaVjp = (y: Tensor) => (vjp(scalarFn, y)[1](f64([1]).reshape([])) as Tensor[])[0]!;
    const [g, hv] = jvp(gradViaVjp, [x], [v]) as [Tensor, Tensor];
    expectClose(g, grad(scalarFn)(x) as Tensor, 1e-12);
    expectClose(hv, hvp(scalarFn, [x], [v]) as Tensor, 1e-12);
  });

  test("linearize pushes tangents forward like jvp, and can be reused", () => {
    const x = normal(1, [2, 3], { dtype: "float64" });
    const [y, push] = linearize(vectorFn, x);
    expectClose(y as Tensor, vectorFn(x), 1e-15);
    for (const seed of [10, 11]) {
      const v = normal(seed, [2, 3], { dtype: "float64" });
      expectClose(push(v) as Tensor, (jvp(vectorFn, [x], [v]) as [Tensor, Tensor])[1], 1e-12);
    }
  });

  test("vmap takes inAxes and outAxes as trees, with null for an unmapped leaf", () => {
    const f = (p: { a: Tensor; b: Tensor }) => ({ sum: p.a.add(p.b).sum(), scaled: p.a.mul(p.b) });
    const a = f64([[1, 2], [3, 4], [5, 6]]);
    const b = f64([10, 20]);
    const out = vmap(f, { inAxes: [{ a: 0, b: null }], outAxes: { sum: 0, scaled: 1 } })({ a, b }) as { sum: Tensor; scaled: Tensor };
    expect(out.sum.toArray()).toEqual([33, 37, 41]);
    expect(out.scaled.toArray()).toEqual([[10, 30, 50], [40, 80, 120]]);
    // A key left out of an object spec is mapped along axis 0.
    const partial = vmap((p: { a: Tensor; b: Tensor }) => p.a.mul(p.b), { inAxes: [{ b: null }] })({ a, b }) as Tensor;
    expect(partial.toArray()).toEqual([[10, 40], [30, 80], [50, 120]]);
  });

  test("nested differentiation keeps the perturbations of inner and outer transformations apart", () => {
    // d/dx [x · d/dy (x + y)] = d/dx x = 1: an inner derivative that leaked the outer perturbation would give 2.
    const outer = grad((x: Tensor) => x.mul(grad((y: Tensor) => x.add(y))(f64([1]).reshape([])) as Tensor));
    expect((outer(f64([2]).reshape([])) as Tensor).item()).toBe(1);
    const closure = vmap((x: Tensor) => grad((w: Tensor) => w.mul(x).sin().sum())(f64([0.5, 0.5])))(f64([[1, 1], [2, 3]])) as Tensor;
    expectClose(closure, f64([[Math.cos(0.5), Math.cos(0.5)], [2 * Math.cos(1), 3 * Math.cos(1.5)]]), 1e-15);
  });

  test("nested vmap equals a double loop", () => {
    const f = (a: Tensor, b: Tensor) => a.mul(b).sum().tanh();
    const A = normal(1, [3, 4], { dtype: "float64" });
    const B = normal(2, [2, 4], { dtype: "float64" });
    const table = vmap((a: Tensor) => vmap((b: Tensor) => f(a, b))(B))(A) as Tensor;
    const loop = stack([0, 1, 2].map((i) => stack([0, 1].map((j) => f(A.slice(i), B.slice(j))), 0)), 0);
    expectClose(table, loop, 1e-14);
  });
});

describe("trees, argnums, aux values, numbers and dtypes", () => {
  const params = { w: f64([[0.5, -1], [2, 0.25]]), layers: [{ b: f64([0.1, 0.2]) }, { b: f64([-0.3, 0.4]) }] };
  const model = (p: typeof params, x: Tensor) => matmul(p.w, x).add(p.layers[0]!.b).tanh().add(p.layers[1]!.b).square().sum();
  const x = f64([1, -2]);

  test("grad takes and returns a nested tree of tensors with the same structure", () => {
    const g = grad(model)(params, x) as typeof params;
    expect(Object.keys(g)).toEqual(["w", "layers"]);
    expect(g.w.shape).toEqual([2, 2]);
    expect(g.layers.length).toBe(2);
    expect(g.layers[1]!.b.shape).toEqual([2]);
    // Compare one leaf with the gradient taken through that leaf alone.
    const gb = grad((b: Tensor) => model({ ...params, layers: [params.layers[0]!, { b }] }, x))(params.layers[1]!.b) as Tensor;
    expectClose(g.layers[1]!.b, gb, 1e-14);
  });

  test("jvp takes trees of primals and tangents and returns trees", () => {
    const f = (p: { a: Tensor; b: Tensor[] }) => ({ sum: p.a.add(p.b[0]!), product: [p.a.mul(p.b[1]!)] });
    const primal = { a: f64([1, 2]), b: [f64([3, 4]), f64([5, 6])] };
    const tangent = { a: f64([1, 0]), b: [f64([0, 1]), f64([1, 1])] };
    const [out, dout] = jvp(f, [primal], [tangent]) as [{ sum: Tensor; product: Tensor[] }, { sum: Tensor; product: Tensor[] }];
    expect(out.sum.toArray()).toEqual([4, 6]);
    expect(dout.sum.toArray()).toEqual([1, 1]);
    expect(dout.product[0]!.toArray()).toEqual([1 * 5 + 1 * 1, 0 * 6 + 2 * 1]);
  });

  test("vjp takes a tree cotangent for a tree output", () => {
    const f = (a: Tensor, b: Tensor) => ({ s: a.mul(b).sum(), v: [a.sub(b)] });
    const [out, pullback] = vjp(f, f64([1, 2]), f64([3, 5]));
    expect((out as { s: Tensor }).s.item()).toBe(13);
    const [ga, gb] = pullback({ s: f64([2]).reshape([]), v: [f64([1, -1])] }) as [Tensor, Tensor];
    expect(ga.toArray()).toEqual([2 * 3 + 1, 2 * 5 - 1]);
    expect(gb.toArray()).toEqual([2 * 1 - 1, 2 * 2 + 1]);
  });

  test("jacrev of a function with tree input and output gives out-shape ++ in-shape blocks", () => {
    const f = (p: { u: Tensor; v: Tensor }) => [p.u.sum().mul(p.v), p.u.square()];
    const J = jacrev(f)({ u: f64([1, 2, 3]), v: f64([[1, 2]]) }) as [{ u: Tensor; v: Tensor }, { u: Tensor; v: Tensor }];
    expect(J[0].u.shape).toEqual([1, 2, 3]);
    expect(J[0].v.shape).toEqual([1, 2, 1, 2]);
    expect(J[1].u.shape).toEqual([3, 3]);
    expect(J[1].v.shape).toEqual([3, 1, 2]);
    expect(J[1].u.toArray()).toEqual([[2, 0, 0], [0, 4, 0], [0, 0, 6]]);
    const F = jacfwd(f)({ u: f64([1, 2, 3]), v: f64([[1, 2]]) }) as typeof J;
    treeLeaves(F).forEach((leaf, i) => expectClose(leaf as Tensor, treeLeaves(J)[i] as Tensor, 1e-14));
  });

  test("argnums as an array gives one gradient per named argument, in order", () => {
    const f = (a: Tensor, b: Tensor, c: Tensor) => a.mul(b).mul(c.square()).sum();
    const a = f64([2]);
    const b = f64([3]);
    const c = f64([5]);
    const [gc, ga] = grad(f, { argnums: [2, 0] })(a, b, c) as [Tensor, Tensor];
    expect(gc.toArray()).toEqual([2 * 3 * 2 * 5]);
    expect(ga.toArray()).toEqual([3 * 25]);
    const gb = grad(f, { argnums: 1 })(a, b, c) as Tensor;
    expect(gb.toArray()).toEqual([2 * 25]);
    const [gOnly] = grad(f, { argnums: [1] })(a, b, c) as [Tensor];
    expect(gOnly.toArray()).toEqual([50]);
  });

  test("hasAux passes an auxiliary tree through grad and valueAndGrad without differentiating it", () => {
    const f = (x: Tensor) => [x.square().sum(), { doubled: x.mul(2), note: [x.sum()] }];
    const [g, aux] = grad(f, { hasAux: true })(f64([1, 2])) as [Tensor, { doubled: Tensor; note: Tensor[] }];
    expect(g.toArray()).toEqual([2, 4]);
    expect(aux.doubled.toArray()).toEqual([2, 4]);
    expect(aux.note[0]!.item()).toBe(3);
    const [[value, aux2], g2] = valueAndGrad(f, { hasAux: true })(f64([1, 2])) as [[Tensor, { doubled: Tensor }], Tensor];
    expect(value.item()).toBe(5);
    expect(aux2.doubled.toArray()).toEqual([2, 4]);
    expect(g2.toArray()).toEqual([2, 4]);
  });

  test("the Jacobian of a function from shape [2, 3] to shape [4] has shape [4, 2, 3] in both modes", () => {
    const x = normal(1, [2, 3], { dtype: "float64" });
    const Jr = jacrev(vectorFn)(x) as Tensor;
    const Jf = jacfwd(vectorFn)(x) as Tensor;
    expect(Jr.shape).toEqual([4, 2, 3]);
    expect(Jf.shape).toEqual([4, 2, 3]);
    expect((jacobian(vectorFn)(x) as Tensor).shape).toEqual([4, 2, 3]);
    expectClose(Jf, Jr, 1e-12);
  });

  test("JS numbers are accepted as inputs and differentiated as float64 scalars", () => {
    const g = grad((x: Tensor) => x.mul(x).mul(x))(2) as Tensor;
    expect(g.shape).toEqual([]);
    expect(g.dtype).toBe("float64");
    expect(g.item()).toBe(12);
    const [y, dy] = jvp((x: Tensor) => x.sin(), [0], [1]) as [Tensor, Tensor];
    expect(y.item()).toBe(0);
    expect(dy.item()).toBe(1);
    expect((grad((a: Tensor, b: Tensor) => a.mul(b), { argnums: [0, 1] })(3, 4) as Tensor[]).map((t) => t.item())).toEqual([4, 3]);
    expect((hessian((x: Tensor) => x.pow(3))(2) as Tensor).item()).toBeCloseTo(12, 12);
  });

  test("a function returning a JS number constant has a zero gradient", () => {
    const g = grad((_x: Tensor) => 3)(f64([1, 2])) as Tensor;
    expect(g.toArray()).toEqual([0, 0]);
  });

  test("gradients keep the input's dtype: float32 in, float32 out; float64 in, float64 out", () => {
    const f = (x: Tensor) => x.sin().mul(x).sum();
    for (const dtype of ["float32", "float64"] as const) {
      const x = tensor([0.5, 1.5, -1], { dtype });
      const g = grad(f)(x) as Tensor;
      expect(g.dtype).toBe(dtype);
      const expected = [0.5, 1.5, -1].map((v) => Math.sin(v) + v * Math.cos(v));
      const data = g.data();
      expected.forEach((e, i) => expect(Math.abs(data[i]! - e)).toBeLessThan(dtype === "float32" ? 1e-6 : 1e-15));
      expect((hessian(f)(x) as Tensor).dtype).toBe(dtype);
      expect((jacfwd((y: Tensor) => y.exp())(x) as Tensor).dtype).toBe(dtype);
    }
  });

  test("grad with respect to a float32 tree mixed with an unused int32 argument works", () => {
    const f = (x: Tensor, labels: Tensor) => x.take(labels).sum();
    const g = grad(f)(tensor([1, 2, 3]), tensor([2, 2, 0], { dtype: "int32" })) as Tensor;
    expect(g.dtype).toBe("float32");
    expect(g.toArray()).toEqual([1, 0, 2]);
  });
});
