/**
 * Chapter 2: the cost J(θ) of a linear house-price model on real data (California, 1990 census),
 * minimized by gradient descent with gradients from `valueAndGrad`.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { concatenate, grad, hessian, matmul, ones, solve, stack, tensor, valueAndGrad, zeros, type Tensor } from "../../src/index.js";
import { loadCsv } from "../../src/index.js";
import { dollars, fixed, heading, paragraph, table, type Log } from "./format.js";

/**
 * The data file, found by walking up from this module to the package root, so the same code works
 * from examples/tour/ (tests) and from dist/examples/tour/ (`npm start`).
 */
export function housingDataPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "data", "california-housing.csv");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("housing: data/california-housing.csv not found above the tour's folder. Run the tour from a checkout of nabla.");
    dir = parent;
  }
}

/** The model's inputs: how each is computed from the file's columns, and how to describe one unit. */
const FEATURES = [
  { name: "median_income", what: "income", unit: (d: number) => `$${(Math.round(d * 100) * 100).toLocaleString("en-US")}`, of: (c: Columns) => c("median_income") },
  { name: "rooms_per_household", what: "size", unit: (d: number) => `${fixed(d, 1)} rooms`, of: (c: Columns) => c("total_rooms").div(c("households")) },
  { name: "latitude", what: "location", unit: (d: number) => `${fixed(d, 1)}° north`, of: (c: Columns) => c("latitude") },
  { name: "longitude", what: "location", unit: (d: number) => `${fixed(d, 1)}° east`, of: (c: Columns) => c("longitude") },
  { name: "housing_median_age", what: "age", unit: (d: number) => `${fixed(d, 1)} years older`, of: (c: Columns) => c("housing_median_age") },
] as const;

type Columns = (name: string) => Tensor;

export interface HousingOptions {
  readonly steps?: number;
  readonly learningRate?: number;
  readonly printEvery?: number;
  readonly path?: string;
}

export interface HousingResult {
  readonly rows: number;
  /** J(θ) before each step and after the last one (length steps + 1). */
  readonly costs: readonly number[];
  /** Final θ: intercept first, then one weight per standardized feature, in units of $100,000. */
  readonly theta: readonly number[];
  readonly featureNames: readonly string[];
  /** The exact minimizer θ* of J, from one Newton step, and J(θ*). */
  readonly best: readonly number[];
  readonly bestCost: number;
  /** The share of the price variance the fitted model explains, 1 - SSE/SST. */
  readonly rSquared: number;
}

export function housing(log: Log = console.log, options: HousingOptions = {}): HousingResult {
  const steps = options.steps ?? 400;
  const learningRate = options.learningRate ?? 0.1;
  const printEvery = options.printEvery ?? 50;
  heading(log, "2. Gradient descent on a linear house-price model (California housing, 1990)");

  const data = loadCsv(options.path ?? housingDataPath());
  const column: Columns = (name) => tensor(data.column(name));
  const m = data.rowCount;

  // Features side by side, [m, 5], float64; each standardized to mean 0 and standard deviation 1
  // so that one learning rate suits every weight.
  const raw = stack(FEATURES.map((feature) => feature.of(column)), 1);
  const mean = raw.mean(0);
  const std = raw.sub(mean).square().mean(0).sqrt();
  const X = concatenate([ones([m, 1], { dtype: "float64" }), raw.sub(mean).div(std)], 1);
  const y = column("median_house_value").div(100_000);

  // J(θ) = 1/(2m) Σᵢ (xᵢ·θ - yᵢ)², the mean squared error of the prediction Xθ, halved.
  const cost = (theta: Tensor): Tensor => matmul(X, theta).sub(y).square().mean().div(2);
  const costAndGradient = valueAndGrad(cost);

  paragraph(
    log,
    `${m.toLocaleString("en-US")} block groups. Price: median_house_value in $100,000. Features, each standardized: ` +
      `${FEATURES.map((feature) => `${feature.name} (${feature.what})`).join(", ")}.`,
  );
  log(`  Model: price ≈ θ₀ + θ₁·income + θ₂·rooms + θ₃·latitude + θ₄·longitude + θ₅·age.`);
  log(`  Cost: J(θ) = 1/(2m) Σ (prediction - price)²; ${steps} steps of θ ← θ - ${learningRate}·∇J(θ) from θ = 0.`);
  log("");

  let theta = zeros([FEATURES.length + 1], { dtype: "float64" });
  const costs: number[] = [];
  const printed: string[][] = [];
  for (let step = 0; step <= steps; step++) {
    const [value, gradient] = costAndGradient(theta) as [Tensor, Tensor];
    costs.push(value.item());
    if (step % printEvery === 0 || step === steps) {
      const rms = Math.sqrt(2 * value.item()) * 100_000;
      printed.push([String(step), fixed(value.item(), 6), `$${Math.round(rms).toLocaleString("en-US")}`]);
    }
    if (step < steps) theta = theta.sub(gradient.mul(learningRate));
  }
  table(log, ["step", "J(θ)", "RMS error √(2J)"], printed);

  const weights = theta.toArray() as number[];
  const stds = std.toArray() as number[];

  // J is quadratic in θ, so one Newton step from anywhere lands on its exact minimum θ*: the
  // Hessian XᵀX/m is a 6 × 6 matrix, cheap to form with hessian (jacfwd of jacrev) and to solve.
  const zero = zeros([FEATURES.length + 1], { dtype: "float64" });
  const minimizer = solve(hessian(cost)(zero), grad(cost)(zero).neg());
  const bestCost = cost(minimizer).item();
  const best = minimizer.toArray() as number[];
  const finalCost = costs[costs.length - 1]!;
  const variance = y.sub(y.mean()).square().mean().item();
  const rSquared = 1 - (2 * finalCost) / variance;
  log("");
  paragraph(
    log,
    `Exact minimum: J(θ*) = ${fixed(bestCost, 6)}, from one Newton step with hessian(J); after ${steps} steps, ` +
      `gradient descent is ${fixed((100 * (finalCost - bestCost)) / bestCost, 2)}% above it.`,
  );
  log("");
  table(
    log,
    ["θ", "feature", `θ after ${steps} steps`, "θ*", "one std is", "effect of one std"],
    weights.map((w, i) =>
      i === 0
        ? ["θ₀", "(intercept)", fixed(w, 4), fixed(best[i]!, 4), "", `${dollars(w * 100_000).slice(1)} average`]
        : [`θ${"₀₁₂₃₄₅"[i]}`, FEATURES[i - 1]!.name, fixed(w, 4), fixed(best[i]!, 4), FEATURES[i - 1]!.unit(stds[i - 1]!), dollars(w * 100_000)],
    ),
  );
  log("");
  const [, income, rooms, latitude, longitude, age] = weights as [number, number, number, number, number, number];
  const location =
    latitude < 0 && longitude < 0
      ? `Both are negative, and since the coast runs from north-west to south-east, a move along it changes them in ` +
        `opposite directions and the two effects largely cancel, while a move inland (north-east) adds them: prices fall away from the coast.`
      : "";
  paragraph(
    log,
    `What θ means: with standardized features, θ₀ is the average price and each other weight is the change in predicted ` +
      `price for one standard deviation more of its feature, the others held fixed. ` +
      `Income: ${dollars(income * 100_000)} per ${FEATURES[0].unit(stds[0]!)} more median household income. ` +
      `Location: ${dollars(latitude * 100_000)} per ${fixed(stds[2]!, 1)}° north and ${dollars(longitude * 100_000)} per ${fixed(stds[3]!, 1)}° east. ${location} ` +
      `Age: ${dollars(age * 100_000)} per ${fixed(stds[4]!, 1)} years; size: ${dollars(rooms * 100_000)} per ${fixed(stds[1]!, 1)} rooms per household, once income and location are accounted for. ` +
      `The fit explains ${Math.round(rSquared * 100)}% of the variance in price: a plane in five numbers is a rough model, and prices are capped at $500,001 in this data.`,
  );
  return { rows: m, costs, theta: weights, featureNames: FEATURES.map((feature) => feature.name), best, bestCost, rSquared };
}
