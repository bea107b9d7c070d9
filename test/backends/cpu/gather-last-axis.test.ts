import { describe, expect, test } from "vitest";
import { ValueError, arange, take, tensor, vmap } from "../../../src/index.js";

describe("gather along the last axis", () => {
  test("picks single elements from every row, repeated and reordered indices included", () => {
    const x = arange(0, 12, 1, { dtype: "float64" }).reshape([3, 4]);
    expect(take(x, [3, 0, 0, 2], 1).toArray()).toEqual([[3, 0, 0, 2], [7, 4, 4, 6], [11, 8, 8, 10]]);
    expect(take(tensor([5, 6, 7]), [2, 1]).toArray()).toEqual([7, 6]);
  });

  test("agrees with a gather along a middle axis of the same values", () => {
    const x = arange(0, 24, 1, { dtype: "float64" }).reshape([2, 3, 4]);
    const last = take(x, [1, 3], 2).toArray() as number[][][];
    const middle = take(x.transpose([0, 2, 1]), [1, 3], 1).transpose([0, 2, 1]).toArray();
    expect(last).toEqual(middle);
  });

  test("refuses an out-of-range index that is only known inside vmap", () => {
    const indices = tensor([[0], [5]], { dtype: "int32" });
    const f = vmap((i) => take(tensor([1, 2, 3]), i, 0));
    expect(() => f(indices)).toThrow(ValueError);
    expect(() => f(indices)).toThrow("take: expected indices in [0, 2] for an axis of size 3, got 5.");
  });
});
