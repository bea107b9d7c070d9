#!/usr/bin/env python3
"""Dev-only comparison with SciPy's optimizers. Never a runtime or test dependency.

Reads the standard problems exported by `node dist/bench/optim/compare-scipy.js export PROBLEMS`
(start points and data, defined once in bench/optim/problems.ts), mirrors their formulas below in
NumPy with exact gradients and Hessians, runs SciPy's counterpart of each nabla method with the
same tolerances (SciPy's defaults, which nabla's method defaults follow), and writes
{problem: {nabla method: {nit, nfev, njev, nhev, fun, success, message}}} to OUT.

    python3 scripts/compare-scipy.py PROBLEMS OUT      # needs python3-scipy

Counterparts:
  bfgs -> BFGS; lbfgs -> L-BFGS-B (memory 10); cg -> CG;
  newton -> Newton-CG given the exact Hessian (a line-search Newton method, as nabla's newton is;
            trust-exact is a trust-region method and compares with nothing of nabla's);
  newton-cg -> Newton-CG given Hessian-vector products; trust-region -> trust-ncg (Steihaug-CG,
            initial radius 1, largest 1000);
  gauss-newton -> least_squares(method="trf") (SciPy has no plain Gauss-Newton; trf is its default
            unconstrained least-squares solver); levenberg-marquardt -> least_squares(method="lm").
"""
import json
import sys

import numpy as np
from scipy.optimize import least_squares, minimize, rosen, rosen_der, rosen_hess

SQRT2 = np.sqrt(2.0)


class SumOfSquares:
    """f = 1/2 |r|^2 from residuals r, their Jacobian J and the residuals' Hessians (for the exact H)."""

    def __init__(self, residuals, jacobian, residual_hessians):
        self.residuals, self.jacobian, self.residual_hessians = residuals, jacobian, residual_hessians

    def f(self, x):
        r = self.residuals(x)
        return 0.5 * r @ r

    def grad(self, x):
        return self.jacobian(x).T @ self.residuals(x)

    def hess(self, x):
        j, r = self.jacobian(x), self.residuals(x)
        return j.T @ j + sum(ri * hi for ri, hi in zip(r, self.residual_hessians(x)))


def beale():
    # r_k = sqrt2 (c_k - x + x y^k), k = 1, 2, 3
    c = np.array([1.5, 2.25, 2.625])
    k = np.array([1.0, 2.0, 3.0])
    r = lambda p: SQRT2 * (c - p[0] + p[0] * p[1] ** k)
    j = lambda p: SQRT2 * np.column_stack([-1 + p[1] ** k, k * p[0] * p[1] ** (k - 1)])
    h = lambda p: [SQRT2 * np.array([[0, ki * p[1] ** (ki - 1)], [ki * p[1] ** (ki - 1), ki * (ki - 1) * p[0] * p[1] ** (ki - 2)]]) for ki in k]
    return SumOfSquares(r, j, h)


def himmelblau():
    # r = sqrt2 (x^2 + y - 11, x + y^2 - 7)
    r = lambda p: SQRT2 * np.array([p[0] ** 2 + p[1] - 11, p[0] + p[1] ** 2 - 7])
    j = lambda p: SQRT2 * np.array([[2 * p[0], 1], [1, 2 * p[1]]])
    h = lambda p: [SQRT2 * np.array([[2.0, 0], [0, 0]]), SQRT2 * np.array([[0, 0], [0, 2.0]])]
    return SumOfSquares(r, j, h)


def booth():
    # r = sqrt2 (x + 2y - 7, 2x + y - 5)
    a = SQRT2 * np.array([[1.0, 2], [2, 1]])
    return SumOfSquares(lambda p: a @ p - SQRT2 * np.array([7.0, 5]), lambda p: a, lambda p: [np.zeros((2, 2))] * 2)


def powell_singular():
    # r = (sqrt2 (a + 10b), sqrt10 (c - d), sqrt2 (b - 2c)^2, sqrt20 (a - d)^2)
    u = np.array([0.0, 1, -2, 0])
    v = np.array([1.0, 0, 0, -1])
    r = lambda p: np.array([SQRT2 * (p[0] + 10 * p[1]), np.sqrt(10) * (p[2] - p[3]), SQRT2 * (u @ p) ** 2, np.sqrt(20) * (v @ p) ** 2])
    j = lambda p: np.array([SQRT2 * np.array([1.0, 10, 0, 0]), np.sqrt(10) * np.array([0, 0, 1.0, -1]), SQRT2 * 2 * (u @ p) * u, np.sqrt(20) * 2 * (v @ p) * v])
    h = lambda p: [np.zeros((4, 4)), np.zeros((4, 4)), SQRT2 * 2 * np.outer(u, u), np.sqrt(20) * 2 * np.outer(v, v)]
    return SumOfSquares(r, j, h)


def exp_decay(data):
    # r_i = a exp(-b t_i) + c - y_i
    t, y = np.array(data["t"]), np.array(data["y"])
    r = lambda p: p[0] * np.exp(-p[1] * t) + p[2] - y
    j = lambda p: np.column_stack([np.exp(-p[1] * t), -p[0] * t * np.exp(-p[1] * t), np.ones_like(t)])

    def h(p):
        e = np.exp(-p[1] * t)
        return [np.array([[0, -ti * ei, 0], [-ti * ei, p[0] * ti * ti * ei, 0], [0, 0, 0]]) for ti, ei in zip(t, e)]

    return SumOfSquares(r, j, h)


class Logistic:
    # f = mean(log(1 + exp(z)) - y z) + l2/2 |w|^2, z = A w
    def __init__(self, data):
        self.y = np.array(data["labels"])
        self.a = np.array(data["design"]).reshape(len(self.y), -1)
        self.l2 = data["l2"][0]

    def f(self, w):
        z = self.a @ w
        return np.mean(np.logaddexp(0, z) - self.y * z) + 0.5 * self.l2 * w @ w

    def grad(self, w):
        s = 1 / (1 + np.exp(-(self.a @ w)))
        return self.a.T @ (s - self.y) / len(self.y) + self.l2 * w

    def hess(self, w):
        s = 1 / (1 + np.exp(-(self.a @ w)))
        return (self.a.T * (s * (1 - s))) @ self.a / len(self.y) + self.l2 * np.eye(len(w))


def rosenbrock(n):
    # r = (sqrt2 10 (x_{i+1} - x_i^2), sqrt2 (1 - x_i)), i < n - 1, so 1/2 |r|^2 is SciPy's rosen.
    def r(x):
        return SQRT2 * np.concatenate([10 * (x[1:] - x[:-1] ** 2), 1 - x[:-1]])

    def j(x):
        m = np.zeros((2 * (n - 1), n))
        for i in range(n - 1):
            m[i, i], m[i, i + 1] = -20 * x[i], 10
            m[n - 1 + i, i] = -1
        return SQRT2 * m

    def h(x):
        out = []
        for i in range(n - 1):
            hi = np.zeros((n, n))
            hi[i, i] = -20 * SQRT2
            out.append(hi)
        return out + [np.zeros((n, n))] * (n - 1)

    problem = SumOfSquares(r, j, h)
    # f, its gradient and Hessian as SciPy's own rosen, rosen_der, rosen_hess (the same numbers).
    problem.f, problem.grad, problem.hess = rosen, rosen_der, rosen_hess
    return problem


def build(problem):
    name = problem["name"]
    if name.startswith("rosenbrock"):
        return rosenbrock(problem["n"])
    return {
        "beale": beale,
        "himmelblau": himmelblau,
        "booth": booth,
        "powell-singular": powell_singular,
        "logistic-regression": lambda: Logistic(problem["data"]),
        "exp-decay-fit": lambda: exp_decay(problem["data"]),
    }[name]()


def record(result, nit=True):
    get = lambda key: int(result[key]) if key in result and result[key] is not None else None
    return {
        "nit": get("nit") if nit else None,
        "nfev": int(result.nfev),
        "njev": get("njev"),
        "nhev": get("nhev"),
        "fun": float(result.fun) if np.ndim(result.fun) == 0 else float(result.cost),
        "success": bool(result.success),
        "message": str(result.message),
    }


def run(problem):
    p = build(problem)
    x0 = np.array(problem["x0"], dtype=float)
    # The mirror must agree with nabla's definition at the start point.
    assert np.isclose(p.f(x0), problem["f0"], rtol=1e-12), (problem["name"], p.f(x0), problem["f0"])
    assert np.allclose(p.grad(x0), problem["g0"], rtol=1e-12, atol=1e-12), (problem["name"], p.grad(x0), problem["g0"])
    hessp = lambda x, v: p.hess(x) @ v
    out = {
        "bfgs": record(minimize(p.f, x0, jac=p.grad, method="BFGS", options={"gtol": 1e-5})),
        "lbfgs": record(minimize(p.f, x0, jac=p.grad, method="L-BFGS-B", options={"maxcor": 10, "gtol": 1e-5, "ftol": 1e7 * np.finfo(float).eps})),
        "cg": record(minimize(p.f, x0, jac=p.grad, method="CG", options={"gtol": 1e-5})),
        "newton": record(minimize(p.f, x0, jac=p.grad, hess=p.hess, method="Newton-CG", options={"xtol": 1e-5})),
        "newton-cg": record(minimize(p.f, x0, jac=p.grad, hessp=hessp, method="Newton-CG", options={"xtol": 1e-5})),
        "trust-region": record(minimize(p.f, x0, jac=p.grad, hessp=hessp, method="trust-ncg", options={"gtol": 1e-5, "initial_trust_radius": 1.0, "max_trust_radius": 1000.0})),
    }
    if isinstance(p, SumOfSquares):
        for method, scipy_method in (("gauss-newton", "trf"), ("levenberg-marquardt", "lm")):
            result = least_squares(p.residuals, x0, jac=p.jacobian, method=scipy_method, ftol=1e-8, xtol=1e-8, gtol=1e-8)
            out[method] = record(result, nit=False)
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: python3 scripts/compare-scipy.py PROBLEMS_JSON OUT_JSON")
    with open(sys.argv[1]) as handle:
        problems = json.load(handle)["problems"]
    results = {problem["name"]: run(problem) for problem in problems}
    with open(sys.argv[2], "w") as handle:
        json.dump(results, handle, indent=1)
        handle.write("\n")
    print(f"wrote SciPy results for {len(results)} problems to {sys.argv[2]}")


if __name__ == "__main__":
    main()
