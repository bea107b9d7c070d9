/** fast-check generators of expressions and points, shared by the symbolic tests. */
import fc from "fast-check";
import {
  add, call, E, freeVariables, functionDefinition, mul, num, PI, pow, rational, symbol, type Expr,
} from "../../src/symbolic/index.js";

export const VARIABLES = ["x", "y", "z"] as const;

/** Functions that are smooth wherever defined, for derivative checks. */
export const SMOOTH = [
  "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh", "tanh",
  "asinh", "acosh", "atanh", "exp", "log", "log10", "log2", "cbrt", "sigmoid", "softplus", "erf",
] as const;

/** Functions with corners or jumps. */
export const PIECEWISE = ["abs", "sign", "heaviside", "relu"] as const;

const fn = (name: string) => functionDefinition(name)!;

/** The expression, or 1 in place of the number 0, whose negative powers are refused. */
const nonZero = (e: Expr): Expr => (e.kind === "num" && e.p === 0n ? num(1) : e);

const smallRational = fc
  .tuple(fc.integer({ min: -6, max: 6 }), fc.constantFrom(1, 1, 1, 2, 3))
  .map(([p, q]) => rational(BigInt(p), BigInt(q)));

const exponent = fc.oneof(
  fc.constantFrom(2, 3, -1, -2).map((n) => num(n)),
  fc.constantFrom(rational(1n, 2n), rational(-1n, 2n), rational(1n, 3n), rational(3n, 2n)),
);

/** Random expressions of x, y, z with the given function names, built by the canonical constructors. */
export function expression(options: { functions?: readonly string[]; maxDepth?: number; constants?: boolean } = {}): fc.Arbitrary<Expr> {
  const functions = options.functions ?? SMOOTH;
  const leaves: Array<fc.Arbitrary<Expr>> = [
    fc.constantFrom(...VARIABLES).map(symbol),
    fc.constantFrom(...VARIABLES).map(symbol),
    smallRational,
  ];
  if (options.constants !== false) leaves.push(fc.constantFrom<Expr>(PI, E));
  const leaf = fc.oneof(...leaves);
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: "small", maxDepth: options.maxDepth ?? 4 },
      leaf,
      fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => add(a, b)),
      fc.tuple(tie("expr"), tie("expr"), fc.boolean()).map(([a, b, negate]) => add(a, negate ? mul(num(-1), b) : b)),
      fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => mul(a, b)),
      fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => mul(a, pow(nonZero(b), num(-1)))),
      fc.tuple(tie("expr"), exponent).map(([a, n]) => pow(nonZero(a), n)),
      // functions of variables only: a function of a constant may sit on a pole (cot(pi))
      fc.tuple(fc.constantFrom(...functions), tie("expr"), fc.constantFrom(...VARIABLES))
        .map(([name, a, x]) => call(fn(name), [freeVariables(a).length > 0 ? a : add(a, symbol(x))])),
    ),
  }));
  return expr;
}

/** A random point with coordinates in [-2, 2], away from 0 by at least 0.05. */
const coordinate = fc.tuple(fc.double({ min: 0.05, max: 2, noNaN: true }), fc.boolean())
  .map(([magnitude, negative]) => (negative ? -magnitude : magnitude));
export const point: fc.Arbitrary<{ x: number; y: number; z: number }> = fc.record({ x: coordinate, y: coordinate, z: coordinate });

/** Whether `a` and `b` agree to a relative tolerance, NaN and infinities only with themselves. */
export function close(a: number, b: number, tolerance: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  return Math.abs(a - b) <= tolerance * (1 + Math.abs(a) + Math.abs(b));
}
