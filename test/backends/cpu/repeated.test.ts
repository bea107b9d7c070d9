import { describe, expect, it } from "vitest";
import * as nb from "../../../src/index.js";
import { tensor, broadcastTo, type Tensor } from "../../../src/index.js";

// Broadcasts along leading axes are kept as one repeated block (see Tensor._data). Every kernel
// must give the same values for such a tensor as for its dense copy.
const row = tensor([1.5, -2, 3], { dtype: "float64" });
const repeated = () => broadcastTo(row, [4, 3]);
const denseCopy = () => tensor(repeated().toArray() as number[][], { dtype: "float64" });

function same(f: (x: Tensor) => Tensor): void {
  const viaRepeat = f(repeated());
  const viaDense = f(denseCopy());
  expect(viaRepeat.shape).toEqual(viaDense.shape);
  expect(viaRepeat.toArray()).toEqual(viaDense.toArray());
}

describe("tensors stored as a repeated block", () => {
  it("are stored once, not expanded, by broadcastTo along leading axes", () => {
    expect(repeated()._data!.length).toBe(3);
    expect(broadcastTo(tensor([[1], [2]]), [2, 2])._data!.length).toBe(4);
  });

  it("give the dense values through every kind of kernel", () => {
    same((x) => x.exp());
    same((x) => x.add(tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1]], { dtype: "float64" })));
    same((x) => tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1]], { dtype: "float64" }).mul(x));
    same((x) => x.mul(x));
    same((x) => x.mul(broadcastTo(tensor([2], { dtype: "float64" }), [4, 3])));
    same((x) => x.transpose());
    same((x) => x.slice([1, 3], [null, null, -1]));
    same((x) => x.sum(0));
    same((x) => x.sum(1));
    same((x) => x.sum());
    same((x) => x.max(0));
    same((x) => x.cumsum(0));
    same((x) => x.matmul(tensor([[1], [2], [3]], { dtype: "float64" })));
    same((x) => x.take([3, 0], 0));
    same((x) => nb.concatenate([x, x], 1));
    same((x) => nb.where(x.greater(0), x, 0));
    same((x) => nb.pad(x, [[1, 0], [0, 2]]));
    same((x) => x.astype("float32"));
    same((x) => x.reshape([2, 6]).sum(1));
  });

  it("combine two repeated operands of different block lengths", () => {
    const a = broadcastTo(tensor([1, 2, 3, 4, 5, 6], { dtype: "float64" }).reshape([2, 3]), [2, 2, 3]);
    const b = broadcastTo(row, [2, 2, 3]);
    expect(a.add(b).toArray()).toEqual(tensor(a.toArray() as number[][][], { dtype: "float64" }).add(tensor(b.toArray() as number[][][], { dtype: "float64" })).toArray());
  });

  it("differentiate like dense tensors", () => {
    const g = nb.grad((w: Tensor) => broadcastTo(w, [4, 3]).mul(denseCopy()).sum())(row);
    expect(g.toArray()).toEqual(row.mul(4).toArray());
  });
});
