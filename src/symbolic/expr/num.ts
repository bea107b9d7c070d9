/** Exact rational numbers, the only numbers in a tree, so `1/3` stays `1/3`. */
import { hashString, mixHash, type Expr, type Num } from "./expr.js";

/** Folding stops at this many bits of numerator or denominator; `2^100000` stays a power. */
const MAX_BITS = 4096;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  return n === 0n ? 0 : n.toString(2).length;
}

// Number(p) / Number(q) overflows to NaN when both are huge; scale first so the quotient keeps
// its 53 significant bits.
function toFloat(p: bigint, q: bigint): number {
  const P = Number(p);
  const Q = Number(q);
  if (Number.isFinite(P) && Number.isFinite(Q) && Math.abs(P) <= 2 ** 53 && Q <= 2 ** 53) return P / Q;
  const shift = 64 - (bitLength(p) - bitLength(q));
  const scaled = shift >= 0 ? (p << BigInt(shift)) / q : p / (q << BigInt(-shift));
  let value = Number(scaled);
  let k = -shift;
  // multiply by 2^k in pieces that cannot overflow or underflow on their own
  while (k > 1000) { value *= 2 ** 1000; k -= 1000; }
  while (k < -1000) { value *= 2 ** -1000; k += 1000; }
  return value * 2 ** k;
}

/** The rational `p/q`, reduced to lowest terms with a positive denominator. */
export function rational(p: bigint, q: bigint = 1n): Num {
  if (q === 0n) throw new RangeError("rational: denominator must not be zero");
  if (q < 0n) { p = -p; q = -q; }
  const g = gcd(p, q);
  if (g !== 1n && g !== 0n) { p /= g; q /= g; }
  if (p === 0n) q = 1n;
  const hash = mixHash(mixHash(1, hashString(p.toString())), hashString(q.toString()));
  return { kind: "num", p, q, value: toFloat(p, q), hash };
}

/**
 * An exact number from a JavaScript number: integers exactly, other finite numbers through
 * their shortest decimal form, so `num(0.1)` is `1/10`.
 */
export function num(value: number | bigint): Num {
  if (typeof value === "bigint") return rational(value);
  if (Number.isSafeInteger(value)) return rational(BigInt(value));
  const magnitude = Number.isFinite(value) ? fromDecimal(Math.abs(value).toString()) : undefined;
  if (!magnitude) throw new RangeError(`num: a finite number, got ${value}`);
  return value < 0 ? negNum(magnitude) : magnitude;
}

/**
 * Parses a decimal literal such as `12`, `0.5`, `.5`, `1e-3` or `2.5E+4` exactly; `undefined`
 * when the text is not one, or its exponent is beyond ±1000.
 */
export function fromDecimal(text: string): Num | undefined {
  const match = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!match) return undefined;
  const whole = match[1] ?? "";
  const fraction = match[2] ?? "";
  if (whole === "" && fraction === "") return undefined;
  const exponent = Number(match[3] ?? "0") - fraction.length;
  if (!Number.isFinite(exponent) || Math.abs(exponent) > 1000) return undefined;
  const digits = BigInt((whole + fraction).replace(/^0+(?=.)/, "") || "0");
  return exponent >= 0 ? rational(digits * 10n ** BigInt(exponent)) : rational(digits, 10n ** BigInt(-exponent));
}

export const ZERO = rational(0n);
export const ONE = rational(1n);
export const MINUS_ONE = rational(-1n);
export const TWO = rational(2n);
export const HALF = rational(1n, 2n);

export function isNum(e: Expr): e is Num {
  return e.kind === "num";
}
export function isZero(e: Expr): boolean {
  return e.kind === "num" && e.p === 0n;
}
export function isOne(e: Expr): boolean {
  return e.kind === "num" && e.p === 1n && e.q === 1n;
}
export function isInteger(e: Expr): e is Num {
  return e.kind === "num" && e.q === 1n;
}
/** An integer that is even: `x^2` and `x^-4` lose the sign of `x`. */
export function isEvenInteger(e: Expr): boolean {
  return e.kind === "num" && e.q === 1n && e.p % 2n === 0n;
}

export function addNum(a: Num, b: Num): Num {
  if (a.q === 1n && b.q === 1n) return rational(a.p + b.p);
  return rational(a.p * b.q + b.p * a.q, a.q * b.q);
}
export function mulNum(a: Num, b: Num): Num {
  return rational(a.p * b.p, a.q * b.q);
}
export function negNum(a: Num): Num {
  return rational(-a.p, a.q);
}
/** Sign of `a - b`: -1, 0 or 1. */
export function compareNum(a: Num, b: Num): number {
  const d = a.p * b.q - b.p * a.q;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** `a^n` for an integer `n`, or `undefined` when `a` is 0 and `n < 0` or the result is too large. */
export function powNumInteger(a: Num, n: bigint): Num | undefined {
  if (n === 0n) return ONE;
  if (a.p === 0n) return n > 0n ? ZERO : undefined;
  const magnitude = n < 0n ? -n : n;
  if ((bitLength(a.p) + bitLength(a.q)) * Number(magnitude) > MAX_BITS && !(a.q === 1n && (a.p === 1n || a.p === -1n))) {
    return undefined;
  }
  const p = a.p ** magnitude;
  const q = a.q ** magnitude;
  return n > 0n ? rational(p, q) : rational(q, p);
}

/** The exact non-negative integer `k`-th root of `n`, if there is one. */
function integerRoot(n: bigint, k: bigint): bigint | undefined {
  if (n < 0n) return undefined;
  if (n < 2n) return n;
  if (bitLength(n) <= 1000) {
    const guess = BigInt(Math.round(Number(n) ** (1 / Number(k))));
    for (const r of [guess - 1n, guess, guess + 1n]) if (r >= 0n && r ** k === n) return r;
    if (bitLength(n) <= 50) return undefined;
  }
  // beyond float precision: bisection
  let lo = 0n;
  let hi = 1n << BigInt(Math.ceil(bitLength(n) / Number(k)) + 1);
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (mid ** k <= n) lo = mid; else hi = mid - 1n;
  }
  return lo ** k === n ? lo : undefined;
}

/**
 * `a^(m/k)` when it is rational (for example `4^(1/2) = 2`, `(8/27)^(2/3) = 4/9`); `undefined`
 * otherwise, and for negative `a` with a fractional exponent, which has no real value.
 */
export function powNum(a: Num, exponent: Num): Num | undefined {
  if (exponent.q === 1n) return powNumInteger(a, exponent.p);
  if (a.p < 0n || exponent.q > 64n) return undefined;
  const p = integerRoot(a.p, exponent.q);
  const q = integerRoot(a.q, exponent.q);
  if (p === undefined || q === undefined) return undefined;
  return powNumInteger(rational(p, q), exponent.p);
}

/** Bases with more bits than this keep their roots whole: finding square factors would cost too much. */
const ROOT_FACTOR_BITS = 1024;
/** Trial divisors up to this bound are tried as k-th power factors. */
const ROOT_FACTOR_TRIALS = 1000n;

/** `n` as `c^k * m` with the k-th power factors `c^k` that trial division finds (and `m` itself if it is one). */
function kthPowerFactors(n: bigint, k: bigint): [c: bigint, m: bigint] {
  let c = 1n;
  for (let d = 2n; d <= ROOT_FACTOR_TRIALS; d++) {
    const power = d ** k;
    if (power > n) break;
    while (n % power === 0n) { n /= power; c *= d; }
  }
  const root = integerRoot(n, k);
  return root === undefined ? [c, n] : [c * root, 1n];
}

/**
 * `a^(1/k)` for a positive rational `a`, as `outside * inside^(1/k)` with `outside` rational and
 * `inside` free of k-th power factors (of those small enough to find): `8^(1/2)` is
 * `2 * 2^(1/2)`. With `rationalize`, `inside` is an integer, the root moved out of the
 * denominator: `(1/8)^(1/2)` is `(1/4) * 2^(1/2)`. Returns `[1, a]` when `a` is too large to
 * search, so that the result is always a fixed point.
 */
export function rootFactors(a: Num, k: bigint, rationalize = true): [outside: Num, inside: Num] {
  if (a.p <= 0n || k < 2n || k > 64n) return [ONE, a];
  if (rationalize) {
    const n = a.p * a.q ** (k - 1n); // a^(1/k) = (p q^(k-1))^(1/k) / q
    if (bitLength(n) > ROOT_FACTOR_BITS) return [ONE, a];
    const [c, m] = kthPowerFactors(n, k);
    return [rational(c, a.q), rational(m)];
  }
  if (bitLength(a.p) + bitLength(a.q) > ROOT_FACTOR_BITS) return [ONE, a];
  const [cp, mp] = kthPowerFactors(a.p, k);
  const [cq, mq] = kthPowerFactors(a.q, k);
  return [rational(cp, cq), rational(mp, mq)];
}
