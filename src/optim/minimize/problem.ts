import { ShapeError, ValueError } from "../../errors.js";
import { treeFlatten, treeUnflatten, type TreeDef } from "../../core/tree.js";
import { reshape, slice } from "../../ops/shape.js";
import { tensor } from "../../ops/creation.js";
import { Tensor } from "../../tensor/tensor.js";
import { formatShape } from "../../tensor/shape.js";
import { hessian, hvp, jacfwd, jacrev, valueAndGrad } from "../../transforms/api.js";
import type { EvaluationCounts } from "./types.js";
import type { Vec } from "./vector.js";

type FloatDType = "float32" | "float64";

/**
 * The function being minimized, seen by the methods as a function of one flat Float64Array.
 * It converts between that vector and the user's parameter tree, obtains derivatives by nabla's
 * transformations of the flat function, and counts every evaluation.
 */
export class Problem {
  /** Number of parameters (all leaves' elements). */
  readonly n: number;
  readonly counts: EvaluationCounts = { fun: 0, grad: 0, hessian: 0, hvp: 0 };
  private readonly def: TreeDef;
  private readonly shapes: (readonly number[])[];
  private readonly start: Vec;
  /** f as a function of one flat tensor: slices it into the tree's leaves and calls the user's f. */
  private readonly flat: (v: Tensor) => Tensor;

  constructor(
    private readonly op: string,
    f: (x: any) => unknown,
    x0: unknown,
    readonly dtype: FloatDType,
    /** For least squares f returns residuals of any shape; otherwise a scalar. */
    readonly leastSquares: boolean,
  ) {
    const [leaves, def] = treeFlatten(x0, op);
    if (leaves.length === 0) throw new ValueError(op, "expected x0 to hold at least one tensor or number, got an empty tree.");
    this.def = def;
    this.shapes = leaves.map((leaf) => (leaf instanceof Tensor ? leaf.shape : []));
    const sizes = this.shapes.map((s) => s.reduce((a, b) => a * b, 1));
    this.n = sizes.reduce((a, b) => a + b, 0);
    this.start = new Float64Array(this.n);
    let offset = 0;
    leaves.forEach((leaf, i) => {
      if (leaf instanceof Tensor && (leaf.dtype === "int32" || leaf.dtype === "bool")) {
        throw new ValueError(op, `expected float parameters, got a ${leaf.dtype} tensor at leaf ${i}. Convert it with astype(x, "float64").`);
      }
      const values = leaf instanceof Tensor ? leaf.data() : [leaf];
      for (let j = 0; j < values.length; j++) this.start[offset + j] = values[j]!;
      offset += sizes[i]!;
    });
    if (!this.start.every(Number.isFinite)) throw new ValueError(op, "expected a finite starting point x0, got NaN or infinity in it.");
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const single = leaves.length === 1;
    this.flat = (v: Tensor) => {
      const parts = single ? [reshape(v, this.shapes[0]!)] : this.shapes.map((s, i) => reshape(slice(v, [offsets[i]!, offsets[i]! + sizes[i]!]), s));
      return this.checkOutput(f(treeUnflatten(this.def, parts)));
    };
  }

  /** A copy of the starting point. */
  initial(): Vec {
    return this.start.slice();
  }

  /** The parameter tree for a flat vector, in the run's dtype. */
  toTree<T = unknown>(x: Vec): T {
    let offset = 0;
    const parts = this.shapes.map((s) => {
      const size = s.reduce((a, b) => a * b, 1);
      const part = tensor(x.subarray(offset, offset + size).slice(), { dtype: this.dtype, shape: s });
      offset += size;
      return part;
    });
    return treeUnflatten<T>(this.def, parts);
  }

  private vector(x: Vec): Tensor {
    return tensor(x.slice(), { dtype: this.dtype });
  }

  private checkOutput(out: unknown): Tensor {
    if (!(out instanceof Tensor)) {
      throw new ValueError(this.op, `expected f to return a tensor, got ${typeof out}.`);
    }
    if (!this.leastSquares && out.size !== 1) {
      throw new ShapeError(this.op, `expected f to return a scalar, got shape ${formatShape(out.shape)}. Sum it, or use a least-squares method for a vector of residuals.`);
    }
    return this.leastSquares ? reshape(out, [out.size]) : reshape(out, []);
  }

  /** f(x) (for least squares ½‖r(x)‖²). */
  value(x: Vec): number {
    this.counts.fun++;
    const out = this.flat(this.vector(x));
    return this.leastSquares ? halfSquaredNorm(out.data()) : out.item();
  }

  /** f(x) and ∇f(x) from one reverse pass (for least squares from the Jacobian: Jᵀr). */
  valueAndGrad(x: Vec): { fun: number; grad: Vec } {
    if (this.leastSquares) {
      const { r, jacobian, m } = this.residualsAndJacobian(x);
      const grad = new Float64Array(this.n);
      for (let i = 0; i < m; i++) for (let j = 0; j < this.n; j++) grad[j] += jacobian[i * this.n + j]! * r[i]!;
      return { fun: halfSquaredNorm(r), grad };
    }
    this.counts.fun++;
    this.counts.grad++;
    const [value, gradient] = valueAndGrad(this.flat)(this.vector(x)) as [Tensor, Tensor];
    return { fun: value.item(), grad: Float64Array.from(gradient.data()) };
  }

  /** The Hessian-vector product ∇²f(x)·v, forward over reverse, without forming the Hessian. */
  hvp(x: Vec, v: Vec): Vec {
    this.requireScalar("Hessian-vector products");
    this.counts.hvp++;
    return Float64Array.from((hvp(this.flat, [this.vector(x)], [this.vector(v)]) as Tensor).data());
  }

  /** The full n×n Hessian, row-major. */
  hessian(x: Vec): Vec {
    this.requireScalar("Hessians");
    this.counts.hessian++;
    return Float64Array.from((hessian(this.flat)(this.vector(x)) as Tensor).data());
  }

  /** The residuals r(x), m of them (least squares only). */
  residuals(x: Vec): Vec {
    this.counts.fun++;
    return Float64Array.from(this.flat(this.vector(x)).data());
  }

  /** r(x) and its m×n Jacobian (row-major), by forward mode when n ≤ m and reverse mode otherwise. */
  residualsAndJacobian(x: Vec): { r: Vec; jacobian: Vec; m: number } {
    this.counts.fun++;
    this.counts.grad++;
    const xt = this.vector(x);
    const r = Float64Array.from(this.flat(xt).data());
    const m = r.length;
    const jac = (m >= this.n ? jacfwd(this.flat) : jacrev(this.flat))(xt) as Tensor;
    return { r, jacobian: Float64Array.from(jac.data()), m };
  }

  /**
   * The m×n Jacobian of the residuals (row-major) alone, counted as one Jacobian evaluation and no
   * function evaluation, as SciPy counts `jac` apart from `fun`: for methods that already hold
   * r(x) from a trial and need J only where they accept it; m is r's length, which picks forward
   * mode (n ≤ m) or reverse mode.
   */
  jacobian(x: Vec, m: number): Vec {
    this.counts.grad++;
    const xt = this.vector(x);
    return Float64Array.from(((m >= this.n ? jacfwd(this.flat) : jacrev(this.flat))(xt) as Tensor).data());
  }

  private requireScalar(what: string): void {
    if (this.leastSquares) throw new ValueError(this.op, `${what} are not used by least-squares methods.`);
  }
}

function halfSquaredNorm(r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return 0.5 * s;
}
