/**
 * Gradient transformations against updates written out by their formulas for the first steps,
 * composition with chain, parameter trees, float32 and float64, training to convergence, and errors.
 */
import { describe, expect, test } from "vitest";
import {
  DTypeError,
  TreeMismatchError,
  ValueError,
  NonFiniteError,
  adagrad,
  adam,
  adamw,
  addDecayedWeights,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  clipByValue,
  globalNorm,
  grad,
  lion,
  matmul,
  momentum,
  nesterov,
  rmsprop,
  scale,
  scaleByAdam,
  scaleByLearningRate,
  scaleByRms,
  scaleBySchedule,
  sgd,
  tensor,
  traceMomentum,
  type GradientTransformation,
  type Tensor,
  type Tree,
} from "../../src/index.js";

/** Runs `opt` on a fixed list of gradients, moving the parameters, and returns every update's values. */
function run(opt: GradientTransformation<any>, params: Tree, gradients: Tree[]): { updates: any[]; params: any } {
  let state = opt.init(params);
  const updates: any[] = [];
  for (const g of gradients) {
    const [u, next] = opt.update(g, state, params);
    updates.push(u);
    params = applyUpdates(params, u);
    state = next;
  }
  return { updates, params };
}

const f64 = (values: number[]): Tensor => tensor(values, { dtype: "float64" });

function expectValues(actual: Tensor, expected: number[], digits = 12): void {
  expect(actual.shape).toEqual([expected.length]);
  Array.from(actual.data()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, digits));
}

describe("first steps by the formulas", () => {
  test("sgd moves by −lr·g", () => {
    const { updates } = run(sgd(0.1), f64([0, 0]), [f64([1, -2]), f64([0.5, 0.5])]);
    expectValues(updates[0], [-0.1, 0.2]);
    expectValues(updates[1], [-0.05, -0.05]);
  });

  test("heavy-ball momentum accumulates t ← g + β·t", () => {
    const { updates } = run(momentum(0.1, 0.9), f64([0]), [f64([1]), f64([2]), f64([-1])]);
    const t1 = 1;
    const t2 = 2 + 0.9 * t1;
    const t3 = -1 + 0.9 * t2;
    expectValues(updates[0], [-0.1 * t1]);
    expectValues(updates[1], [-0.1 * t2]);
    expectValues(updates[2], [-0.1 * t3]);
    expectValues(updates[2], [-0.161]);
  });

  test("sgd with momentum is the same as momentum", () => {
    const a = run(sgd(0.1, { momentum: 0.9 }), f64([0]), [f64([1]), f64([2])]);
    const b = run(momentum(0.1, 0.9), f64([0]), [f64([1]), f64([2])]);
    expectValues(a.updates[1], Array.from(b.updates[1].data()));
  });

  test("nesterov steps by g + β·t with the new trace", () => {
    const { updates } = run(nesterov(0.1, 0.9), f64([0]), [f64([1]), f64([2]), f64([-1])]);
    const t1 = 1;
    const t2 = 2 + 0.9 * t1;
    const t3 = -1 + 0.9 * t2;
    expectValues(updates[0], [-0.1 * (1 + 0.9 * t1)]);
    expectValues(updates[1], [-0.1 * (2 + 0.9 * t2)]);
    expectValues(updates[2], [-0.1 * (-1 + 0.9 * t3)]);
    expectValues(updates[0], [-0.19]);
  });

  test("adam corrects the bias of both moments", () => {
    const { updates } = run(adam(0.1), f64([0]), [f64([1]), f64([2]), f64([-3])]);
    const [b1, b2, eps] = [0.9, 0.999, 1e-8];
    let mu = 0;
    let nu = 0;
    [1, 2, -3].forEach((g, i) => {
      const t = i + 1;
      mu = b1 * mu + (1 - b1) * g;
      nu = b2 * nu + (1 - b2) * g * g;
      const step = mu / (1 - b1 ** t) / (Math.sqrt(nu / (1 - b2 ** t)) + eps);
      expectValues(updates[i], [-0.1 * step]);
    });
    // The first step of Adam has length lr whatever the gradient's scale.
    expectValues(updates[0], [-0.1], 7);
    // The second: μ̂ = 0.29/0.19, ν̂ = 0.004999/0.001999.
    expectValues(updates[1], [-0.1 * (0.29 / 0.19) / (Math.sqrt(0.004999 / 0.001999) + 1e-8)]);
  });

  test("adam with nesterov uses NAdam's look-ahead first moment", () => {
    const { updates } = run(scaleByAdam({ nesterov: true }), f64([0]), [f64([1]), f64([2])]);
    const [b1, b2] = [0.9, 0.999];
    const mu1 = 0.1;
    const nu1 = 0.001;
    const muHat1 = (b1 * mu1) / (1 - b1 ** 2) + ((1 - b1) * 1) / (1 - b1);
    expectValues(updates[0], [muHat1 / (Math.sqrt(nu1 / (1 - b2)) + 1e-8)]);
    const mu2 = b1 * mu1 + (1 - b1) * 2;
    const nu2 = b2 * nu1 + (1 - b2) * 4;
    const muHat2 = (b1 * mu2) / (1 - b1 ** 3) + ((1 - b1) * 2) / (1 - b1 ** 2);
    expectValues(updates[1], [muHat2 / (Math.sqrt(nu2 / (1 - b2 ** 2)) + 1e-8)]);
  });

  test("adagrad divides by the root of the accumulated squares", () => {
    const { updates } = run(adagrad(0.5), f64([0, 0]), [f64([1, 0]), f64([2, 0])]);
    expectValues(updates[0], [-0.5 / Math.sqrt(1.1 + 1e-7), 0]);
    expectValues(updates[1], [(-0.5 * 2) / Math.sqrt(5.1 + 1e-7), 0]);
  });

  test("adagrad leaves a coordinate that never moved at zero", () => {
    const { updates } = run(adagrad(0.5, { initialAccumulatorValue: 0, eps: 0 }), f64([0, 0]), [f64([1, 0])]);
    expectValues(updates[0], [-0.5, 0]);
  });

  test("rmsprop divides by the root of the running mean square", () => {
    const { updates } = run(rmsprop(0.1), f64([0]), [f64([1]), f64([2])]);
    expectValues(updates[0], [-0.1 / Math.sqrt(0.1 + 1e-8)]);
    expectValues(updates[1], [(-0.1 * 2) / Math.sqrt(0.9 * 0.1 + 0.1 * 4 + 1e-8)]);
  });

  test("centered rmsprop divides by the running standard deviation", () => {
    const { updates } = run(rmsprop(0.1, { centered: true }), f64([0]), [f64([1]), f64([2])]);
    expectValues(updates[0], [-0.1 / Math.sqrt(0.1 - 0.1 ** 2 + 1e-8)]);
    const mu2 = 0.9 * 0.1 + 0.1 * 2;
    const nu2 = 0.9 * 0.1 + 0.1 * 4;
    expectValues(updates[1], [(-0.1 * 2) / Math.sqrt(nu2 - mu2 ** 2 + 1e-8)]);
  });

  test("rmsprop with momentum traces the scaled steps", () => {
    const { updates } = run(rmsprop(0.1, { momentum: 0.5 }), f64([0]), [f64([1]), f64([2])]);
    const r1 = -0.1 / Math.sqrt(0.1 + 1e-8);
    const r2 = (-0.1 * 2) / Math.sqrt(0.49 + 1e-8);
    expectValues(updates[0], [r1]);
    expectValues(updates[1], [r2 + 0.5 * r1]);
  });

  test("rmsprop with bias correction and eps outside the root", () => {
    const { updates } = run(scaleByRms({ biasCorrection: true, epsInSqrt: false, eps: 1e-3 }), f64([0]), [f64([2]), f64([1])]);
    expectValues(updates[0], [2 / (Math.sqrt(0.4 / 0.1) + 1e-3)]);
    const nu2 = 0.9 * 0.4 + 0.1 * 1;
    expectValues(updates[1], [1 / (Math.sqrt(nu2 / (1 - 0.81)) + 1e-3)]);
  });

  test("adamw adds the decay λ·params after Adam's scaling", () => {
    const { updates } = run(adamw(0.1, { weightDecay: 0.01 }), f64([2]), [f64([1]), f64([2])]);
    const adam1 = 1 / (1 + 1e-8);
    expectValues(updates[0], [-0.1 * (adam1 + 0.01 * 2)]);
    const p1 = 2 - 0.1 * (adam1 + 0.01 * 2);
    const adam2 = 0.29 / 0.19 / (Math.sqrt(0.004999 / 0.001999) + 1e-8);
    expectValues(updates[1], [-0.1 * (adam2 + 0.01 * p1)]);
  });

  test("adamw's mask keeps the decay off masked parameters", () => {
    const params = { w: f64([2]), b: f64([2]) };
    const [u] = adamw(0.1, { weightDecay: 0.5, mask: { w: true, b: false } }).update({ w: f64([1]), b: f64([1]) }, adamw(0.1).init(params), params);
    const adam1 = 1 / (1 + 1e-8);
    expectValues(u.w, [-0.1 * (adam1 + 0.5 * 2)]);
    expectValues(u.b, [-0.1 * adam1]);
  });

  test("lion steps by the sign of the interpolated momentum", () => {
    const { updates } = run(lion(0.01, { weightDecay: 0 }), f64([0, 0]), [f64([1, -1]), f64([-0.05, 0.2])]);
    expectValues(updates[0], [-0.01, 0.01]);
    // μ1 = 0.01·g1; sign(0.1·(−0.05) + 0.9·0.01) = +1: the momentum outvotes the gradient.
    expectValues(updates[1], [-0.01, -0.01]);
  });

  test("lion's decoupled weight decay defaults to 1e-3", () => {
    const { updates } = run(lion(0.01), f64([4]), [f64([1])]);
    expectValues(updates[0], [-0.01 * (1 + 1e-3 * 4)]);
  });

  test("a scheduled learning rate is read at the update count", () => {
    const { updates } = run(sgd((step) => 1 / (step + 1)), f64([0]), [f64([1]), f64([1]), f64([1])]);
    expectValues(updates[0], [-1]);
    expectValues(updates[1], [-0.5]);
    expectValues(updates[2], [-1 / 3]);
  });
});

describe("building blocks", () => {
  test("scale multiplies and scaleByLearningRate negates unless asked not to", () => {
    expectValues(scale(3).update(f64([1, -1]), null)[0], [3, -3]);
    expectValues(scaleByLearningRate(0.5).update(f64([2]), null)[0], [-1]);
    expectValues(scaleByLearningRate(0.5, { flipSign: false }).update(f64([2]), null)[0], [1]);
  });

  test("scaleBySchedule counts its updates in the state", () => {
    const s = scaleBySchedule((step) => step + 1);
    const [u1, state1] = s.update(f64([1]), s.init(null));
    const [u2, state2] = s.update(f64([1]), state1);
    expect(state2).toEqual({ count: 2 });
    expectValues(u1, [1]);
    expectValues(u2, [2]);
  });

  test("traceMomentum starts from zero and keeps its trace in the state", () => {
    const tr = traceMomentum({ decay: 0.5 });
    const [, state] = tr.update(f64([2]), tr.init(f64([0])));
    expectValues(state.trace, [2]);
  });

  test("clipByValue clips each coordinate", () => {
    expectValues(clipByValue(0.5).update(f64([-2, 0.25, 0.75]), null)[0], [-0.5, 0.25, 0.5]);
  });

  test("clipByGlobalNorm shrinks only trees longer than the bound, keeping the direction", () => {
    const long = { a: f64([3]), b: [f64([0, 4])] };
    const [clipped] = clipByGlobalNorm(2).update(long, null);
    expectValues(clipped.a, [1.2]);
    expectValues(clipped.b[0], [0, 1.6]);
    expect(globalNorm(clipped).item()).toBeCloseTo(2, 12);
    const [kept] = clipByGlobalNorm(10).update(long, null);
    expectValues(kept.a, [3]);
    expectValues(kept.b[0], [0, 4]);
  });

  test("addDecayedWeights accepts a mask as a subtree prefix or as a function of the parameters", () => {
    const params = { layers: [{ w: f64([1]), b: f64([1]) }], out: f64([1]) };
    const zero = { layers: [{ w: f64([0]), b: f64([0]) }], out: f64([0]) };
    const [prefix] = addDecayedWeights(0.1, { layers: true, out: false }).update(zero, null, params);
    expectValues(prefix.layers[0].w, [0.1]);
    expectValues(prefix.layers[0].b, [0.1]);
    expectValues(prefix.out, [0]);
    const [byFunction] = addDecayedWeights(0.1, (p: any) => ({ layers: p.layers.map(() => ({ w: true, b: false })), out: true })).update(zero, null, params);
    expectValues(byFunction.layers[0].w, [0.1]);
    expectValues(byFunction.layers[0].b, [0]);
    expectValues(byFunction.out, [0.1]);
  });

  test("chain threads updates through its transformations and keeps one state each", () => {
    const opt = chain(clipByValue(1), scaleByAdam(), scaleByLearningRate(0.1));
    const state = opt.init(f64([0]));
    expect(state).toHaveLength(3);
    const [u, next] = opt.update(f64([5]), state);
    // The clipped gradient 1 enters Adam, whose first step is ±1.
    expect((next[1] as any).mu.item()).toBeCloseTo(0.1, 12);
    expectValues(u, [-0.1 / (1 + 1e-8)]);
  });

  test("update is pure: the same state gives the same step twice", () => {
    const opt = adam(0.1);
    const state = opt.init(f64([0]));
    const [a] = opt.update(f64([1]), state);
    const [b] = opt.update(f64([1]), state);
    expect(a.item()).toBe(b.item());
    expect((state as any)[0].count).toBe(0);
  });
});

describe("trees and dtypes", () => {
  const treeParams = () => ({ layers: [{ w: tensor([[1, 2], [3, 4]]), b: tensor([0.5]) }], scale: tensor(2) });
  const treeGrads = () => ({ layers: [{ w: tensor([[0.1, -0.2], [0.3, 0]]), b: tensor([1]) }], scale: tensor(-0.5) });

  test.each([
    ["sgd", () => sgd(0.1, { momentum: 0.9 })],
    ["adam", () => adam(0.01)],
    ["adamw", () => adamw(0.01)],
    ["rmsprop", () => rmsprop(0.01, { centered: true, momentum: 0.5 })],
    ["adagrad", () => adagrad(0.1)],
    ["lion", () => lion(0.001)],
  ])("%s keeps the tree's structure and treats each leaf as if alone", (_name, make) => {
    const params = treeParams();
    const { updates } = run(make(), params, [treeGrads(), treeGrads()]);
    const u = updates[1];
    expect(u.layers[0].w.shape).toEqual([2, 2]);
    expect(u.scale.shape).toEqual([]);
    // The leaf `b` alone, run by the same optimizer, steps the same way.
    const alone = run(make(), params.layers[0]!.b, [treeGrads().layers[0]!.b, treeGrads().layers[0]!.b]);
    expect(u.layers[0].b.item()).toBeCloseTo(alone.updates[1].item(), 6);
  });

  test.each(["float32", "float64"] as const)("adam keeps %s parameters, states and updates in their dtype", (dtype) => {
    const opt = adam(0.1);
    const params = { w: tensor([1, 2], { dtype }) };
    const state = opt.init(params);
    expect((state[0] as any).mu.w.dtype).toBe(dtype);
    const [u, next] = opt.update({ w: tensor([0.3, -0.3], { dtype }) }, state, params);
    expect(u.w.dtype).toBe(dtype);
    expect((next[0] as any).nu.w.dtype).toBe(dtype);
    expect(applyUpdates(params, u).w.dtype).toBe(dtype);
    expectValues(u.w, [-0.1, 0.1], dtype === "float64" ? 7 : 6);
  });

  test("applyUpdates keeps each parameter's dtype even when the update is float64", () => {
    const p = applyUpdates({ w: tensor([1]) }, { w: f64([0.5]) });
    expect(p.w.dtype).toBe("float32");
    expect(p.w.item()).toBe(1.5);
  });
});

describe("training", () => {
  // Least squares: A w = y with a well-posed 4×3 A, whose solution is w* = [1, −2, 0.5].
  const A = f64([1, 0, 2, 0, 1, 1, 1, 1, 0, 2, -1, 1]).reshape([4, 3]);
  const wStar = [1, -2, 0.5];
  const y = matmul(A, f64(wStar));
  const loss = (p: any) => matmul(A, p.w).sub(y).square().mean().add(p.b.square().sum());

  test.each([
    ["sgd", () => sgd(0.1), 400],
    ["momentum", () => momentum(0.05, 0.9), 300],
    ["nesterov", () => nesterov(0.05, 0.9), 300],
    ["adam", () => adam(0.05), 600],
    ["rmsprop", () => rmsprop(0.01, { momentum: 0.9 }), 600],
    ["adagrad", () => adagrad(0.5), 600],
  ])("%s fits a small least-squares problem", (_, make, steps) => {
    const opt = make();
    let params: any = { w: f64([0, 0, 0]), b: f64([1]) };
    let state = opt.init(params);
    const df = grad(loss);
    for (let i = 0; i < steps; i++) {
      const [u, next] = opt.update(df(params), state, params);
      params = applyUpdates(params, u);
      state = next;
    }
    expect(loss(params).item()).toBeLessThan(1e-4);
    Array.from(params.w.data() as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(wStar[i]!, 1));
  });
});

describe("errors", () => {
  test("hyperparameters are checked when the transformation is built", () => {
    expect(() => adam(0.1, { b1: 1 })).toThrow(new ValueError("scaleByAdam", "expected b1 in [0, 1), got 1."));
    expect(() => sgd(Number.NaN)).toThrow(new ValueError("scaleByLearningRate", "expected learningRate to be a finite number, got NaN."));
    expect(() => clipByGlobalNorm(0)).toThrow(new ValueError("clipByGlobalNorm", "expected maxNorm in (0, Infinity), got 0."));
    expect(() => momentum(0.1, 1.5)).toThrow(new ValueError("traceMomentum", "expected decay in [0, 1], got 1.5."));
    expect(() => chain(adam(0.1), {} as any)).toThrow(
      new ValueError("chain", "expected gradient transformations (objects with init and update), got object at argument 1."),
    );
  });

  test("integer updates are refused with a DTypeError naming the leaf", () => {
    const opt = adam(0.1);
    const state = opt.init(tensor([0]));
    expect(() => opt.update(tensor([1], { dtype: "int32" }), state)).toThrow(
      new DTypeError("scaleByAdam", 'expected float tensors in updates, got int32 at leaf 0. Convert with astype(x, "float32") or "float64".'),
    );
  });

  test("numbers in place of tensors are refused", () => {
    expect(() => adam(0.1).init({ w: 3 })).toThrow(
      new ValueError("scaleByAdam", "expected params to be a tree of tensors, got the number 3 at leaf 0. Wrap numbers with tensor(...)."),
    );
  });

  test("updates shaped unlike the state are refused", () => {
    const opt = adam(0.1);
    const state = opt.init({ w: tensor([0]) });
    expect(() => opt.update({ v: tensor([1]) }, state)).toThrow(new TreeMismatchError("scaleByAdam", "mu must have the structure {v: *}, got {w: *}."));
  });

  test("a state that is not the chain's is refused", () => {
    expect(() => adam(0.1).update(tensor([1]), [] as any)).toThrow(
      new ValueError("chain", "expected a state list of 2 entries (one per transformation), got a list of 0. Pass the state returned by init or update."),
    );
  });

  test("weight decay needs the parameters", () => {
    const opt = adamw(0.1);
    expect(() => opt.update(tensor([1]), opt.init(tensor([0])))).toThrow(
      new ValueError("addDecayedWeights", "expected the parameters as the third argument of update, got undefined. Call update(updates, state, params)."),
    );
  });

  test("a mask that does not fit the parameters is refused", () => {
    const params = { w: tensor([1]), b: tensor([1]) };
    expect(() => addDecayedWeights(0.1, { w: true }).update(params, null, params)).toThrow(
      new TreeMismatchError("addDecayedWeights", "expected the mask to have the key .b, got keys w."),
    );
    expect(() => addDecayedWeights(0.1, { w: true, b: 1 }).update(params, null, params)).toThrow(
      new TreeMismatchError("addDecayedWeights", "expected a boolean in the mask for the parameter at .b, got number."),
    );
  });

  test("a schedule returning NaN stops the update", () => {
    const opt = sgd(() => Number.NaN);
    expect(() => opt.update(tensor([1]), opt.init(tensor([0])))).toThrow(
      new NonFiniteError("scaleBySchedule", "expected the schedule to return a finite number at step 0, got NaN."),
    );
  });
});
