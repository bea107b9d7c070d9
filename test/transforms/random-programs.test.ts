import fc from "fast-check";
import { describe, it } from "vitest";
import {
  ShapeError,
  checkGrads,
  concatenate,
  grad,
  hessian,
  jacfwd,
  jacrev,
  maximum,
  stack,
  vmap,
  type Tensor,
} from "../../src/index.js";
import { chooser, expectClose, seedArb, shapeArb, positiveDimension, valuesIn } from "../support.js";

// End-to-end properties on randomly generated programs: chains of unary, broadcasting binary,
// reduction, movement and matmul operations on two inputs. Each primitive is checked alone
// elsewhere; these catch what only shows when rules meet (broadcasting under vmap, transposes of
// views, repeated blocks reaching reverse mode, nested transformations).

type Step = (pool: Tensor[], pick: (n: number) => number) => Tensor | null;

/** Smooth operations whose values stay bounded on inputs in [0.5, 1.5]. */
const STEPS: Step[] = [
  (p, pick) => p[pick(p.length)]!.tanh(),
  (p, pick) => p[pick(p.length)]!.sin(),
  (p, pick) => p[pick(p.length)]!.sigmoid(),
  (p, pick) => p[pick(p.length)]!.softplus(),
  (p, pick) => p[pick(p.length)]!.square().log1p(),
  (p, pick) => p[pick(p.length)]!.square().add(1).sqrt(),
  (p, pick) => p[pick(p.length)]!.mul(0.5).exp(),
  (p, pick) => p[pick(p.length)]!.add(p[pick(p.length)]!),
  (p, pick) => p[pick(p.length)]!.sub(p[pick(p.length)]!),
  (p, pick) => p[pick(p.length)]!.mul(p[pick(p.length)]!),
  (p, pick) => p[pick(p.length)]!.div(p[pick(p.length)]!.square().add(1)),
  (p, pick) => maximum(p[pick(p.length)]!, p[pick(p.length)]!.add(10)), // far from ties: smooth
  (p, pick) => {
    const t = p[pick(p.length)]!;
    return t.rank === 0 ? t.mul(3) : t.sum(-1, { keepdims: pick(2) === 0 });
  },
  (p, pick) => {
    const t = p[pick(p.length)]!;
    return t.rank === 0 ? t.square() : t.mean(0, { keepdims: true });
  },
  (p, pick) => p[pick(p.length)]!.transpose(),
  (p, pick) => {
    const t = p[pick(p.length)]!;
    return t.rank === 0 ? t.neg() : t.slice([null, null, -1]);
  },
  (p, pick) => {
    const t = p[pick(p.length)]!;
    return t.rank === 0 ? t.add(1) : concatenate([t, t.mul(2)], 0);
  },
  (p, pick) => p[pick(p.length)]!.reshape([-1]).cumsum(0),
  (p, pick) => {
    const t = p[pick(p.length)]!;
    return t.rank === 2 ? t.matmul(t.T).mul(0.3) : null;
  },
  (p, pick) => {
    const t = p[pick(p.length)]!;
    return t.rank >= 1 ? stack([t, t.cos()], 0).prod(0) : null;
  },
];

/** A program: which steps to run and the seed of its choices. */
const programArb = fc.record({
  steps: fc.array(fc.integer({ min: 0, max: STEPS.length - 1 }), { minLength: 1, maxLength: 6 }),
  choices: seedArb,
  xShape: shapeArb(0, 2, positiveDimension),
  yShape: shapeArb(0, 2, positiveDimension),
  seed: seedArb,
});

interface Program {
  steps: number[];
  choices: number;
  xShape: number[];
  yShape: number[];
  seed: number;
}

/** The program as a scalar function of its two inputs. */
function build(program: Program): (x: Tensor, y: Tensor) => Tensor {
  return (x, y) => {
    const pick = chooser(program.choices);
    const pool: Tensor[] = [x, y];
    for (const index of program.steps) {
      let result: Tensor | null;
      try {
        result = STEPS[index]!(pool, pick);
      } catch (error) {
        if (error instanceof ShapeError) continue; // operands that do not broadcast: skip the step
        throw error;
      }
      if (result !== null) pool.push(result);
    }
    return pool.reduce((total, t) => total.add(t.sum()), x.sum().mul(0));
  };
}

const inputs = (p: Program) => [valuesIn(p.xShape, p.seed, 0.5, 1.5), valuesIn(p.yShape, p.seed + 1, 0.5, 1.5)] as const;

describe("random programs", () => {
  it("have first and second derivatives that match finite differences in both modes", () => {
    fc.assert(
      fc.property(programArb, (program) => {
        const f = build(program);
        checkGrads(f, [...inputs(program)], { order: 2, rtol: 1e-5, atol: 1e-5 });
      }),
      { numRuns: 100 },
    );
  });

  it("give one Hessian by hessian, jacfwd(jacrev) and jacrev(jacfwd)", () => {
    fc.assert(
      fc.property(programArb, (program) => {
        const [x, y] = inputs(program);
        const fx = (v: Tensor) => build(program)(v, y);
        const h = hessian(fx)(x) as Tensor;
        expectClose(jacrev(jacfwd(fx))(x) as Tensor, h, 1e-9);
        expectClose(jacfwd(jacrev(fx))(x) as Tensor, h, 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it("vectorize: vmap of the gradient equals the gradients stacked", () => {
    fc.assert(
      fc.property(programArb, (program) => {
        const [x, y] = inputs(program);
        const x2 = x.mul(0.9).add(0.1);
        const g = grad(build(program)) as (a: Tensor, b: Tensor) => Tensor;
        const batched = vmap(g, { inAxes: [0, null] })(stack([x, x2], 0), y) as Tensor;
        expectClose(batched, stack([g(x, y), g(x2, y)], 0), 1e-10);
      }),
      { numRuns: 60 },
    );
  });

  it("differentiate a vmapped program like the program summed by hand", () => {
    fc.assert(
      fc.property(programArb, (program) => {
        const [x, y] = inputs(program);
        const f = build(program);
        const ys = stack([y, y.mul(1.1)], 0);
        const viaVmap = grad((a: Tensor) => (vmap((b: Tensor) => f(a, b))(ys) as Tensor).sum())(x) as Tensor;
        const byHand = grad((a: Tensor) => f(a, y).add(f(a, y.mul(1.1))))(x) as Tensor;
        expectClose(viaVmap, byHand, 1e-10);
      }),
      { numRuns: 60 },
    );
  });
});
