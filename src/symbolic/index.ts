/**
 * nabla/symbolic: symbolic partial derivatives of typed expressions. Parse text such as
 * `x^2*y + z`, differentiate with respect to any variable, simplify to the form a person would
 * write, print as text or LaTeX, explain the steps, evaluate, and compile to fast functions.
 * Stands alone: nothing here depends on nabla's tensors.
 *
 * @example
 * import { derivative, toText } from "nabla/symbolic";
 * toText(derivative("x^2*y + z", "x"));   // => "2*x*y"
 *
 * @packageDocumentation
 */
export type { Expr, Num, Constant, Sym, Add, Mul, Pow, Call } from "./expr/expr.js";
export { SymbolicError, ParseError, MissingValueError, ArgumentError } from "./errors.js";

export { parse, parseList } from "./parse/parse.js";
export { toText } from "./print/text.js";
export { toLatex } from "./print/latex.js";
export { countOperations, countOperationsInText } from "./print/operations.js";

export { derivative, type DerivativeOptions } from "./calculus/derivative.js";
export { gradient } from "./calculus/gradient.js";
export { jacobian } from "./calculus/jacobian.js";
export { hessian } from "./calculus/hessian.js";
export { directionalDerivative, type DirectionalOptions } from "./calculus/directional-derivative.js";
export type { ExprLike } from "./calculus/input.js";

export { simplify } from "./simplify/simplify.js";
export { evaluate } from "./evaluate/evaluate.js";
export {
  compile, compileMany, compileGradient, type CompiledFunction, type CompiledVectorFunction,
} from "./evaluate/compile.js";

export { freeVariables } from "./variables.js";
export { equals } from "./expr/order.js";
export { num, rational } from "./expr/num.js";
export { symbol, PI, E } from "./expr/symbol.js";
export { add, sub } from "./expr/add.js";
export { mul, neg, div } from "./expr/mul.js";
export { pow, sqrt } from "./expr/pow.js";
export { call } from "./expr/call.js";
export { FUNCTIONS, functionNames, functionDefinition } from "./functions/registry.js";
export type { FunctionDefinition } from "./functions/define.js";
export {
  explain, type Explanation, type ExplanationStep, type DerivativeRule, type Formula, type NotePart,
} from "./explain/explain.js";
export { formatExplanation } from "./explain/format.js";
