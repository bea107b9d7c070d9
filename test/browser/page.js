// Runs in the browser: imports nabla's compiled ES modules from /dist/ and records one result per
// check in window.__results ({ ok, value } or { ok: false, error }), then sets window.__done.
// Values are plain JSON so that the Node side can assert on them one by one.

const results = {};

function describeError(e) {
  return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e);
}

async function check(name, body) {
  try {
    results[name] = { ok: true, value: await body() };
  } catch (e) {
    results[name] = { ok: false, error: describeError(e) };
  }
}

async function run() {
  let nb;
  let symbolic = null;
  try {
    nb = await import("/dist/src/index.js");
  } catch (e) {
    results["import nabla"] = { ok: false, error: describeError(e) };
    return;
  }
  results["import nabla"] = { ok: true, value: Object.keys(nb).length };
  try {
    symbolic = await import("/dist/src/symbolic/index.js");
    results["import nabla/symbolic"] = { ok: true, value: Object.keys(symbolic).length };
  } catch (e) {
    results["import nabla/symbolic"] = { ok: false, error: describeError(e) };
  }

  const f64 = { dtype: "float64" };
  const scalar = (v) => nb.tensor(v, f64);

  await check("environment", () => ({
    userAgent: navigator.userAgent,
    hasProcess: typeof globalThis.process !== "undefined",
  }));

  await check("tensor creation and printing", () => {
    const t = nb.tensor([[1, 2], [3, 4]]);
    const z = nb.zeros([2, 3], f64);
    return {
      text: String(t),
      shape: t.shape,
      dtype: t.dtype,
      array: t.toArray(),
      float64Text: nb.tensor([1.5, -2], f64).toString(),
      zerosShape: z.shape,
      zerosDtype: z.dtype,
      sum: t.sum().item(),
    };
  });

  // f(x, y, z) = x²y + z, whose gradient is [2xy, x², 1].
  const textbook = (x, y, z) => x.square().mul(y).add(z);
  await check("grad of x²y + z", () => {
    const point = [1.5, -2, 0.5];
    const grads = nb.grad(textbook, { argnums: [0, 1, 2] })(...point.map(scalar));
    return { point, value: textbook(...point.map(scalar)).item(), grad: grads.map((g) => g.item()) };
  });

  await check("hessian of x²y + z", () => {
    const g = (v) => textbook(nb.take(v, 0), nb.take(v, 1), nb.take(v, 2));
    return nb.hessian(g)(nb.tensor([1.5, -2, 0.5], f64)).toArray();
  });

  await check("jacfwd equals jacrev", () => {
    const h = (v) => v.sin().mul(v.square().sum()).add(v.exp().mul(nb.take(v, 0)));
    const x = nb.tensor([0.3, -1.2, 2.0], f64);
    const forward = nb.jacfwd(h)(x);
    const reverse = nb.jacrev(h)(x);
    const a = forward.toArray().flat();
    const b = reverse.toArray().flat();
    return {
      forwardShape: forward.shape,
      reverseShape: reverse.shape,
      maxDifference: Math.max(...a.map((v, i) => Math.abs(v - b[i]))),
      maxMagnitude: Math.max(...a.map(Math.abs)),
    };
  });

  await check("vmap", () => {
    const rows = nb.tensor([[1, 2], [3, 4], [5, 6]], f64);
    const squaredNorms = nb.vmap((row) => row.square().sum())(rows);
    // Per-row gradients of the same function: 2·row.
    const perRowGrads = nb.vmap(nb.grad((row) => row.square().sum()))(rows);
    return { shape: squaredNorms.shape, squaredNorms: squaredNorms.toArray(), perRowGrads: perRowGrads.toArray() };
  });

  await check("MLP training", () => {
    // A 1-16-1 tanh network fitted to sin(3x) on [-1, 1] by full-batch gradient descent.
    const [k1, k2] = nb.splitKey(nb.randomKey(7), 2);
    const xs = nb.linspace(-1, 1, 32, f64).reshape([32, 1]);
    const ys = xs.mul(3).sin();
    let params = {
      w1: nb.normal(k1, [1, 16], f64).mul(0.8),
      b1: nb.zeros([16], f64),
      w2: nb.normal(k2, [16, 1], f64).mul(0.25),
      b2: nb.zeros([1], f64),
    };
    const predict = (p, x) => nb.matmul(nb.matmul(x, p.w1).add(p.b1).tanh(), p.w2).add(p.b2);
    const loss = (p) => predict(p, xs).sub(ys).square().mean();
    const step = nb.valueAndGrad(loss);
    const losses = [];
    for (let i = 0; i < 300; i++) {
      const [value, g] = step(params);
      losses.push(value.item());
      params = nb.treeMap((p, d) => p.sub(d.mul(0.2)), params, g);
    }
    losses.push(loss(params).item());
    return { first: losses[0], last: losses[losses.length - 1], steps: losses.length - 1, finite: losses.every(Number.isFinite) };
  });

  await check("erf in float64", () => {
    const y = nb.erf(nb.tensor([0.5, -1, 2], f64));
    return { dtype: y.dtype, values: y.toArray() };
  });

  await check("ShapeError", () => {
    try {
      nb.matmul(nb.zeros([2, 3]), nb.zeros([4, 5]));
    } catch (e) {
      return {
        thrown: true,
        name: e.name,
        op: e.op,
        message: e.message,
        isShapeError: e instanceof nb.ShapeError,
        isNablaError: e instanceof nb.NablaError,
        isError: e instanceof Error,
      };
    }
    return { thrown: false };
  });

  await check("customJvp", () => {
    // A rule that differs from the true derivative (3x instead of 2x) shows that every mode uses it.
    const marked = nb.customJvp((x) => x.square(), ([x], [dx]) => [x.square(), dx.mul(x).mul(3)]);
    const x = nb.tensor([1, 2], f64);
    const [, tangent] = nb.jvp(marked, [x], [nb.ones([2], f64)]);
    const softplus = nb.customJvp((x) => x.exp().log1p(), ([x], [dx]) => [x.exp().log1p(), dx.mul(x.sigmoid())]);
    return {
      value: marked(x).toArray(),
      jvp: tangent.toArray(),
      grad: nb.grad((v) => marked(v).sum())(x).toArray(),
      vmapGrad: nb.vmap(nb.grad((v) => marked(v).sum()))(nb.tensor([[1], [2]], f64)).toArray(),
      softplusGradAtZero: nb.grad((v) => softplus(v).sum())(nb.tensor([0], f64)).toArray(),
    };
  });

  await check("checkGrads", () => {
    const report = nb.checkGrads((x) => x.sin().mul(x).sum(), [nb.tensor([0.5, 1.5], f64)], { order: 2 });
    // A wrong custom rule must be caught.
    const wrong = nb.customJvp((x) => x.square(), ([x], [dx]) => [x.square(), dx.mul(x).mul(3)]);
    let wrongRule = null;
    try {
      nb.checkGrads((x) => wrong(x).sum(), [nb.tensor([0.5, 1.5], f64)]);
    } catch (e) {
      wrongRule = { name: e.name, isGradCheckError: e instanceof nb.GradCheckError, message: e.message };
    }
    return {
      checks: report.checks.length,
      worstError: report.worst.error,
      worstTolerance: report.worst.tolerance,
      wrongRule,
    };
  });

  await check("readCsv and loadCsv", () => {
    const table = nb.readCsv("a,b\n1,2\n3,4\n");
    let loadError = null;
    try {
      nb.loadCsv("data.csv");
    } catch (e) {
      loadError = { name: e.name, message: e.message };
    }
    return { rows: table.rowCount, b: Array.from(table.column("b")), loadError };
  });

  if (symbolic !== null) {
    const sym = symbolic;
    await check("symbolic", () => ({
      dx: sym.toText(sym.derivative("x^2*y + z", "x")),
      dy: sym.toText(sym.derivative("x^2*y + z", "y")),
      compiledValue: sym.compile("x^2*y + z")(1, 2, 3),
      compiledGradient: Array.from(sym.compileGradient("x^2*y + z")(1, 2, 3)),
    }));
  }
}

run()
  .catch((e) => {
    results["page"] = { ok: false, error: describeError(e) };
  })
  .finally(() => {
    window.__results = results;
    window.__done = true;
    document.getElementById("status").textContent = "done";
  });
