/** Renders an explanation as plain text or as a LaTeX `align*` environment. */
import type { Expr } from "../expr/expr.js";
import { toText } from "../print/text.js";
import { latexName, toLatex } from "../print/latex.js";
import type { Explanation, ExplanationStep, Formula, NotePart } from "./explain.js";

interface Notation {
  note(parts: readonly NotePart[]): string;
  expr(e: Expr, context: "top" | "factor"): string;
  derivative(of: Expr, x: string): string;
  times: string;
  quotient(numerator: string, denominator: string): string;
  line(depth: number, left: string, right: string, note: string): string;
  conclusion(depth: number, left: string, result: string): string;
  wrap(lines: string[]): string;
}

/** Parentheses unless the text is a single name or number. */
const group = (text: string): string => (/^[\p{L}\p{N}_.]+$/u.test(text) ? text : `(${text})`);

const TEXT: Notation = {
  note: (parts) => parts.map((p) => (typeof p === "string" ? p
    : "derivativeBy" in p ? (p.partial ? `∂/∂${p.derivativeBy} ` : `d/d${p.derivativeBy} `) : toText(p))).join(""),
  expr: (e, context) => (context === "factor" && e.kind === "add" ? `(${toText(e)})` : toText(e)),
  derivative: (of, x) => `∂/∂${x}(${toText(of)})`,
  times: "*",
  quotient: (numerator, denominator) => `${group(numerator)}/${group(denominator)}`,
  line: (depth, left, right, note) => `${"  ".repeat(depth)}${left} = ${right}   [${note}]`,
  conclusion: (depth, left, result) => `${"  ".repeat(depth)}so ${left} = ${result}`,
  wrap: (lines) => lines.join("\n"),
};

const escapeText = (text: string): string => text.replace(/[\\{}&%$#_^~]/g, (c) => (c === "\\" ? "\\textbackslash{}" : c === "^" ? "\\^{}" : c === "~" ? "\\~{}" : `\\${c}`));

const LATEX: Notation = {
  note: (parts) => parts.map((p) => (typeof p === "string" ? (p.trim() ? `\\text{${escapeText(p)}}` : " ")
    : "derivativeBy" in p ? (p.partial ? `\\frac{\\partial}{\\partial ${latexName(p.derivativeBy)}}` : `\\frac{d}{d${latexName(p.derivativeBy)}}`)
    : toLatex(p))).join(" "),
  expr: (e, context) => (context === "factor" && e.kind === "add" ? `\\left(${toLatex(e)}\\right)` : toLatex(e)),
  derivative: (of, x) => `\\frac{\\partial}{\\partial ${latexName(x)}}\\left(${toLatex(of)}\\right)`,
  times: " \\cdot ",
  quotient: (numerator, denominator) => `\\frac{${numerator}}{${denominator}}`,
  line: (depth, left, right, note) => `${"\\quad ".repeat(depth)}${left} &= ${right} && ${note} \\\\`,
  conclusion: (depth, left, result) => `${"\\quad ".repeat(depth)}\\Rightarrow ${left} &= ${result} \\\\`,
  wrap: (lines) => ["\\begin{align*}", ...lines, "\\end{align*}"].join("\n"),
};

function formula(f: Formula, x: string, n: Notation, context: "top" | "factor"): string {
  switch (f.kind) {
    case "expr": return n.expr(f.expr, context);
    case "derivative": return n.derivative(f.of, x);
    case "product": return f.factors.map((g) => formula(g, x, n, "factor")).join(n.times);
    case "quotient": return n.quotient(formula(f.numerator, x, n, "top"), formula(f.denominator, x, n, "top"));
    case "sum": {
      const text = f.terms.map((t, i) => {
        const body = formula(t.formula, x, n, "top");
        return i === 0 ? (t.negative ? `-${body}` : body) : `${t.negative ? " - " : " + "}${body}`;
      }).join("");
      return context === "factor" && f.terms.length > 1 ? (n === LATEX ? `\\left(${text}\\right)` : `(${text})`) : text;
    }
  }
}

function ruleLabel(step: ExplanationStep, n: Notation): string {
  return n === LATEX ? `\\text{${step.rule} rule: } ${n.note(step.note)}` : `${step.rule} rule: ${n.note(step.note)}`;
}

/**
 * Formats an explanation, one line per step, each naming its rule; sub-derivations are
 * indented below the step that needs them, and each step ends with its result.
 *
 * @param explanation - from `explain`
 * @param format - `"text"` (default) or `"latex"` (an `align*` environment)
 * @example
 * formatExplanation(explain("sin(x^2)", "x"));
 * // ∂/∂x(sin(x^2)) = cos(x^2)*∂/∂x(x^2)   [chain rule: outer sin(u), inner u = x^2; d/du sin(u) = cos(u)]
 * //   ∂/∂x(x^2) = 2*x   [power rule: ∂/∂x x^n = n*x^(n-1)]
 * // so ∂/∂x(sin(x^2)) = 2*x*cos(x^2)
 */
export function formatExplanation(explanation: Explanation, format: "text" | "latex" = "text"): string {
  const n = format === "latex" ? LATEX : TEXT;
  const x = explanation.variable;
  const lines: string[] = [];
  const visit = (step: ExplanationStep, depth: number): void => {
    const left = n.derivative(step.expression, x);
    lines.push(n.line(depth, left, formula(step.formula, x, n, "top"), ruleLabel(step, n)));
    for (const sub of step.steps) visit(sub, depth + 1);
    if (step.steps.length > 0) lines.push(n.conclusion(depth, left, n.expr(step.result, "top")));
  };
  visit(explanation.root, 0);
  return n.wrap(lines);
}
