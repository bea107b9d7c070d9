/**
 * The derivative checks of the primitive table, applied to the composite operations of `ops/`:
 * first and second order, forward and reverse, against float64 central differences, on generated
 * shapes; and vmap of each composite against a loop.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  add,
  atan2,
  broadcastTo,
  checkGrads,
  clip,
  concatenate,
  cumsum,
  div,
  dot,
  expandDims,
  flip,
  grad,
  logSoftmax,
  logSumExp,
  matmul,
  matrixTranspose,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  outer,
  pad,
  pow,
  prod,
  relu,
  reshape,
  scatterAdd,
  sigmoid,
  slice,
  softmax,
  softplus,
  square,
  squeeze,
  stack,
  stopGradient,
  sub,
  sum,
  take,
  tensor,
  transpose,
  vmap,
  std,
  variance,
  where,
  type SliceSpec,
  type Tensor,
} from "../../src/index.js";
import { awayFromZero, distinctValues, expectClose, indicesIn, positiveDimension, seedArb, shapeArb, valuesIn } from "../support.js";

interface Case<C> {
  /** Generates shapes and parameters. */
  readonly config: fc.Arbitrary<C>;
  /** The differentiated arguments, on the function's smooth domain. */
  readonly args: (config: C, seed: number) => Tensor[];
  readonly f: (config: C) => (...xs: Tensor[]) => Tensor;
}

function composite<C>(c: Case<C>): Case<unknown> {
  return c as Case<unknown>;
}

const NUM_RUNS = 8;
const within = (low: number, high: number) => (shape: readonly number[], seed: number) => valuesIn(shape, seed, low, high);

/** A shape of rank ≥ 1 and one of its axes, that axis non-empty. */
const shapeAndAxis = fc.tuple(shapeArb(1, 3), fc.nat()).map(([shape, pick]) => {
  const axis = pick % shape.length;
  return { shape: shape.map((d, i) => (i === axis ? Math.max(1, d) : d)), axis };
});

/** A shape and a subset of its axes, the reduced axes non-empty (an empty mean or logSumExp has no value). */
const shapeAndAxes = fc.tuple(shapeArb(), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.boolean()).map(([shape, mask, keepdims]) => {
  const axes = shape.map((_, i) => i).filter((i) => mask[i]);
  return { shape: shape.map((d, i) => (axes.includes(i) ? Math.max(1, d) : d)), axes, keepdims };
});

/** Pairs of shapes that broadcast against each other. */
const broadcastPairs = fc.constantFrom<[number[], number[]]>(
  [[3, 1], [1, 4]],
  [[], [2, 3]],
  [[2, 3], []],
  [[2, 3], [3]],
  [[2, 1, 3], [4, 1]],
  [[1], [0]],
  [[2, 3], [2, 3]],
);

/** Values whose magnitude avoids [0.8, 1.2], so clip(x, -1, 1) is smooth there. */
function offBounds(shape: readonly number[], seed: number): Tensor {
  const near = awayFromZero(shape, seed, 0.1, 0.8);
  const far = awayFromZero(shape, seed + 1, 1.2, 2);
  return where(valuesIn(shape, seed + 2, 0, 1).less(0.5), near, far);
}

const cases: Record<string, Case<unknown>> = {
  "softmax along any axis": composite({
    config: shapeAndAxis,
    args: ({ shape }, seed) => [valuesIn(shape, seed, -3, 3)],
    f: ({ axis }) => (x) => softmax(x, axis),
  }),
  "logSoftmax along any axis": composite({
    config: shapeAndAxis,
    args: ({ shape }, seed) => [valuesIn(shape, seed, -3, 3)],
    f: ({ axis }) => (x) => logSoftmax(x, axis),
  }),
  "logSumExp over any axes, with and without keepdims": composite({
    config: shapeAndAxes,
    args: ({ shape }, seed) => [valuesIn(shape, seed, -3, 3)],
    f: ({ axes, keepdims }) => (x) => logSumExp(x, axes, { keepdims }),
  }),
  "mean over any axes": composite({
    config: shapeAndAxes,
    args: ({ shape }, seed) => [valuesIn(shape, seed, -3, 3)],
    f: ({ axes, keepdims }) => (x) => mean(x, axes, { keepdims }),
  }),
  "variance and std over any axes, with ddof 0 and 1": composite({
    // At least one reduced axis of length ≥ 2, so the variance is positive and std is smooth.
    config: fc.tuple(shapeArb(1, 3, fc.integer({ min: 2, max: 3 })), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.boolean(), fc.constantFrom(0, 1)),
    args: ([shape], seed) => [valuesIn(shape, seed, -3, 3)],
    f: ([shape, mask, keepdims, ddof]) => {
      const chosen = shape.map((_, i) => i).filter((i) => mask[i]);
      const axes = chosen.length === 0 ? [0] : chosen;
      return (x) => add(variance(x, axes, { keepdims, ddof }), std(x, axes, { keepdims, ddof }));
    },
  }),
  "sum over any axes": composite({
    config: shapeAndAxes,
    args: ({ shape }, seed) => [valuesIn(shape, seed, -3, 3)],
    f: ({ axes, keepdims }) => (x) => sum(x, axes, { keepdims }),
  }),
  "max and min over any axes, without ties": composite({
    config: shapeAndAxes,
    args: ({ shape }, seed) => [distinctValues(shape, seed)],
    f: ({ axes, keepdims }) => (x) => add(max(x, axes, { keepdims }), mul(min(x, axes, { keepdims }), 2)),
  }),
  "prod over any axes, with zeros among the inputs": composite({
    config: fc.tuple(shapeArb(0, 3, fc.integer({ min: 0, max: 4 })), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 })),
    args: ([shape], seed) => [mul(valuesIn(shape, seed, -2, 2), valuesIn(shape, seed + 1, 0, 1).greater(0.3).astype("float64"))],
    f: ([shape, mask]) => (x) => prod(x, shape.map((_, i) => i).filter((i) => mask[i])),
  }),
  "matmul with broadcast batch axes and 1-d operands": composite({
    config: fc.constantFrom<[number[], number[]]>(
      [[2, 3], [3, 4]],
      [[3], [3, 4]],
      [[2, 3], [3]],
      [[3], [3]],
      [[2, 1, 2, 3], [3, 3, 2]],
      [[4, 2, 3], [3, 2]],
      [[2, 3], [5, 3, 4]],
      [[3], [2, 3, 4]],
      [[2, 0], [0, 3]],
      [[1, 3], [3, 1]],
    ),
    args: ([a, b], seed) => [valuesIn(a, seed, -2, 2), valuesIn(b, seed + 1, -2, 2)],
    f: () => (a, b) => matmul(a, b),
  }),
  "dot of vectors and of matrices": composite({
    config: fc.constantFrom<[number[], number[]]>([[3], [3]], [[2, 3], [3, 2]], [[0], [0]]),
    args: ([a, b], seed) => [valuesIn(a, seed, -2, 2), valuesIn(b, seed + 1, -2, 2)],
    f: () => (a, b) => dot(a, b),
  }),
  "outer of two vectors": composite({
    config: fc.tuple(positiveDimension, fc.integer({ min: 0, max: 3 })),
    args: ([n, m], seed) => [valuesIn([n], seed, -2, 2), valuesIn([m], seed + 1, -2, 2)],
    f: () => (a, b) => outer(a, b),
  }),
  "clip with number bounds, away from the bounds": composite({
    config: shapeArb(),
    args: (shape, seed) => [offBounds(shape, seed)],
    f: () => (x) => clip(x, -1, 1),
  }),
  "clip with tensor bounds, differentiated in the bounds too": composite({
    config: fc.constant(null),
    args: (_, seed) => [offBounds([2, 3], seed), tensor([-1], { dtype: "float64" }), tensor([[1], [1]], { dtype: "float64" })],
    f: () => (x, low, high) => clip(x, low, high),
  }),
  "relu away from zero": composite({
    config: shapeArb(),
    args: (shape, seed) => [awayFromZero(shape, seed, 0.1, 2)],
    f: () => (x) => relu(x),
  }),
  "where with a broadcast condition and broadcast branches": composite({
    config: seedArb,
    args: (_, seed) => [valuesIn([3, 1], seed, -2, 2), valuesIn([1, 4], seed + 1, -2, 2)],
    f: (s) => (x, y) => where(valuesIn([3, 4], s, 0, 1).less(0.5), x, y),
  }),
  "slice with negative steps, negative bounds and integer indices": composite({
    config: fc.constantFrom<[number[], SliceSpec[]]>(
      [[5], [[null, null, -1]]],
      [[6, 4], [[-1, 0, -2], [1, null]]],
      [[4, 5], [2, [null, null, -3]]],
      [[3, 4], [[5, -10, -1], [-3, -1]]],
      [[3], [[2, 2]]],
      [[2, 3, 4], [null, [-1, null, -1], [0, 4, 3]]],
    ),
    args: ([shape], seed) => [valuesIn(shape, seed, -2, 2)],
    f: ([, specs]) => (x) => slice(x, ...specs),
  }),
  "take with repeated and negative indices along any axis": composite({
    config: shapeAndAxis,
    args: ({ shape }, seed) => [valuesIn(shape, seed, -2, 2)],
    f: ({ shape, axis }) => (x) => take(x, [0, -1, 0, shape[axis]! - 1], axis),
  }),
  "scatterAdd with repeated indices": composite({
    config: shapeAndAxis,
    args: ({ shape, axis }, seed) => [valuesIn([...shape.slice(0, axis), 2, 3, ...shape.slice(axis + 1)], seed, -2, 2)],
    f: ({ shape, axis }) => (u) => scatterAdd(u, tensor([[0, -1, 0], [0, 0, 0]], { dtype: "int32" }), shape, axis),
  }),
  "scatterAdd of take (index data generated)": composite({
    config: fc.tuple(shapeAndAxis, seedArb),
    args: ([{ shape }], seed) => [valuesIn(shape, seed, -2, 2)],
    f: ([{ shape, axis }, s]) => (x) => scatterAdd(take(x, indicesIn([4], s, shape[axis]!), axis).square(), indicesIn([4], s + 1, shape[axis]!), shape, axis),
  }),
  "concatenate of three tensors and stack of two": composite({
    config: shapeAndAxis,
    args: ({ shape, axis }, seed) => [valuesIn(shape, seed, -2, 2), valuesIn(shape.map((d, i) => (i === axis ? 0 : d)), seed + 1, -2, 2), valuesIn(shape, seed + 2, -2, 2)],
    f: ({ axis }) => (a, b, c) => add(concatenate([a, b, c], axis).sum(), stack([a, c], axis).square().sum()),
  }),
  "pad with zeros on every side": composite({
    config: shapeArb(1, 3).chain((shape) => fc.tuple(fc.constant(shape), fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: shape.length, maxLength: shape.length }))),
    args: ([shape], seed) => [valuesIn(shape, seed, -2, 2)],
    f: ([, widths]) => (x) => pad(x, widths),
  }),
  "flip along some or all axes": composite({
    config: shapeAndAxes,
    args: ({ shape }, seed) => [valuesIn(shape, seed, -2, 2)],
    f: ({ axes }) => (x) => flip(x, axes.length === 0 ? undefined : axes),
  }),
  "cumsum along any axis": composite({
    config: shapeAndAxis,
    args: ({ shape }, seed) => [valuesIn(shape, seed, -2, 2)],
    f: ({ axis }) => (x) => cumsum(x, axis).square(),
  }),
  "add, sub and mul with broadcasting": composite({
    config: broadcastPairs,
    args: ([a, b], seed) => [valuesIn(a, seed, -2, 2), valuesIn(b, seed + 1, -2, 2)],
    f: () => (a, b) => add(mul(a, b), sub(a, b).square()),
  }),
  "div, pow and atan2 with broadcasting": composite({
    config: broadcastPairs,
    args: ([a, b], seed) => [valuesIn(a, seed, 0.5, 2), awayFromZero(b, seed + 1, 0.5, 2)],
    f: () => (a, b) => add(add(div(a, b), pow(a, b)), atan2(b, a)),
  }),
  "maximum and minimum with broadcasting, without ties": composite({
    config: broadcastPairs,
    args: ([a, b], seed) => [valuesIn(a, seed, -2, -0.1), valuesIn(b, seed + 1, 0.1, 2)],
    f: () => (a, b) => add(maximum(a, b), mul(minimum(b, a), 3)),
  }),
  "operations with JS numbers as operands": composite({
    config: shapeArb(),
    args: (shape, seed) => [valuesIn(shape, seed, 0.5, 2)],
    f: () => (x) => add(pow(x, 3), div(2, x)).sub(1.5).mul(0.5),
  }),
  "square, sigmoid and softplus": composite({
    config: shapeArb(),
    args: (shape, seed) => [valuesIn(shape, seed, -3, 3)],
    f: () => (x) => add(square(x), mul(sigmoid(x), softplus(x))),
  }),
  "reshape with an inferred axis, transpose, matrixTranspose, expandDims and squeeze": composite({
    config: fc.tuple(positiveDimension, positiveDimension, positiveDimension),
    args: ([a, b, c], seed) => [valuesIn([a, b, c], seed, -2, 2)],
    f: ([a, b, c]) => (x) => squeeze(expandDims(matrixTranspose(transpose(reshape(x, [c, -1]).reshape([c, a, b]), [1, 0, 2])), 0), 0),
  }),
  "broadcastTo a larger shape": composite({
    config: fc.constantFrom<[number[], number[]]>([[3, 1], [2, 3, 4]], [[], [2, 2]], [[1], [0]]),
    args: ([shape], seed) => [valuesIn(shape, seed, -2, 2)],
    f: ([, target]) => (x) => broadcastTo(x, target).square(),
  }),
  "astype between float dtypes inside a computation": composite({
    config: shapeArb(),
    args: (shape, seed) => [valuesIn(shape, seed, -2, 2)],
    f: () => (x) => x.astype("float32").astype("float64").mul(x),
  }),
};

describe.each(Object.entries(cases))("%s", (_name, c) => {
  test("has first and second derivatives, forward and reverse, that match central differences", () => {
    fc.assert(
      fc.property(c.config, seedArb, (config, seed) => {
        const args = c.args(config, seed);
        // astype to float32 rounds: a wider step keeps the rounding below the tolerance.
        const wide = _name.startsWith("astype");
        checkGrads(c.f(config), args, { order: 2, seed, ...(wide ? { eps: 1e-2, atol: 1e-4, rtol: 1e-4 } : {}) });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test("maps under vmap like a loop over the examples", () => {
    fc.assert(
      fc.property(c.config, seedArb, (config, seed) => {
        const examples = [c.args(config, seed), c.args(config, seed + 1000)];
        const f = c.f(config);
        const expected = stack(examples.map((args) => f(...args)), 0);
        const batched = examples[0]!.map((_, i) => stack(examples.map((args) => args[i]!), 0));
        expectClose(vmap(f)(...batched) as Tensor, expected, 1e-12);
      }),
      { numRuns: 4 },
    );
  });
});

describe("derivatives at special points", () => {
  test("prod has the exact gradient at a single zero and at two zeros", () => {
    const g = grad((x: Tensor) => prod(x))(tensor([2, 0, 3, 4], { dtype: "float64" })) as Tensor;
    expect(g.toArray()).toEqual([0, 24, 0, 0]);
    const g2 = grad((x: Tensor) => prod(x))(tensor([0, 5, 0], { dtype: "float64" })) as Tensor;
    expect(g2.toArray()).toEqual([0, 0, 0]);
  });

  test("prod over an empty axis is one with a zero gradient", () => {
    const x = tensor(new Float64Array(0), { shape: [2, 0] });
    expect(prod(x, 1).toArray()).toEqual([1, 1]);
    expect((grad((t: Tensor) => prod(t, 1).sum())(x) as Tensor).shape).toEqual([2, 0]);
  });

  test("stopGradient hides its input from the derivative but not from the value", () => {
    const f = (x: Tensor) => mul(x, stopGradient(x)).sum();
    const x = tensor([3, -2], { dtype: "float64" });
    expect(f(x).item()).toBe(13);
    expect((grad(f)(x) as Tensor).toArray()).toEqual([3, -2]);
  });

  test("pow has finite derivatives of every order at a zero base with integer exponents", () => {
    const zero = tensor(0, { dtype: "float64" });
    expect((grad((x: Tensor) => pow(x, 0))(zero) as Tensor).item()).toBe(0);
    expect((grad((x: Tensor) => pow(x, 1))(zero) as Tensor).item()).toBe(1);
    expect((grad(grad((x: Tensor) => pow(x, 1)))(zero) as Tensor).item()).toBe(0);
    expect((grad(grad((x: Tensor) => pow(x, 2)))(zero) as Tensor).item()).toBe(2);
    expect((grad(grad(grad((x: Tensor) => pow(x, 3))))(zero) as Tensor).item()).toBe(6);
    // The exponent's derivative xʸ log x at x = 0 is its limit 0.
    expect((grad((y: Tensor) => pow(zero, y))(tensor(2, { dtype: "float64" })) as Tensor).item()).toBe(0);
  });

  test("relu and maximum at ties take the documented subgradients", () => {
    expect((grad((x: Tensor) => relu(x).sum())(tensor([0, 1, -1], { dtype: "float64" })) as Tensor).toArray()).toEqual([0, 1, 0]);
    expect((grad((x: Tensor) => maximum(x, x).sum())(tensor([2], { dtype: "float64" })) as Tensor).toArray()).toEqual([1]);
    expect((grad((x: Tensor) => max(x))(tensor([1, 3, 3], { dtype: "float64" })) as Tensor).toArray()).toEqual([0, 0.5, 0.5]);
  });
});
