/**
 * The log-gamma function and its derivatives (digamma, polygamma) to float64 accuracy, from
 * classical expansions (formulas from Abramowitz & Stegun, chapter 6, and DLMF chapters 5 and 25):
 * - large arguments: Stirling's series (A&S 6.1.40) and the asymptotic series of ψ (A&S 6.3.18);
 * - smaller arguments: the recurrences Γ(x + 1) = xΓ(x) and ψ(x + 1) = ψ(x) + 1/x move them there;
 * - near the zeros of log Γ at 1 and 2: the Taylor series of log Γ(2 + z), whose coefficients are
 *   ζ(k) − 1 (A&S 6.1.33 with ζ(k) replaced by ζ(k) − 1 and the log(1 + z) it then adds cancelled),
 *   so lgamma(1) and lgamma(2) are exactly 0 and nearby values keep their relative accuracy;
 * - polygamma: ψ⁽ⁿ⁾(x) = (−1)ⁿ⁺¹ n! ζ(n + 1, x) (DLMF 25.11.12), with the Hurwitz zeta function by
 *   Euler–Maclaurin summation (DLMF 25.11.5-style remainder with Bernoulli numbers);
 * - negative arguments: the reflection formulas Γ(x)Γ(1 − x) = π / sin(πx) and
 *   ψ(1 − x) − ψ(x) = π cot(πx), differentiated n times for ψ⁽ⁿ⁾.
 */

/** Bernoulli numbers B₂, B₄, …, B₂₄ (A&S table 23.2). */
const BERNOULLI = [
  1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798, -174611 / 330, 854513 / 138,
  -236364091 / 2730,
];

const LOG_SQRT_2PI = 0.9189385332046728;
const EULER_GAMMA = 0.5772156649015329;

/** sin(πx), exact at integers and accurate for large |x| (the argument is reduced before π multiplies it). */
function sinPi(x: number): number {
  let r = x % 2; // exact in floating point
  if (r < -1) r += 2;
  else if (r > 1) r -= 2;
  // r ∈ [−1, 1]; sin(πr) = sin(π(1 − r)) keeps the argument of Math.sin within [−π/2, π/2].
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return Math.sin(Math.PI * r);
}

/** cot(πx) with the same argument reduction (period 1). */
function cotPi(x: number): number {
  let r = x % 1;
  if (r > 0.5) r -= 1;
  else if (r < -0.5) r += 1;
  return Math.cos(Math.PI * r) / Math.sin(Math.PI * r);
}

/**
 * The Hurwitz zeta function ζ(s, a) = Σₖ (a + k)^(−s) for s > 1 and a > 0 (or, for integer s, any
 * a that is not 0, −1, −2, …): the first terms summed
 * directly until a + N is large enough for the Euler–Maclaurin tail with 12 Bernoulli terms to
 * reach float64 accuracy (each term shrinks like ((s + 2j) / (2π(a + N)))²).
 */
export function hurwitzZeta(s: number, a: number): number {
  const start = Math.max(16, 1.5 * s + 12);
  let sum = 0;
  let w = a;
  const direct: number[] = [];
  while (w < start) {
    direct.push(Math.pow(w, -s));
    w += 1;
  }
  // The tail first, then the direct terms from smallest to largest, for the least rounding.
  let tail = Math.pow(w, 1 - s) / (s - 1) + Math.pow(w, -s) / 2;
  let factor = s * Math.pow(w, -s - 1); // s(s+1)…(s+2j−2) w^(−s−2j+1) / (2j)!, starting at j = 1
  let denominator = 2; // (2j)!
  for (let j = 0; j < BERNOULLI.length; j++) {
    const term = (BERNOULLI[j]! * factor) / denominator;
    tail += term;
    if (Math.abs(term) < 1e-18 * Math.abs(tail)) break;
    const k = 2 * j + 2; // next j: multiply by (s+2j−1)(s+2j) / w² and divide the factorial by (2j+1)(2j+2)
    factor *= ((s + k - 1) * (s + k)) / (w * w);
    denominator *= (k + 1) * (k + 2);
  }
  sum = tail;
  for (let i = direct.length - 1; i >= 0; i--) sum += direct[i]!;
  return sum;
}

/** Coefficients (−1)ᵏ (ζ(k) − 1) / k of the series of log Γ(2 + z), for k = 2, 3, …, 40. */
const LGAMMA_SERIES: number[] = [];
for (let k = 2; k <= 40; k++) LGAMMA_SERIES.push(((k % 2 === 0 ? 1 : -1) * hurwitzZeta(k, 2)) / k);

/** log Γ(2 + z) for |z| ≤ 1/2: z(1 − γ) + Σₖ (−1)ᵏ (ζ(k) − 1) zᵏ / k (terms shrink like (z/2)ᵏ). */
function lgammaNearTwo(z: number): number {
  let sum = 0;
  for (let i = LGAMMA_SERIES.length - 1; i >= 0; i--) sum = (sum + LGAMMA_SERIES[i]!) * z;
  return z * (1 - EULER_GAMMA + sum);
}

/** Stirling's series for log Γ(x), x ≥ 10: (x − ½) log x − x + ½ log 2π + Σ B₂ₖ / (2k(2k − 1) x^(2k−1)). */
function lgammaStirling(x: number): number {
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  let series = 0;
  for (let k = 7; k >= 1; k--) series = series * inverse2 + BERNOULLI[k - 1]! / (2 * k * (2 * k - 1));
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + series * inverse;
}

/**
 * log |Γ(x)|: +∞ at the poles 0, −1, −2, …; for negative x the logarithm of the absolute value
 * (the sign of Γ alternates between poles), as C's `lgamma` and SciPy's `gammaln`.
 */
export function lgamma(x: number): number {
  if (x !== x) return NaN;
  if (x === Infinity || x === -Infinity) return Infinity;
  if (x < 0.5) {
    if (x <= 0 && Math.floor(x) === x) return Infinity;
    // Γ(x) Γ(1 − x) = π / sin(πx)
    return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
  }
  if (x < 1.5) return lgammaNearTwo(x - 1) - Math.log1p(x - 1); // log Γ(1 + z) = log Γ(2 + z) − log(1 + z)
  if (x < 2.5) return lgammaNearTwo(x - 2);
  if (x < 10) {
    // log Γ(x) = log((x − 1)(x − 2)…(x − m)) + log Γ(x − m), with x − m ∈ [1.5, 2.5): no cancellation.
    let product = 1;
    let y = x;
    while (y >= 2.5) {
      y -= 1;
      product *= y;
    }
    return Math.log(product) + lgammaNearTwo(y - 2);
  }
  return lgammaStirling(x);
}

/**
 * The digamma function ψ(x) = d log Γ(x) / dx: NaN at the poles 0, −1, −2, … (the limit is +∞ from
 * one side and −∞ from the other).
 */
export function digamma(x: number): number {
  if (x !== x || x === -Infinity) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Math.floor(x) === x) return NaN;
    // ψ(1 − x) − ψ(x) = π cot(πx)
    return digamma(1 - x) - Math.PI * cotPi(x);
  }
  let shift = 0;
  while (x < 10) {
    shift += 1 / x; // ψ(x) = ψ(x + 1) − 1/x
    x += 1;
  }
  const inverse2 = 1 / (x * x);
  let series = 0;
  for (let k = 7; k >= 1; k--) series = series * inverse2 + BERNOULLI[k - 1]! / (2 * k);
  // ψ(x) ~ log x − 1/(2x) − Σ B₂ₖ / (2k x^(2k))
  return Math.log(x) - 0.5 / x - series * inverse2 - shift;
}

/**
 * The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of ψ, for integer n ≥ 1. At the poles 0, −1,
 * −2, …: +∞ for odd n (the function tends to +∞ from both sides), NaN for even n.
 */
export function polygamma(n: number, x: number): number {
  if (x !== x || x === -Infinity) return NaN;
  if (x === Infinity) return 0;
  if (x <= 0) {
    if (Math.floor(x) === x) return n % 2 === 1 ? Infinity : NaN;
    // The series (−1)ⁿ⁺¹ n! Σₖ (x + k)^(−n−1) holds for negative non-integer x too, and summing it
    // directly is more accurate than reflection, whose two terms cancel for larger n.
    if (x > -50) return polygammaBySeries(n, x);
    // Differentiating the reflection formula n times: ψ⁽ⁿ⁾(x) = (−1)ⁿ ψ⁽ⁿ⁾(1 − x) − πⁿ⁺¹ Pₙ(cot πx),
    // where dⁿ cot(u)/duⁿ = Pₙ(cot u).
    const reflected = polygamma(n, 1 - x);
    return (n % 2 === 0 ? reflected : -reflected) - Math.pow(Math.PI, n + 1) * cotDerivative(n, cotPi(x));
  }
  return polygammaBySeries(n, x);
}

/** ψ⁽ⁿ⁾(x) = (−1)ⁿ⁺¹ n! ζ(n + 1, x) (DLMF 25.11.12). */
function polygammaBySeries(n: number, x: number): number {
  let factorial = 1;
  for (let k = 2; k <= n; k++) factorial *= k;
  const value = factorial * hurwitzZeta(n + 1, x);
  return n % 2 === 1 ? value : -value;
}

/**
 * Pₙ(y) with dⁿ cot(u) / duⁿ = Pₙ(cot u): P₀(y) = y and, since d cot u / du = −(1 + cot² u),
 * Pₙ₊₁(y) = −(1 + y²) Pₙ′(y). All coefficients of Pₙ share one sign and Pₙ is even or odd, so
 * evaluating it does not cancel.
 */
function cotDerivative(n: number, y: number): number {
  let coefficients = [0, 1]; // P₀(y) = y, coefficients of y⁰, y¹, …
  for (let step = 0; step < n; step++) {
    const next = new Array<number>(coefficients.length + 1).fill(0);
    for (let k = 1; k < coefficients.length; k++) {
      const d = k * coefficients[k]!; // coefficient of y^(k−1) in Pₙ′
      next[k - 1] = next[k - 1]! - d;
      next[k + 1] = next[k + 1]! - d;
    }
    coefficients = next;
  }
  let value = 0;
  for (let k = coefficients.length - 1; k >= 0; k--) value = value * y + coefficients[k]!;
  return value;
}
