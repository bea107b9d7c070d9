/**
 * The messages of the common mistakes, word for word: each names the operation, shows what arrived
 * and suggests a way out; each is an instance of a class callers can tell apart.
 */
import { afterEach, describe, expect, test } from "vitest";
import {
  DTypeError,
  NablaError,
  NonFiniteError,
  NotDifferentiableError,
  ShapeError,
  TracerError,
  stopGradient,
  TreeMismatchError,
  ValueError,
  add,
  concatenate,
  config,
  grad,
  jacrev,
  jvp,
  matmul,
  reshape,
  sum,
  take,
  tensor,
  transpose,
  vjp,
  vmap,
  where,
  zeros,
  type Tensor,
} from "../src/index.js";

function expectError(fn: () => unknown, errorClass: new (...args: any[]) => Error, message: string): void {
  let caught: unknown = undefined;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected an error to be thrown").toBeInstanceOf(errorClass);
  expect(caught).toBeInstanceOf(NablaError);
  expect((caught as Error).message).toBe(message);
  expect((caught as Error).name).toBe(errorClass.name);
}

describe("shape errors", () => {
  test("incompatible broadcast shapes name both shapes, the clashing axis and a fix", () => {
    expectError(
      () => add(zeros([2, 3]), zeros([4])),
      ShapeError,
      "add: shapes must broadcast, got [2, 3] and [4] (3 vs 4 at axis -1). Dimensions must be equal or 1 when aligned from the right; reshape or expandDims one operand.",
    );
    expectError(
      () => zeros([3, 2]).mul(zeros([2, 3])),
      ShapeError,
      "mul: shapes must broadcast, got [3, 2] and [2, 3] (3 vs 2 at axis -2). Dimensions must be equal or 1 when aligned from the right; reshape or expandDims one operand.",
    );
  });

  test("a matmul inner-dimension mismatch shows both shapes and both sizes", () => {
    expectError(() => matmul(zeros([2, 3]), zeros([4, 5])), ShapeError, "matmul: inner dimensions must match, got [2, 3] and [4, 5] (3 vs 4).");
    expectError(() => matmul(zeros([3]), zeros([4])), ShapeError, "matmul: inner dimensions must match, got [3] and [4] (3 vs 4).");
  });

  test("a reshape to a different size shows both sizes", () => {
    expectError(() => reshape(zeros([2, 3]), [4, 2]), ShapeError, "reshape: expected a shape of 6 elements, got [4, 2] (8 elements) for input [2, 3].");
    expectError(() => reshape(zeros([2, 3]), [4, -1]), ShapeError, "reshape: expected a shape whose size divides 6, got [4, -1] for input [2, 3].");
  });

  test("a ragged nested array is refused with the place where it is ragged", () => {
    expectError(
      () => tensor([[1, 2], [3]]),
      ShapeError,
      "tensor: expected a rectangular nested array of shape [2, 2], got length 1 at [1]. Rows must have equal lengths.",
    );
    expectError(() => tensor([[1, 2], 3] as never), ShapeError, "tensor: expected a rectangular nested array of shape [2, 2], got number at [1]. Rows must have equal lengths.");
    expectError(() => tensor([1, "a"] as never), ValueError, "tensor: expected numbers or booleans, got string at [1].");
  });

  test("concatenate of mismatched shapes names the offending input", () => {
    expectError(() => concatenate([zeros([2, 3]), zeros([2, 4])], 0), ShapeError, "concatenate: expected shapes equal except on axis 0, got [2, 3] and [2, 4] (input 1).");
  });

  test("vmap over mapped axes of different sizes names the sizes", () => {
    expectError(() => vmap((a: Tensor, b: Tensor) => a.add(b))(zeros([2]), zeros([3])), ShapeError, "vmap: mapped axes must have one size, got 2 and 3 (leaf 1, shape [3]).");
  });
});

describe("value errors", () => {
  test("a bad axis shows the valid range", () => {
    expectError(() => sum(zeros([2, 3]), 2), ValueError, "sum: axis must be an integer in [-2, 1], got 2.");
    expectError(() => zeros([2, 3]).softmax(-3), ValueError, "softmax: axis must be an integer in [-2, 1], got -3.");
    expectError(() => sum(zeros([2, 3]), [1, -1]), ValueError, "sum: axes must be distinct, got [1, -1].");
    expectError(() => transpose(zeros([2, 3]), [0, 0]), ValueError, "transpose: expected a permutation of [0, ..., 1], got [0, 0].");
  });

  test("an out-of-range index shows the valid range", () => {
    expectError(() => take(tensor([1, 2]), [2]), ValueError, "take: expected indices in [-2, 1] for axis 0 of size 2, got 2.");
  });

  test("naming an axis of a 0-d tensor says it has none", () => {
    expectError(() => sum(tensor(3), 0), ValueError, "sum: expected no axis for a 0-d tensor, got axis 0. A 0-d tensor has no axes to name.");
  });

  test("wrong argnums name the valid arguments", () => {
    const f = (x: Tensor, _y: Tensor) => x.sum();
    expectError(() => grad(f, { argnums: 2 })(tensor([1]), tensor([2])), ValueError, "grad: argnums must name arguments in [0, 1], got 2 for a call with 2 arguments.");
    expectError(() => grad((x: Tensor) => x.sum(), { argnums: -1 })(tensor([1])), ValueError, "grad: argnums must name arguments in [0, 0], got -1 for a call with 1 argument.");
    expectError(() => grad(f, { argnums: [0, 0] })(tensor([1]), tensor([2])), ValueError, "grad: argnums must be distinct, got [0, 0].");
    expectError(() => jacrev(f, { argnums: [1, 5] })(tensor([1]), tensor([2])), ValueError, "jacrev: argnums must name arguments in [0, 1], got [1, 5] for a call with 2 arguments.");
  });

  test("hasAux without an [output, aux] pair says what f must return", () => {
    expectError(() => grad((x: Tensor) => x.sum(), { hasAux: true })(tensor([1])), ValueError, "grad: with hasAux, f must return [output, aux], got a float32 tensor of shape [].");
  });

  test("a non-tensor argument to an operation suggests wrapping it", () => {
    expectError(() => add(tensor([1]), "a" as never), ValueError, "add: expected a Tensor or a number, got string a. Wrap arrays with tensor(...).");
  });
});

describe("differentiation errors", () => {
  test("grad of a non-scalar output shows the shape and suggests sum or jacrev", () => {
    expectError(
      () => grad((x: Tensor) => x.mul(2))(tensor([1, 2, 3])),
      ShapeError,
      "grad: f must return a scalar, got shape [3]. Sum the output, or use jacrev for a Jacobian.",
    );
  });

  test("differentiating with respect to an int32 input names the argument and suggests astype", () => {
    expectError(
      () => grad((x: Tensor) => x.sum())(tensor([1, 2], { dtype: "int32" })),
      NotDifferentiableError,
      'grad: expected float32 or float64 inputs to differentiate, got int32 (argument 0, leaf 0). Convert it with astype("float32"), or leave it out of argnums.',
    );
    expectError(
      () => jacrev((x: Tensor) => x)(tensor([1], { dtype: "int32" })),
      NotDifferentiableError,
      'jacrev: expected float32 or float64 inputs to differentiate, got int32 (argument 0, leaf 0). Convert it with astype("float32"), or leave it out of argnums.',
    );
  });

  test("grad of an integer output says integers have no derivative", () => {
    expectError(
      () => grad((x: Tensor) => x.argmax(0))(tensor([1, 2])),
      NotDifferentiableError,
      "grad: f must return a float32 or float64 scalar, got int32. Integer and bool results have no derivative.",
    );
  });

  test("a dtype that cannot be a condition is a DTypeError", () => {
    expectError(() => where(tensor([1]), 1, 2), DTypeError, "where: expected a bool condition, got float32. Compare first, for example x.greater(0).");
  });
});

describe("tree errors", () => {
  test("jvp tangents of a different structure show both structures", () => {
    expectError(() => jvp((p: { a: Tensor }) => p.a, [{ a: tensor([1]) }], [{ b: tensor([1]) }]), TreeMismatchError, "jvp: tangents must have the structure [{a: *}], got [{b: *}].");
    expectError(
      () => jvp((p: Tensor[]) => p[0]!, [[tensor([1]), tensor([2])]], [[tensor([1])]]),
      TreeMismatchError,
      "jvp: tangents must have the structure [[*, *]], got [[*]].",
    );
  });

  test("a vjp cotangent of a different structure or shape is refused", () => {
    const [, pullback] = vjp((x: Tensor) => [x], tensor([1, 2]));
    expectError(() => pullback(tensor([1, 1])), TreeMismatchError, "vjp: the cotangent must have the structure [*], got *.");
    const [, pullback2] = vjp((x: Tensor) => x.mul(2), tensor([1, 2]));
    expectError(() => pullback2(tensor([1])), ShapeError, "vjp: each cotangent must have its output's shape, got [1] for an output of shape [2] (leaf 0).");
  });

  test("a jvp tangent of the wrong shape names the primal's shape", () => {
    expectError(() => jvp((x: Tensor) => x, [tensor([1, 2])], [tensor([1])]), ShapeError, "jvp: each tangent must have its primal's shape, got [1] for a primal of shape [2] (leaf 0).");
  });

  test("a leaf that is not a tensor or a number is refused with its path", () => {
    expectError(() => grad((x: Tensor) => x.sum())("a"), ValueError, "grad: expected a tree of tensors and numbers (nested arrays and plain objects), got string a at the top.");
  });
});

describe("tracer errors", () => {
  const escaped =
    "expected a tensor or a tracer of a running transformation, got a tracer of a jvp/grad transformation that has already returned. " +
    "A value computed inside grad/jvp/vmap was kept (for example in an outer variable) and used after the transformation ended; return it instead.";

  test("a tracer kept after grad returned cannot be used", () => {
    let leaked: Tensor | undefined;
    grad((x: Tensor) => {
      leaked = x.mul(2);
      return x.sum();
    })(tensor([1, 2]));
    expectError(() => leaked!.add(1), TracerError, `add: ${escaped}`);
  });

  test("a tracer kept after vmap returned cannot be used", () => {
    let leaked: Tensor | undefined;
    vmap((x: Tensor) => {
      leaked = x;
      return x;
    })(tensor([1, 2]));
    expectError(() => leaked!.mul(3), TracerError, `mul: ${escaped.replace("a jvp/grad transformation", "a vmap transformation")}`);
  });

  test("reading a differentiated value as a number inside grad is refused instead of dropping its derivative", () => {
    expectError(
      () => grad((x: Tensor) => x.mul(x.item()))(tensor(2)),
      TracerError,
      "read: expected a value without a derivative, got a traced value of shape [] that depends on the input of a jvp/grad transformation. " +
        "Reading it as a number would silently drop its derivative; keep computing with tensors, or read stopGradient(x) if a constant is meant.",
    );
  });

  test("values without a derivative can be read inside grad, so control flow works", () => {
    const f = (x: Tensor) => (x.greater(0).item() ? x.square() : x.neg());
    expect((grad(f)(tensor(3)) as Tensor).item()).toBe(6);
    expect((grad(f)(tensor(-3)) as Tensor).item()).toBe(-1);
    expect((grad((x: Tensor) => x.mul(stopGradient(x).item()))(tensor(2)) as Tensor).item()).toBe(2);
  });

  test("reading the values of a batched tracer inside vmap is refused", () => {
    expectError(
      () => vmap((x: Tensor) => (x.toArray(), x))(tensor([1, 2])),
      TracerError,
      "read: expected a concrete tensor, got a value batched by vmap (shape [] per element). Inside vmap a value stands for a whole batch; read it after vmap returns.",
    );
  });
});

describe("config.debugNans", () => {
  afterEach(() => {
    config.debugNans = false;
  });

  test("throws NonFiniteError naming the first operation that produced a NaN", () => {
    config.debugNans = true;
    expectError(
      () => tensor([-1, 1]).log(),
      NonFiniteError,
      "log: expected finite values, got NaN in its result (inputs of shapes [2]). config.debugNans stopped at the first operation producing a NaN or infinity; check this operation's inputs.",
    );
    expectError(
      () => tensor([1]).div(tensor([0])),
      NonFiniteError,
      "div: expected finite values, got Infinity in its result (inputs of shapes [1], [1]). config.debugNans stopped at the first operation producing a NaN or infinity; check this operation's inputs.",
    );
  });

  test("also stops inside a derivative computation", () => {
    config.debugNans = true;
    expect(() => grad((x: Tensor) => x.sqrt().sum())(tensor([0]))).toThrow(NonFiniteError);
  });

  test("is off by default, and then non-finite values pass silently", () => {
    expect(config.debugNans).toBe(false);
    expect(Number.isNaN(tensor([-1]).log().item())).toBe(true);
  });
});
