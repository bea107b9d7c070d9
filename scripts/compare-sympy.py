#!/usr/bin/env python3
"""Dev-only comparison with SymPy. Never a runtime or test dependency.

For each expression below, writes SymPy's simplified partial derivative, printed in nabla's
syntax, to test/symbolic/fixtures/sympy-derivatives.json. The test suite reads that file and
checks that nabla's derivative has the same value and no more operations as printed.

    python3 scripts/compare-sympy.py          # needs python3-sympy (apt-get install python3-sympy)
"""
import json
import pathlib
import re

import sympy as sp
from sympy.printing.str import StrPrinter

# (expression in nabla's syntax, variable)
EXPRESSIONS = [
    ("x^2*y + z", "x"), ("x^2*y + z", "y"), ("x^2*y + z", "z"),
    ("x^5", "x"), ("1/x", "x"), ("sqrt(x)", "x"), ("x^(2/3)", "x"), ("3*x^2 - 2*x + 7", "x"),
    ("exp(2*x)", "x"), ("2^x", "x"), ("x^x", "x"), ("log(x)", "x"), ("log(3*x + 1)", "x"),
    ("sin(x)", "x"), ("cos(x)", "x"), ("tan(x)", "x"), ("sec(x)", "x"), ("csc(x)", "x"), ("cot(x)", "x"),
    ("asin(x)", "x"), ("acos(x)", "x"), ("atan(x)", "x"), ("sinh(x)", "x"), ("cosh(x)", "x"),
    ("tanh(x)", "x"), ("asinh(x)", "x"), ("acosh(x)", "x"), ("atanh(x)", "x"), ("abs(x)", "x"),
    ("erf(x)", "x"), ("atan2(y, x)", "x"), ("atan2(y, x)", "y"), ("x*sin(x)", "x"),
    ("sin(x)*cos(x)", "x"), ("x^2*exp(-x)", "x"), ("exp(x)/x", "x"), ("x/(x^2 + 1)", "x"),
    ("(x + 1)/(x - 1)", "x"), ("sin(x^2)", "x"), ("sin(x)^2", "x"), ("exp(sin(x))", "x"),
    ("log(cos(x))", "x"), ("sqrt(1 - x^2)", "x"), ("1/sqrt(x^2 + 1)", "x"), ("atan(1/x)", "x"),
    ("x*log(x) - x", "x"), ("exp(-x^2/2)/sqrt(2*pi)", "x"), ("log(x + sqrt(x^2 + 1))", "x"),
    ("tan(x) - x", "x"), ("(x^2 - 1)^3", "x"), ("x^3*y^2 + sin(x*y)", "x"), ("x^3*y^2 + sin(x*y)", "y"),
    ("x/(x + 1)", "x"), ("x^2/(x + 1)", "x"), ("x^2*sin(x)", "x"), ("x*exp(x)", "x"),
    ("sin(x)/cos(x)", "x"), ("(x^2 + 1)/(x^2 - 1)", "x"), ("sigmoid(x)", "x"), ("softplus(x)", "x"),
    ("log(sin(x))", "x"), ("exp(x)*sin(x)", "x"), ("x^2*log(x)", "x"), ("sqrt(x)*log(x)", "x"),
    ("1/(1 + x^2)^2", "x"), ("(2*x + 1)^5", "x"), ("x*sqrt(x^2 + 1)", "x"), ("sin(2*x)*cos(3*x)", "x"),
    ("exp(-x)*cos(x)", "x"), ("tanh(x^2)", "x"), ("log(x^2 + 1)", "x"), ("atan(x^2)", "x"),
    ("x^3/(1 - x)^2", "x"), ("cos(x)^3", "x"), ("1/(x*log(x))", "x"), ("x^(1/3)*(1 - x)^2", "x"),
    ("exp(x*y)*sin(y)", "y"), ("log(x*y + 1)", "y"), ("sqrt(x^2 + y^2)", "x"), ("x*y/(x + y)", "x"),
]

FUNCTIONS = {
    "sigmoid": lambda u: 1 / (1 + sp.exp(-u)),
    "softplus": lambda u: sp.log(1 + sp.exp(u)),
    "abs": sp.Abs, "atan2": sp.atan2, "erf": sp.erf, "sec": sp.sec, "csc": sp.csc, "cot": sp.cot,
}


class NablaPrinter(StrPrinter):
    """SymPy's str printer, spelled the way nabla's parser reads."""

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Exp1(self, expr):
        return "e"

    def _print_Heaviside(self, expr):
        return f"heaviside({self._print(expr.args[0])})"


def to_sympy(text):
    names = {name: sp.Symbol(name, real=True) for name in set(re.findall(r"\b[a-z]\b", text)) if name != "e"}
    return sp.sympify(text.replace("^", "**"), locals={**names, **FUNCTIONS, "e": sp.E, "pi": sp.pi})


def main():
    rows = []
    for text, variable in EXPRESSIONS:
        f = to_sympy(text)
        derivative = sp.simplify(sp.diff(f, sp.Symbol(variable, real=True)))
        printed = NablaPrinter().doprint(derivative).replace("**", "^")
        rows.append({"expression": text, "variable": variable, "sympy": printed})
        print(f"d/d{variable} {text} = {printed}")
    out = pathlib.Path(__file__).resolve().parent.parent / "test" / "symbolic" / "fixtures" / "sympy-derivatives.json"
    out.write_text(json.dumps({"sympy": sp.__version__, "derivatives": rows}, indent=2) + "\n")
    print(f"wrote {len(rows)} derivatives to {out.relative_to(out.parents[3])}")


if __name__ == "__main__":
    main()
