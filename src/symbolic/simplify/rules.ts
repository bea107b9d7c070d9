/**
 * The identities the simplifier applies, as data. Each holds wherever its left side is defined
 * (so `exp(log(a))` → `a` is right: the left side exists only for `a > 0`), and each right side
 * has fewer operations than its left, so rewriting always terminates. Variables are wildcards.
 * The test-suite checks every rule numerically at random points.
 */
export const RULES: ReadonlyArray<readonly [from: string, to: string]> = [
  // logarithms and exponentials
  ["log(exp(a))", "a"],
  ["exp(log(a))", "a"],
  ["exp(a)*exp(b)", "exp(a + b)"],
  ["log(a) + log(b)", "log(a*b)"],
  ["log(a)/log(10)", "log10(a)"],
  ["log(a)/log(2)", "log2(a)"],
  // absolute value and sign
  ["sqrt(a^2)", "abs(a)"],
  ["abs(a)^2", "a^2"],
  ["sign(a)*abs(a)", "a"],
  ["abs(a)/a", "sign(a)"],
  // quotients and reciprocals of trigonometric functions
  // (reciprocals are rewritten first, bottom-up, so quotients arrive as products with sec, csc)
  ["1/cos(a)^n", "sec(a)^n"],
  ["1/sin(a)^n", "csc(a)^n"],
  ["1/tan(a)^n", "cot(a)^n"],
  ["1/cot(a)^n", "tan(a)^n"],
  ["1/sec(a)^n", "cos(a)^n"],
  ["1/csc(a)^n", "sin(a)^n"],
  ["sinh(a)^n/cosh(a)^n", "tanh(a)^n"],
  ["sin(a)^n*sec(a)^n", "tan(a)^n"],
  ["cos(a)^n*csc(a)^n", "cot(a)^n"],
  ["tan(a)^n*cos(a)^n", "sin(a)^n"],
  ["cot(a)^n*sin(a)^n", "cos(a)^n"],
  ["sec(a)^n*cos(a)^n", "1"],
  ["csc(a)^n*sin(a)^n", "1"],
  ["tan(a)^n*cot(a)^n", "1"],
  ["2*sin(a)*cos(a)", "sin(2*a)"],
  ["cos(a)^2 - sin(a)^2", "cos(2*a)"],
  ["1 - 2*sin(a)^2", "cos(2*a)"],
  ["2*cos(a)^2 - 1", "cos(2*a)"],
  // Pythagorean identities
  ["sin(a)^2 + cos(a)^2", "1"],
  ["1 - sin(a)^2", "cos(a)^2"],
  ["1 - cos(a)^2", "sin(a)^2"],
  ["1 + tan(a)^2", "sec(a)^2"],
  ["sec(a)^2 - 1", "tan(a)^2"],
  ["1 + cot(a)^2", "csc(a)^2"],
  ["csc(a)^2 - 1", "cot(a)^2"],
  ["sec(a)^2 - tan(a)^2", "1"],
  ["cosh(a)^2 - sinh(a)^2", "1"],
  ["1 + sinh(a)^2", "cosh(a)^2"],
  ["cosh(a)^2 - 1", "sinh(a)^2"],
];
