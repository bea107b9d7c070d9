/**
 * Chapter 5: gradient descent's learning rate against the curvature of an ill-conditioned
 * quadratic (too small, the best fixed step, too large), then Newton's method with `minimize`.
 */
import { convergenceRate, curvature, minimize, tensor, type IterationRecord, type MinimizeResult, type Tensor } from "../../src/index.js";
import { fixed, heading, paragraph, sci, table, type Log } from "./format.js";
import { rosenbrock } from "./newton.js";

/** f(x, y) = ½(x² + 50 y²): Hessian diag(1, 50), condition number 50, minimum 0 at the origin. */
export const valley = (p: Tensor): Tensor => p.square().mul(tensor([0.5, 25], { dtype: "float64" })).sum();

const START = [1, 1];

export interface LearningRateRun {
  readonly label: string;
  readonly learningRate: number;
  /** max |1 − α·λ| over the Hessian's eigenvalues: the exact error factor per step on a quadratic. */
  readonly predictedRate: number;
  /** The median ratio of successive gradient norms of the run (above 1: it diverged). */
  readonly observedRate: number;
  readonly result: MinimizeResult<Tensor>;
}

export interface OptimResult {
  readonly lambdaMin: number;
  readonly lambdaMax: number;
  readonly conditionNumber: number;
  /** (κ − 1)/(κ + 1), curvature's prediction for the best fixed step. */
  readonly predictedRate: number;
  readonly runs: readonly LearningRateRun[];
  /** Newton on the quadratic: one step lands on the minimum. */
  readonly newtonQuadratic: MinimizeResult<Tensor>;
  /** Newton on Rosenbrock's function from (−1.2, 1). */
  readonly newtonRosenbrock: MinimizeResult<Tensor>;
  /** The order of convergence observed over Newton's steps near Rosenbrock's minimum (2: quadratic), and its kind. */
  readonly newtonOrder: number;
  readonly newtonKind: string;
}

/**
 * The median ratio of successive gradient norms over the run's last 50 finite records: how much
 * each step shrinks the gradient (and the error) once the slowest direction dominates.
 */
function observedRate(history: readonly IterationRecord[]): number {
  const norms = history.map((record) => record.gradNorm).filter(Number.isFinite);
  return convergenceRate(norms.slice(-50), { fStar: 0 }).rate;
}

export function optim(log: Log = console.log): OptimResult {
  heading(log, "5. Learning rates, curvature, and Newton's method, with minimize");
  const x0 = tensor(START, { dtype: "float64" });
  const report = curvature(valley, x0);
  const { lambdaMin, lambdaMax, conditionNumber } = report;
  const predictedRate = report.predictedRate!;
  log("  f(x, y) = ½(x² + 50y²), from (1, 1): a long, narrow valley with its minimum f = 0 at the origin.");
  log(`  curvature(f, x0): λmin = ${fixed(lambdaMin, 3)}, λmax = ${fixed(lambdaMax, 3)}, condition number κ = λmax/λmin = ${fixed(conditionNumber, 2)}`);
  log(`  largest stable step 2/λmax = ${fixed(report.maxStableStep, 5)}, best fixed step 2/(λmax + λmin) = ${fixed(report.bestFixedStep!, 5)}, ` +
    `predicted rate (κ − 1)/(κ + 1) = ${fixed(predictedRate, 4)}`);
  log("");

  const steps: [string, number][] = [
    ["too small: 0.1·(2/λmax)", 0.1 * report.maxStableStep],
    ["best: 2/(λmax + λmin)", report.bestFixedStep!],
    ["too large: 1.25·(2/λmax)", 1.25 * report.maxStableStep],
  ];
  const runs = steps.map(([label, learningRate]): LearningRateRun => {
    const result = minimize(valley, x0, { method: "gd", lineSearch: "none", learningRate });
    const factor = Math.max(Math.abs(1 - learningRate * lambdaMin), Math.abs(1 - learningRate * lambdaMax));
    return { label, learningRate, predictedRate: factor, observedRate: observedRate(result.history), result };
  });
  table(
    log,
    ["gradient descent, step α", "α", "iterations", "rate: predicted", "observed", "stopped because"],
    runs.map((run) => [
      run.label, fixed(run.learningRate, 5), String(run.result.iterations), fixed(run.predictedRate, 4), fixed(run.observedRate, 4), run.result.reason,
    ]),
  );
  const [small, best, large] = runs as [LearningRateRun, LearningRateRun, LearningRateRun];
  log("");
  log(`  The large step: ${large.result.message}`);
  log("");
  paragraph(
    log,
    `On a quadratic a fixed step α multiplies the error along each eigenvector of the Hessian by 1−αλ, so the worst ` +
      `direction sets the rate max|1−αλ|. The best step balances the two ends, giving (κ − 1)/(κ + 1) = ${fixed(predictedRate, 4)}: ` +
      `${best.result.iterations} iterations, against ${small.result.iterations} for the step ten times too cautious, which crawls along ` +
      `the flat direction (rate 1−αλmin = ${fixed(small.predictedRate, 4)}). Beyond 2/λmax the stiff direction overshoots more ` +
      `every step (|1−αλmax| = ${fixed(large.predictedRate, 2)}) until f overflows, and minimize stops with reason "${large.result.reason}". ` +
      `The larger κ, the closer the best rate is to 1: gradient descent alone cannot fix a badly conditioned problem.`,
  );

  const newtonQuadratic = minimize(valley, x0, { method: "newton" });
  const newtonRosenbrock = minimize(rosenbrock, tensor([-1.2, 1], { dtype: "float64" }), { method: "newton", tol: 1e-10 });
  log("");
  log(`  Newton's method on the same quadratic: ${newtonQuadratic.iterations} iteration, f = ${sci(newtonQuadratic.fun, 1)} ` +
    `(the quadratic model is f itself, so its minimum is the minimum).`);
  log("");
  log("  Newton's method on Rosenbrock's function from (−1.2, 1), f = (1 − x)² + 100(y − x²)²:");
  const history = newtonRosenbrock.history;
  table(
    log,
    ["iteration", "f", "−log10 f", "‖∇f‖∞", "step length", "line-search step"],
    history.slice(-7).map((r) => [
      String(r.iteration), sci(r.fun, 2), fixed(-Math.log10(r.fun), 1), sci(r.gradNorm, 2), sci(r.stepLength, 2), fixed(r.detail?.alpha ?? NaN, 3),
    ]),
  );
  // Quadratic convergence is a local property: measure it where f < 1e-3, near the minimum, where
  // the full Newton step is taken and the quadratic model holds.
  const local = convergenceRate(history.filter((r) => r.fun < 1e-3), { fStar: 0 });
  log("");
  paragraph(
    log,
    `${newtonRosenbrock.iterations} iterations in all, with ${newtonRosenbrock.evaluations.hessian} Hessians by automatic differentiation. ` +
      `Far from the minimum the line search shortens some steps along the curved valley; near it every step is the full Newton ` +
      `step, and the correct digits of f double each time (the −log10 f column): convergenceRate observes order ` +
      `${fixed(local.order, 1)}, "${local.kind}", against order 1 and rate ${fixed(best.observedRate, 4)} for gradient descent's best fixed step ` +
      `on the quadratic.`,
  );
  return { lambdaMin, lambdaMax, conditionNumber, predictedRate, runs, newtonQuadratic, newtonRosenbrock, newtonOrder: local.order, newtonKind: local.kind };
}
