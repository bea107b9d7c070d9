/**
 * The LaTeX printer: `\frac` for fractions, `\sqrt{}` for square roots, `^{}` for powers,
 * `\cdot` between adjacent numbers, function names as operators (`\sin`, `\ln`,
 * `\operatorname{sigmoid}`), greek variable names as letters (`theta` is `\theta`) and
 * subscripts as subscripts (`x_1` is `x_{1}`).
 */
import type { Expr } from "../expr/expr.js";
import { fraction, isReciprocalPower, isSquareRoot, signedTerms } from "./layout.js";
import { isAtomic } from "./text.js";

const GREEK = new Set([
  "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
  "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi",
  "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
  "Psi", "Omega",
]);

/** A variable name in LaTeX: `theta_1` is `\theta_{1}`, `rate` is `\mathrm{rate}`. */
export function latexName(name: string): string {
  const underscore = name.indexOf("_");
  const stem = underscore < 0 ? name : name.slice(0, underscore);
  const subscript = underscore < 0 ? "" : name.slice(underscore + 1);
  const head = GREEK.has(stem) ? `\\${stem}` : [...stem].length === 1 ? stem : `\\mathrm{${stem}}`;
  if (!subscript) return head;
  const inner = subscript.split("_").map((part) => (GREEK.has(part) ? `\\${part}` : part)).join(",");
  return `${head}_{${inner}}`;
}

/**
 * Prints an expression as LaTeX.
 *
 * @example
 * toLatex(parse("x^2*y/(2*sqrt(z))"));   // => "\\frac{x^{2} y}{2 \\sqrt{z}}"
 */
export function toLatex(e: Expr): string {
  switch (e.kind) {
    case "num": return e.q === 1n ? e.p.toString() : `${e.p < 0n ? "-" : ""}\\frac{${e.p < 0n ? -e.p : e.p}}{${e.q}}`;
    case "constant": return e.name === "pi" ? "\\pi" : "e";
    case "symbol": return latexName(e.name);
    case "call": return latexOfCall(e);
    case "add": {
      let text = "";
      signedTerms(e.terms).forEach(({ negative, magnitude }, i) => {
        const term = toLatex(magnitude);
        text += i === 0 ? (negative ? `-${term}` : term) : negative ? ` - ${term}` : ` + ${term}`;
      });
      return text;
    }
    case "mul": return latexOfProduct(e);
    case "pow": return isReciprocalPower(e) ? latexOfProduct(e) : latexOfPower(e);
  }
}

function latexOfCall(e: Expr & { kind: "call" }): string {
  const args = e.args.map(toLatex);
  switch (e.fn.name) {
    case "abs": return `\\left|${args[0]}\\right|`;
    case "cbrt": return `\\sqrt[3]{${args[0]}}`;
    case "exp": return `e^{${args[0]}}`;
    default: return `${e.fn.latex}\\left(${args.join(", ")}\\right)`;
  }
}

function joinFactors(factors: Expr[]): string {
  if (factors.length === 1) return toLatex(factors[0]!);
  let text = "";
  factors.forEach((f, i) => {
    const item = latexOfFactor(f);
    if (i > 0) text += /^[0-9]/.test(item) || (/^-?\\frac/.test(item)) ? " \\cdot " : " ";
    text += item;
  });
  return text;
}

function latexOfProduct(e: Expr): string {
  const { negative, numerator, denominator } = fraction(e);
  const top = numerator.length === 0 ? "1" : joinFactors(numerator);
  const body = denominator.length === 0 ? top : `\\frac{${top}}{${joinFactors(denominator)}}`;
  return negative ? `-${body}` : body;
}

function latexOfFactor(e: Expr): string {
  if (e.kind === "add") return `\\left(${toLatex(e)}\\right)`;
  return toLatex(e);
}

/** Functions written as `\sin^{2}\left(x\right)` when raised to a power. */
const OPERATOR_POWER = /^\\(sin|cos|tan|sec|csc|cot|sinh|cosh|tanh|ln)$/;

function latexOfPower(e: Expr & { kind: "pow" }): string {
  if (isSquareRoot(e)) return `\\sqrt{${toLatex(e.base)}}`;
  const exponent = toLatex(e.exponent);
  const base = e.base;
  if (base.kind === "call" && OPERATOR_POWER.test(base.fn.latex)) {
    return `${base.fn.latex}^{${exponent}}\\left(${base.args.map(toLatex).join(", ")}\\right)`;
  }
  const plainBase = isAtomic(base) && !(base.kind === "call" && base.fn.name === "exp")
    ? toLatex(base)
    : `\\left(${toLatex(base)}\\right)`;
  return `${plainBase}^{${exponent}}`;
}
