/**
 * Compilation to fast JavaScript functions without `eval` or `new Function`, so it works under
 * a content-security policy and user text is never code. An expression becomes a straight-line
 * program over a register file of float64s, one instruction per distinct subexpression (shared
 * subexpressions are computed once, also across the outputs of a gradient), run by a single
 * monomorphic loop.
 */
import type { Expr } from "../expr/expr.js";
import { equals } from "../expr/order.js";
import { ArgumentError } from "../errors.js";
import { fraction, signedTerms } from "../print/layout.js";
import { freeVariables, checkVariableName } from "../variables.js";
import { gradient } from "../calculus/gradient.js";
import { toExpr, type ExprLike } from "../calculus/input.js";
import type { FunctionDefinition } from "../functions/define.js";

const enum Op {
  Add, Sub, Mul, Div, Neg, Square, Cube, Reciprocal, Sqrt, Pow,
  Sin, Cos, Tan, Exp, Log, Tanh, Abs, Call1, Call2,
}

const FAST_CALLS: Readonly<Record<string, Op>> = {
  sin: Op.Sin, cos: Op.Cos, tan: Op.Tan, exp: Op.Exp, log: Op.Log, tanh: Op.Tanh, abs: Op.Abs,
};

/** A straight-line program: instructions of five integers (op, out, a, b, function) over registers. */
interface Program {
  readonly code: Int32Array;
  readonly registers: Float64Array;
  readonly functions: FunctionDefinition[];
  readonly outputs: Int32Array;
  readonly inputs: number;
}

class Assembler {
  readonly code: number[] = [];
  readonly constants: number[] = [];
  readonly functions: FunctionDefinition[] = [];
  private registerCount: number;
  private readonly known = new Map<number, Array<[Expr, number]>>();
  private readonly constantRegisters = new Map<number, number>();

  constructor(private readonly variables: readonly string[]) {
    this.registerCount = variables.length;
  }

  get size(): number {
    return this.registerCount;
  }

  private emit(op: Op, a: number, b = 0, fn = 0): number {
    const out = this.registerCount++;
    this.code.push(op, out, a, b, fn);
    return out;
  }

  constant(value: number): number {
    const key = Object.is(value, -0) ? 0 : value;
    let register = this.constantRegisters.get(key);
    if (register === undefined) {
      register = this.registerCount++;
      this.constants.push(register, value);
      this.constantRegisters.set(key, register);
    }
    return register;
  }

  /** The register holding `e`, emitting its instructions the first time. */
  value(e: Expr): number {
    const bucket = this.known.get(e.hash);
    if (bucket) for (const [seen, register] of bucket) if (equals(seen, e)) return register;
    const register = this.lower(e);
    if (bucket) bucket.push([e, register]); else this.known.set(e.hash, [[e, register]]);
    return register;
  }

  private lower(e: Expr): number {
    switch (e.kind) {
      case "num":
      case "constant": return this.constant(e.value);
      case "symbol": {
        const index = this.variables.indexOf(e.name);
        if (index < 0) throw new ArgumentError("compile", `a value for every variable, got none for ${e.name}. Add it to the variables`);
        return index;
      }
      case "add": {
        const terms = signedTerms(e.terms);
        let result = this.value(terms[0]!.magnitude);
        if (terms[0]!.negative) result = this.emit(Op.Neg, result);
        for (const t of terms.slice(1)) result = this.emit(t.negative ? Op.Sub : Op.Add, result, this.value(t.magnitude));
        return result;
      }
      case "mul":
        return this.product(e);
      case "pow": {
        const { base, exponent } = e;
        if (exponent.kind === "num") {
          const x = exponent.value;
          if (x < 0) return this.product(e);
          if (x === 2) return this.emit(Op.Square, this.value(base));
          if (x === 3) return this.emit(Op.Cube, this.value(base));
          if (x === 0.5) return this.emit(Op.Sqrt, this.value(base));
        }
        return this.emit(Op.Pow, this.value(base), this.value(exponent));
      }
      case "call": {
        const fast = FAST_CALLS[e.fn.name];
        if (fast !== undefined) return this.emit(fast, this.value(e.args[0]!));
        let index = this.functions.indexOf(e.fn);
        if (index < 0) index = this.functions.push(e.fn) - 1;
        if (e.args.length === 1) return this.emit(Op.Call1, this.value(e.args[0]!), 0, index);
        // a variadic function folds from the left: max(a, b, c) = max(max(a, b), c)
        let result = this.emit(Op.Call2, this.value(e.args[0]!), this.value(e.args[1]!), index);
        for (const arg of e.args.slice(2)) result = this.emit(Op.Call2, result, this.value(arg), index);
        return result;
      }
    }
  }

  /** Products divide by their denominator instead of multiplying by reciprocals. */
  private product(e: Expr): number {
    const { negative, numerator, denominator } = fraction(e);
    let top: number | undefined;
    for (const f of numerator) top = top === undefined ? this.value(f) : this.emit(Op.Mul, top, this.value(f));
    let bottom: number | undefined;
    for (const f of denominator) bottom = bottom === undefined ? this.value(f) : this.emit(Op.Mul, bottom, this.value(f));
    let result = top === undefined
      ? (bottom === undefined ? this.constant(1) : this.emit(Op.Reciprocal, bottom))
      : bottom === undefined ? top : this.emit(Op.Div, top, bottom);
    if (negative) result = this.emit(Op.Neg, result);
    return result;
  }
}

function assemble(exprs: readonly Expr[], variables: readonly string[]): Program {
  const assembler = new Assembler(variables);
  const outputs = exprs.map((e) => assembler.value(e));
  const registers = new Float64Array(assembler.size);
  for (let i = 0; i < assembler.constants.length; i += 2) registers[assembler.constants[i]!] = assembler.constants[i + 1]!;
  return {
    code: Int32Array.from(assembler.code),
    registers,
    functions: assembler.functions,
    outputs: Int32Array.from(outputs),
    inputs: variables.length,
  };
}

function run(program: Program): void {
  const { code, registers: r, functions } = program;
  const n = code.length;
  for (let i = 0; i < n; i += 5) {
    const out = code[i + 1]!;
    const a = code[i + 2]!;
    const b = code[i + 3]!;
    switch (code[i]) {
      case Op.Add: r[out] = r[a]! + r[b]!; break;
      case Op.Sub: r[out] = r[a]! - r[b]!; break;
      case Op.Mul: r[out] = r[a]! * r[b]!; break;
      case Op.Div: r[out] = r[a]! / r[b]!; break;
      case Op.Neg: r[out] = -r[a]!; break;
      case Op.Square: { const x = r[a]!; r[out] = x * x; break; }
      case Op.Cube: { const x = r[a]!; r[out] = x * x * x; break; }
      case Op.Reciprocal: r[out] = 1 / r[a]!; break;
      case Op.Sqrt: r[out] = Math.sqrt(r[a]!); break;
      case Op.Pow: r[out] = Math.pow(r[a]!, r[b]!); break;
      case Op.Sin: r[out] = Math.sin(r[a]!); break;
      case Op.Cos: r[out] = Math.cos(r[a]!); break;
      case Op.Tan: r[out] = Math.tan(r[a]!); break;
      case Op.Exp: r[out] = Math.exp(r[a]!); break;
      case Op.Log: r[out] = Math.log(r[a]!); break;
      case Op.Tanh: r[out] = Math.tanh(r[a]!); break;
      case Op.Abs: r[out] = Math.abs(r[a]!); break;
      case Op.Call1: r[out] = functions[code[i + 4]!]!.evaluate(r[a]!, 0); break;
      case Op.Call2: r[out] = functions[code[i + 4]!]!.evaluate(r[a]!, r[b]!); break;
    }
  }
}

function resolveVariables(op: string, exprs: Expr[], variables: readonly string[] | undefined): string[] {
  const names = variables ? [...variables] : freeVariables(...exprs);
  names.forEach((name) => checkVariableName(op, name));
  return names;
}

/** A compiled scalar function; `variables` gives the order of its arguments. */
export type CompiledFunction = ((...values: number[]) => number) & { readonly variables: readonly string[] };

/** A compiled vector function returning one float64 per output. */
export type CompiledVectorFunction = ((...values: number[]) => Float64Array) & { readonly variables: readonly string[] };

function checkArity(op: string, values: number[], expected: readonly string[]): void {
  if (values.length !== expected.length) {
    throw new ArgumentError(op, `${expected.length} value${expected.length === 1 ? "" : "s"} (${expected.join(", ")}), got ${values.length}.`);
  }
}

/**
 * Compiles an expression to a JavaScript function of its variables, without `eval`.
 *
 * @param f - an expression or its text
 * @param variables - the argument order; by default the variables of `f` in natural order
 * @returns a function taking one number per variable, with a `variables` property
 * @throws ArgumentError if `f` uses a variable not in `variables`
 * @example
 * const f = compile("x^2*y + z");
 * f(1, 2, 3);        // => 5
 * f.variables;       // => ["x", "y", "z"]
 */
export function compile(f: ExprLike, variables?: readonly string[]): CompiledFunction {
  const expr = toExpr("compile", f);
  const names = resolveVariables("compile", [expr], variables);
  const program = assemble([expr], names);
  const { registers } = program;
  const output = program.outputs[0]!;
  const inputs = names.length;
  const compiled = (...values: number[]): number => {
    if (values.length !== inputs) checkArity("compile", values, names);
    for (let i = 0; i < inputs; i++) registers[i] = values[i]!;
    run(program);
    return registers[output]!;
  };
  return Object.assign(compiled, { variables: names });
}

/**
 * Compiles several expressions into one function returning all their values; subexpressions
 * they share are computed once.
 *
 * @example
 * const f = compileMany(["x + y", "x*y"]);
 * f(2, 3);   // => Float64Array [5, 6]
 */
export function compileMany(fs: readonly ExprLike[], variables?: readonly string[]): CompiledVectorFunction {
  const exprs = fs.map((f) => toExpr("compileMany", f));
  const names = resolveVariables("compileMany", exprs, variables);
  const program = assemble(exprs, names);
  const { registers, outputs } = program;
  const inputs = names.length;
  const compiled = (...values: number[]): Float64Array => {
    if (values.length !== inputs) checkArity("compileMany", values, names);
    for (let i = 0; i < inputs; i++) registers[i] = values[i]!;
    run(program);
    const result = new Float64Array(outputs.length);
    for (let i = 0; i < outputs.length; i++) result[i] = registers[outputs[i]!]!;
    return result;
  };
  return Object.assign(compiled, { variables: names });
}

/**
 * Compiles the symbolic gradient of `f`: a function returning ∂f/∂x for each variable.
 *
 * @example
 * const grad = compileGradient("x^2*y + z");
 * grad(1, 2, 3);   // => Float64Array [4, 1, 1]
 */
export function compileGradient(f: ExprLike, variables?: readonly string[]): CompiledVectorFunction {
  const expr = toExpr("compileGradient", f);
  const names = resolveVariables("compileGradient", [expr], variables);
  return compileMany(gradient(expr, names), names);
}
