/**
 * One table-driven check over the whole primitive registry. Each registered primitive must have an
 * entry here: its input domain (where it is smooth), how its parameters are built for a generated
 * shape, and whether it is differentiable. For each, on fast-check shapes (0-d, size-1 and size-0
 * axes included), the first and second derivatives in forward and reverse mode are compared with
 * float64 central differences by `checkGrads`, and the batching rule is compared with a loop.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkGrads, eye, floor, jvp, matmul, matrixTranspose, normal, stack, tensor, vjp, vmap, where, zerosLike, type Tensor } from "../../src/index.js";
import { primitives } from "../../src/primitives/index.js";
import { bind } from "../../src/core/trace.js";
import { LinearInput, type Primitive, type TransposeRule } from "../../src/core/primitive.js";
import {
  awayFromZero,
  chooser,
  dimension,
  distinctValues,
  expectAllZero,
  expectClose,
  indicesIn,
  positiveDimension,
  seedArb,
  shapeArb,
  valuesIn,
} from "../support.js";

interface Built {
  readonly inputs: Tensor[];
  readonly params: unknown;
}

interface Entry {
  /** Generates everything but the input values: shapes and parameters. */
  readonly config: fc.Arbitrary<any>;
  /** Inputs (values from `seed`, on the primitive's smooth domain) and parameters for a config. */
  readonly build: (config: any, seed: number) => Built;
  /** False for piecewise-constant and integer-valued primitives: their derivative must be zero. */
  readonly differentiable: boolean;
  /** Finite-difference settings where the defaults do not fit. */
  readonly tolerance?: { eps?: number; atol?: number; rtol?: number };
  /**
   * For a primitive with a transpose rule whose JVP is not declared linear: the inputs it is linear
   * in, and whether the others must be zero for that (a sum) or are coefficients (a product).
   */
  readonly linearIn?: { readonly args: readonly number[]; readonly othersZero: boolean };
}

const NUM_RUNS = 12;

function entry<C>(e: {
  config: fc.Arbitrary<C>;
  build: (config: C, seed: number) => Built;
  differentiable: boolean;
  tolerance?: Entry["tolerance"];
  linearIn?: Entry["linearIn"];
}): Entry {
  return e as Entry;
}

/** An elementwise primitive of one input, smooth on the values `values` produces. */
function unary(values: (shape: number[], seed: number) => Tensor, differentiable = true): Entry {
  return entry({ config: shapeArb(), build: (shape, seed) => ({ inputs: [values(shape, seed)], params: {} }), differentiable });
}

function binary(
  first: (shape: number[], seed: number) => Tensor,
  second: (shape: number[], seed: number, x: Tensor) => Tensor,
  differentiable = true,
): Entry {
  return entry({
    config: shapeArb(),
    build: (shape, seed) => {
      const x = first(shape, seed);
      return { inputs: [x, second(shape, seed + 1, x)], params: {} };
    },
    differentiable,
  });
}

const within = (low: number, high: number) => (shape: number[], seed: number) => valuesIn(shape, seed, low, high);
const away = (low: number, high: number) => (shape: number[], seed: number) => awayFromZero(shape, seed, low, high);
/** Values between integers and half-integers, where floor, ceil and round are locally constant. */
const offGrid = (shape: number[], seed: number) => floor(valuesIn(shape, seed, -3, 3)).add(valuesIn(shape, seed + 3, 0.1, 0.4));

/** A strided window per axis: the small length, the step, and the margins of the large axis. */
interface Window {
  readonly small: number;
  readonly step: number;
  readonly before: number;
  readonly after: number;
}
const windowArb: fc.Arbitrary<Window[]> = fc.array(
  fc.record({ small: dimension, step: fc.constantFrom(1, 2, -1, -2), before: fc.integer({ min: 0, max: 2 }), after: fc.integer({ min: 0, max: 2 }) }),
  { maxLength: 3 },
);
/** The large shape, the start on each axis and the small shape of a window. */
function windowGeometry(windows: readonly Window[]): { large: number[]; starts: number[]; steps: number[]; small: number[] } {
  const large: number[] = [];
  const starts: number[] = [];
  for (const w of windows) {
    const span = w.small === 0 ? 0 : (w.small - 1) * Math.abs(w.step) + 1;
    large.push(w.before + span + w.after);
    starts.push(w.small === 0 ? 0 : w.step > 0 ? w.before : w.before + span - 1);
  }
  return { large, starts, steps: windows.map((w) => w.step), small: windows.map((w) => w.small) };
}

/** A subset of the axes of `shape` (as a sorted list), from a mask. */
function axesFrom(shape: readonly number[], mask: readonly boolean[], allowEmptyAxes = true): number[] {
  return shape.map((_, i) => i).filter((i) => mask[i] && (allowEmptyAxes || shape[i]! > 0));
}
const maskArb = fc.array(fc.boolean(), { minLength: 3, maxLength: 3 });

function reduction(values: (shape: number[], seed: number) => Tensor, allowEmptyAxes: boolean): Entry {
  return entry({
    config: fc.tuple(shapeArb(), maskArb),
    build: ([shape, mask], seed) => ({ inputs: [values(shape, seed)], params: { axes: axesFrom(shape, mask, allowEmptyAxes) } }),
    differentiable: true,
  });
}

function argReduction(): Entry {
  return entry({
    config: fc.tuple(shapeArb(1, 3), fc.nat()),
    build: ([shape, pick], seed) => {
      const axis = pick % shape.length;
      const s = shape.map((d, i) => (i === axis ? Math.max(1, d) : d));
      return { inputs: [distinctValues(s, seed)], params: { axis } };
    },
    differentiable: false,
  });
}

/** Comparisons see equal operands on about half of the elements, so ties are exercised too. */
const comparison = (): Entry => binary(within(-2, 2), (shape, seed, x) => where(valuesIn(shape, seed, 0, 1).less(0.5), x, valuesIn(shape, seed + 1, -2, 2)), false);

const table: Record<string, Entry> = {
  // ---- unary ----
  abs: unary(away(0.2, 2)),
  acos: unary(within(-0.9, 0.9)),
  asin: unary(within(-0.9, 0.9)),
  atan: unary(within(-3, 3)),
  ceil: unary(offGrid, false),
  cos: unary(within(-3, 3)),
  cosh: unary(within(-2, 2)),
  erf: unary(within(-2, 2)),
  exp: unary(within(-2, 2)),
  expm1: unary(within(-2, 2)),
  floor: unary(offGrid, false),
  log: unary(within(0.5, 3)),
  log1p: unary(within(-0.5, 2)),
  logistic: unary(within(-4, 4)),
  neg: unary(within(-2, 2)),
  reciprocal: unary(away(0.5, 2)),
  round: unary(offGrid, false),
  rsqrt: unary(within(0.5, 3)),
  sign: unary(away(0.2, 2), false),
  sin: unary(within(-3, 3)),
  sinh: unary(within(-2, 2)),
  softplus: unary(within(-4, 4)),
  sqrt: unary(within(0.5, 3)),
  tan: unary(within(-1.2, 1.2)),
  tanh: unary(within(-2, 2)),
  lgamma: unary(within(0.3, 4)),
  digamma: unary(within(0.3, 4)),
  polygamma: entry({
    config: fc.tuple(shapeArb(), fc.integer({ min: 1, max: 3 })),
    build: ([shape, order], seed) => ({ inputs: [valuesIn(shape, seed, 0.5, 4)], params: { order } }),
    differentiable: true,
  }),
  // ---- binary ----
  add: { ...binary(within(-2, 2), within(-2, 2)), linearIn: { args: [0, 1], othersZero: true } },
  atan2: binary(within(-2, 2), within(0.5, 2)),
  div: { ...binary(within(-2, 2), away(0.5, 2)), linearIn: { args: [0], othersZero: false } },
  equal: comparison(),
  greater: comparison(),
  greaterEqual: comparison(),
  less: comparison(),
  lessEqual: comparison(),
  max: binary(within(-2, 2), (shape, seed, x) => x.add(awayFromZero(shape, seed, 0.1, 1))),
  min: binary(within(-2, 2), (shape, seed, x) => x.add(awayFromZero(shape, seed, 0.1, 1))),
  mul: { ...binary(within(-2, 2), within(-2, 2)), linearIn: { args: [0, 1], othersZero: false } },
  notEqual: comparison(),
  pow: binary(within(0.5, 2), within(-2, 2)),
  sub: { ...binary(within(-2, 2), within(-2, 2)), linearIn: { args: [0, 1], othersZero: true } },
  // ---- movement ----
  broadcastTo: entry({
    config: fc.tuple(shapeArb(), fc.nat(), maskArb),
    build: ([target, pick, mask], seed) => {
      const lead = pick % (target.length + 1);
      const shape = target.slice(lead).map((d, i) => (mask[i] ? 1 : d));
      return { inputs: [valuesIn(shape, seed, -2, 2)], params: { shape: target } };
    },
    differentiable: true,
  }),
  concatenate: entry({
    config: fc.tuple(shapeArb(1, 3), fc.nat(), fc.array(dimension, { minLength: 1, maxLength: 3 })),
    build: ([shape, pick, lengths], seed) => {
      const axis = pick % shape.length;
      const inputs = lengths.map((n, i) => valuesIn(shape.map((d, j) => (j === axis ? n : d)), seed + i, -2, 2));
      return { inputs, params: { axis } };
    },
    differentiable: true,
  }),
  cumsum: entry({
    config: fc.tuple(shapeArb(1, 3), fc.nat(), fc.boolean()),
    build: ([shape, pick, reverse], seed) => ({ inputs: [valuesIn(shape, seed, -2, 2)], params: { axis: pick % shape.length, reverse } }),
    differentiable: true,
  }),
  gather: entry({
    config: fc.tuple(shapeArb(1, 3), fc.nat(), shapeArb(0, 2)),
    build: ([shape, pick, indexShape], seed) => {
      const axis = pick % shape.length;
      const s = shape.map((d, i) => (i === axis ? Math.max(1, d) : d));
      return { inputs: [valuesIn(s, seed, -2, 2), indicesIn(indexShape, seed + 1, s[axis]!)], params: { axis } };
    },
    differentiable: true,
  }),
  pad: entry({
    config: windowArb,
    build: (windows, seed) => {
      const { large, starts, steps, small } = windowGeometry(windows);
      return { inputs: [valuesIn(small, seed, -2, 2)], params: { starts, steps, shape: large } };
    },
    differentiable: true,
  }),
  reshape: entry({
    config: fc.tuple(shapeArb(), fc.constantFrom("flat", "reversed", "unit axes", "same")),
    build: ([shape, form], seed) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const target = form === "flat" ? [size] : form === "reversed" ? shape.slice().reverse() : form === "unit axes" ? [1, ...shape, 1] : shape;
      return { inputs: [valuesIn(shape, seed, -2, 2)], params: { shape: target } };
    },
    differentiable: true,
  }),
  scatterAdd: entry({
    config: fc.tuple(shapeArb(1, 3), fc.nat(), shapeArb(0, 2)),
    build: ([shape, pick, indexShape], seed) => {
      const axis = pick % shape.length;
      const s = shape.map((d, i) => (i === axis ? Math.max(1, d) : d));
      const updates = [...s.slice(0, axis), ...indexShape, ...s.slice(axis + 1)];
      return { inputs: [valuesIn(updates, seed, -2, 2), indicesIn(indexShape, seed + 1, s[axis]!)], params: { axis, shape: s } };
    },
    differentiable: true,
  }),
  slice: entry({
    config: windowArb,
    build: (windows, seed) => {
      const { large, starts, steps, small } = windowGeometry(windows);
      return { inputs: [valuesIn(large, seed, -2, 2)], params: { starts, steps, shape: small } };
    },
    differentiable: true,
  }),
  transpose: entry({
    config: fc.tuple(shapeArb(), fc.nat()),
    build: ([shape, pick], seed) => {
      const choose = chooser(pick + 1);
      const perm = shape.map((_, i) => i);
      for (let i = perm.length - 1; i > 0; i--) {
        const j = choose(i + 1);
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      return { inputs: [valuesIn(shape, seed, -2, 2)], params: { perm } };
    },
    differentiable: true,
  }),
  // ---- reductions ----
  argmax: argReduction(),
  argmin: argReduction(),
  reduceMax: reduction((shape, seed) => distinctValues(shape, seed), false),
  reduceMin: reduction((shape, seed) => distinctValues(shape, seed), false),
  sum: reduction(within(-2, 2), true),
  // ---- other ----
  convert: entry({
    config: fc.tuple(shapeArb(), fc.constantFrom("float64", "float32")),
    build: ([shape, dtype], seed) => ({ inputs: [valuesIn(shape, seed, -2, 2)], params: { dtype } }),
    differentiable: true,
    // Linear, so a wide step is exact in float64; it keeps float32 rounding far below the tolerance.
    tolerance: { eps: 1e-2, atol: 1e-4, rtol: 1e-4 },
  }),
  select: entry({
    config: shapeArb(),
    build: (shape, seed) => ({
      inputs: [valuesIn(shape, seed, 0, 1).less(0.5), valuesIn(shape, seed + 1, -2, 2), valuesIn(shape, seed + 2, -2, 2)],
      params: {},
    }),
    differentiable: true,
  }),
  stopGradient: unary(within(-2, 2), false),
  // ---- linear algebra ----
  matmul: entry({
    config: fc.record({
      batch: shapeArb(0, 2),
      m: dimension,
      k: dimension,
      n: dimension,
      transA: fc.boolean(),
      transB: fc.boolean(),
    }),
    build: ({ batch, m, k, n, transA, transB }, seed) => ({
      inputs: [valuesIn([...batch, ...(transA ? [k, m] : [m, k])], seed, -2, 2), valuesIn([...batch, ...(transB ? [n, k] : [k, n])], seed + 1, -2, 2)],
      params: { transA, transB },
    }),
    differentiable: true,
    linearIn: { args: [0, 1], othersZero: false },
  }),
  // ---- linear algebra: inputs are well conditioned (diagonally dominant, or with separated spectra) ----
  triangularSolve: entry({
    config: fc.record({ batch: shapeArb(0, 2), n: dimension, k: dimension, lower: fc.boolean(), transpose: fc.boolean() }),
    build: ({ batch, n, k, lower, transpose }, seed) => ({
      inputs: [wellConditioned([...batch, n, n], seed), valuesIn([...batch, n, k], seed + 1, -2, 2)],
      params: { lower, transpose },
    }),
    differentiable: true,
    linearIn: { args: [1], othersZero: false },
  }),
  solve: entry({
    config: fc.record({ batch: shapeArb(0, 2), n: dimension, k: dimension, transpose: fc.boolean() }),
    build: ({ batch, n, k, transpose }, seed) => ({
      inputs: [wellConditioned([...batch, n, n], seed), valuesIn([...batch, n, k], seed + 1, -2, 2)],
      params: { transpose },
    }),
    differentiable: true,
    linearIn: { args: [1], othersZero: false },
  }),
  cholesky: entry({
    config: fc.record({ batch: shapeArb(0, 2), n: dimension }),
    build: ({ batch, n }, seed) => {
      const m = valuesIn([...batch, n, n], seed, -1, 1);
      return { inputs: [matmul(m, matrixTranspose(m)).add(eye(n, n, { dtype: "float64" }).mul(n + 1))], params: {} };
    },
    differentiable: true,
  }),
  eigh: entry({
    config: fc.record({ batch: shapeArb(0, 2), n: dimension }),
    build: ({ batch, n }, seed) => {
      // A small symmetric perturbation of diag(0, 3, 6, ...): eigenvalues at least ~2 apart.
      const m = valuesIn([...batch, n, n], seed, -0.5, 0.5);
      const spread = tensor(Array.from({ length: n }, (_, i) => 3 * i), { dtype: "float64" });
      return { inputs: [m.add(matrixTranspose(m)).add(eye(n, n, { dtype: "float64" }).mul(spread))], params: {} };
    },
    differentiable: true,
  }),
  slogdet: entry({
    config: fc.record({ batch: shapeArb(0, 2), n: dimension }),
    build: ({ batch, n }, seed) => ({ inputs: [wellConditioned([...batch, n, n], seed)], params: {} }),
    differentiable: true,
  }),
  lstsq: entry({
    config: fc.record({ batch: shapeArb(0, 2), m: dimension, n: dimension, k: dimension }),
    build: ({ batch, m, n, k }, seed) => ({
      // eye(m, n) plus a small perturbation has full rank min(m, n), tall or wide.
      inputs: [valuesIn([...batch, m, n], seed, -0.3, 0.3).add(eye(m, n, { dtype: "float64" })), valuesIn([...batch, m, k], seed + 1, -2, 2)],
      params: {},
    }),
    differentiable: true,
    linearIn: { args: [1], othersZero: false },
  }),
};

/** A diagonally dominant square matrix (shape [..., n, n]) with a positive diagonal: far from singular. */
function wellConditioned(shape: number[], seed: number): Tensor {
  const n = shape[shape.length - 1]!;
  return valuesIn(shape, seed, -1, 1).add(eye(n, n, { dtype: "float64" }).mul(n + 1));
}

function isFloat(t: Tensor): boolean {
  return t.dtype === "float32" || t.dtype === "float64";
}

/** `f` of the float inputs, with the other inputs (indices, conditions) held fixed. */
function overFloatInputs(prim: Primitive<any>, { inputs, params }: Built): { f: (...xs: Tensor[]) => Tensor; args: Tensor[] } {
  const floatIndex = inputs.map((x, i) => (isFloat(x) ? i : -1)).filter((i) => i >= 0);
  const f = (...xs: Tensor[]): Tensor => {
    const all = inputs.slice();
    floatIndex.forEach((k, i) => (all[k] = xs[i]!));
    return bind(prim, all, params);
  };
  return { f, args: floatIndex.map((k) => inputs[k]!) };
}

function expectZeroDerivative(f: (...xs: Tensor[]) => Tensor, args: Tensor[], seed: number): void {
  const tangents = args.map((x, i) => normal(seed + i, x.shape, { dtype: x.dtype }));
  const [out, tangent] = jvp(f, args, tangents) as [Tensor, Tensor];
  expect(tangent.shape).toEqual(out.shape);
  expectAllZero(tangent);
  if (!isFloat(out)) return;
  const [, pullback] = vjp(f, ...args);
  for (const g of pullback(normal(seed + 99, out.shape, { dtype: out.dtype })) as Tensor[]) expectAllZero(g);
}

test("every registered primitive has an entry in the derivative table, and every entry names a registered primitive", () => {
  expect(Object.keys(primitives).filter((name) => !(name in table))).toEqual([]);
  expect(Object.keys(table).filter((name) => !(name in primitives))).toEqual([]);
});

describe.each(Object.entries(primitives))("primitive %s", (name, prim) => {
  const spec = (): Entry => {
    const e = table[name];
    if (e === undefined) throw new Error(`the primitive ${name} has no entry in the derivative table; add its domain, parameters and differentiability`);
    return e;
  };

  test("has first and second derivatives, forward and reverse, that match central differences (or a zero derivative when piecewise constant)", () => {
    const e = spec();
    fc.assert(
      fc.property(e.config, seedArb, (config, seed) => {
        const built = e.build(config, seed);
        const { f, args } = overFloatInputs(prim as Primitive<any>, built);
        if (e.differentiable) checkGrads(f, args, { order: 2, seed, ...e.tolerance });
        else expectZeroDerivative(f, args, seed);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test("has a transpose rule that is the adjoint of the primitive in each input it is linear in", () => {
    const e = spec();
    const rule = prim.transpose as TransposeRule<any> | undefined;
    if (rule === undefined) {
      // Only primitives that are linear need (and may have) a transpose rule.
      expect(prim.jvp.kind).not.toBe("linear");
      expect(e.linearIn).toBeUndefined();
      return;
    }
    fc.assert(
      fc.property(e.config, seedArb, (config, seed) => {
        const { inputs, params } = e.build(config, seed);
        const declared = prim.jvp.kind === "linear" ? (prim.jvp.args ?? inputs.map((_, i) => i)) : e.linearIn!.args;
        const othersZero = prim.jvp.kind === "linear" || e.linearIn!.othersZero;
        for (const k of declared.filter((i) => isFloat(inputs[i]!))) {
          // For a sum the other linear inputs are set to zero (the map is then linear in input k
          // alone); for a product the other factor stays, as the coefficient.
          const held = inputs.map((x, i) => (i !== k && othersZero && declared.includes(i) ? zerosLike(x) : x));
          const out = bind(prim as Primitive<any>, held, params);
          const ct = normal(seed + 17, out.shape, { dtype: out.dtype });
          const args = held.map((x, i) => (i === k ? new LinearInput({ shape: x.shape, dtype: x.dtype }) : x));
          const g = rule(ct, args, params)[k]!;
          expect(g.shape).toEqual(inputs[k]!.shape);
          const lhs = ct.mul(out).sum().item();
          const rhs = g.mul(inputs[k]!).sum().item();
          expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(lhs)) + (out.dtype === "float32" ? 1e-4 : 0));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test("batches under vmap like a loop over the examples, with any mapped axis and unmapped operands", () => {
    const e = spec();
    fc.assert(
      fc.property(e.config, seedArb, fc.integer({ min: 1, max: 3 }), fc.nat(), (config, seed, size, axisSeed) => {
        const examples = Array.from({ length: size }, (_, b) => e.build(config, seed + 101 * b));
        const { params } = examples[0]!;
        const count = examples[0]!.inputs.length;
        const choose = chooser(axisSeed + 1);
        const inAxes: (number | null)[] = examples[0]!.inputs.map((x) => {
          const c = choose(x.rank + 2);
          return c === x.rank + 1 ? null : c;
        });
        if (!inAxes.some((a) => a !== null)) inAxes[0] = 0;
        const perExample = examples.map((ex) => ex.inputs.map((x, i) => (inAxes[i] === null ? examples[0]!.inputs[i]! : x)));
        const batched = Array.from({ length: count }, (_, i) =>
          inAxes[i] === null ? examples[0]!.inputs[i]! : stack(perExample.map((inputs) => inputs[i]!), inAxes[i]!),
        );
        const f = (...xs: Tensor[]): Tensor => bind(prim as Primitive<any>, xs, params);
        const expected = stack(perExample.map((inputs) => f(...inputs)), 0);
        const actual = vmap(f, { inAxes })(...batched) as Tensor;
        expectClose(actual, expected);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
