/**
 * The error function to float64 accuracy (a few ulps), from two classical expansions:
 * - |x| < 2.5: erf x = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), a series of positive terms
 *   (no cancellation, unlike the Maclaurin series), Abramowitz & Stegun 7.1.6;
 * - |x| ≥ 2.5: erfc x = (e^(−x²)/√π) · 1/(x + ½/(x + 1/(x + (3/2)/(x + 2/(x + …))))), the continued
 *   fraction of A&S 7.1.14, evaluated by the modified Lentz method; erf = 1 − erfc.
 */
export function erf(x: number): number {
  if (x !== x) return NaN;
  const ax = Math.abs(x);
  if (ax > 6) return x > 0 ? 1 : -1;
  const value = ax < 2.5 ? erfSeries(ax) : 1 - erfcContinuedFraction(ax);
  return x < 0 ? -value : value;
}

/** erfc(x) = 1 − erf(x), accurate also where erf(x) is close to 1. */
export function erfc(x: number): number {
  if (x !== x) return NaN;
  if (x < 2.5) return 1 - erf(x);
  if (x > 27) return 0;
  return erfcContinuedFraction(x);
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

function erfcContinuedFraction(x: number): number {
  // K = 1/(x + a1/(x + a2/(x + ...))) with a_k = k/2, by modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}
