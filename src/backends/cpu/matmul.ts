/**
 * Batched matrix multiply for the CPU backend, in plain JavaScript.
 *
 * Design (a small-scale version of the classic packed GEMM):
 *  - Both operands are packed, block by block, into Float64Array scratch panels whose layout makes
 *    the inner loop unit-stride no matter which operands are transposed. All four transpose
 *    combinations therefore share one micro-kernel, and the hot loop only ever sees Float64Array,
 *    so V8 keeps it monomorphic for float32 and float64 inputs alike.
 *  - The micro-kernel keeps an MR×NR tile of C in local variables (doubles) and walks the k
 *    dimension of one packed A micro-panel and one packed B micro-panel.
 *  - Results accumulate in a float64 scratch C (padded to whole tiles), then are copied into `out`.
 *    float32 results are thus accumulated in double precision and rounded once.
 *  - Small problems and matrix-vector shapes (m = 1 or n = 1) take direct loops instead.
 */

export type FloatArray = Float32Array | Float64Array;

/** Micro-tile height (rows of C per micro-kernel call). */
const MR = 8;
/** Micro-tile width (columns of C per micro-kernel call). */
const NR = 6;
/** Block of the k dimension packed at a time. */
const KC = 256;
/** Block of rows of A packed at a time (must be a multiple of MR). */
const MC = 96;
/** Block of columns of B packed at a time (must be a multiple of NR). */
const NC = NR * 170;
/** Below this many multiply-adds per matrix, the direct loops win over packing. */
const SMALL_WORK = 1024;

// Scratch buffers reused across calls (grown on demand).
let packA = new Float64Array(MC * KC);
let packB = new Float64Array(NC * KC);
let cBuf = new Float64Array(1024);
let vecBuf = new Float64Array(256);

/** Scratch C buffers larger than this many elements (32 MiB) are not kept between calls. */
const MAX_KEPT_C = 1 << 22;

function ensureC(size: number): Float64Array {
  if (size > MAX_KEPT_C) return new Float64Array(size);
  if (cBuf.length < size) cBuf = new Float64Array(Math.min(MAX_KEPT_C, Math.max(size, cBuf.length * 2)));
  return cBuf;
}

function ensureVec(size: number): Float64Array {
  if (vecBuf.length < size) vecBuf = new Float64Array(Math.max(size, vecBuf.length * 2));
  return vecBuf;
}

/**
 * out[b] = op(A[b]) · op(B[b]) for b in [0, batch), row-major, where op(A) is m×k and op(B) is k×n.
 * If transA, A[b] is stored as k×m (so op(A) = A[b]ᵀ); if transB, B[b] is stored as n×k.
 * aBatchStride / bBatchStride are the element strides between consecutive batch matrices of A and B
 * (0 means the same matrix is reused for every batch, i.e. broadcasting). out is dense [batch, m, n]
 * and is overwritten (not accumulated into). a, b, out share the same element type.
 */
export function matmulKernel(
  a: FloatArray, aOffset: number, aBatchStride: number, transA: boolean,
  b: FloatArray, bOffset: number, bBatchStride: number, transB: boolean,
  out: FloatArray, batch: number, m: number, k: number, n: number,
): void {
  if (batch <= 0 || m <= 0 || n <= 0) return;
  const mn = m * n;
  if (k <= 0) {
    out.fill(0, 0, batch * mn);
    return;
  }
  // A batch of row-major A matrices times one shared B is a single tall matmul.
  if (batch > 1 && bBatchStride === 0 && !transA && aBatchStride === m * k) {
    m *= batch;
    batch = 1;
  }
  if (m * n * k <= SMALL_WORK && m > 1 && n > 1) {
    smallMatmul(a, aOffset, aBatchStride, transA, b, bOffset, bBatchStride, transB, out, batch, m, k, n);
    return;
  }
  for (let t = 0; t < batch; t++) {
    const ao = aOffset + t * aBatchStride;
    const bo = bOffset + t * bBatchStride;
    const oo = t * mn;
    if (m === 1) {
      // outᵀ (n×1) = op(B)ᵀ (n×k) · aᵀ; op(B)ᵀ element (j, p) is at transB ? j*k+p : p*n+j.
      gemv(b, bo, transB ? k : 1, transB ? 1 : n, a, ao, 1, out, oo, n, k);
    } else if (n === 1) {
      // out (m×1) = op(A) (m×k) · b; op(A) element (i, p) is at transA ? p*m+i : i*k+p.
      gemv(a, ao, transA ? 1 : k, transA ? m : 1, b, bo, 1, out, oo, m, k);
    } else {
      packedMatmul(a, ao, transA, b, bo, transB, out, oo, m, k, n);
    }
  }
}

/**
 * y[i] = Σ_p M[mo + i*rs + p*cs] · x[xo + p*xs] for i < rows, p < len. Either rs or cs is 1.
 */
function gemv(
  mat: FloatArray, mo: number, rs: number, cs: number,
  x: FloatArray, xo: number, xs: number,
  y: FloatArray, yo: number, rows: number, len: number,
): void {
  if (cs === 1) {
    // Each output is a unit-stride dot product; do four rows at once to reuse x loads.
    let i = 0;
    for (; i + 3 < rows; i += 4) {
      const r0 = mo + i * rs, r1 = r0 + rs, r2 = r1 + rs, r3 = r2 + rs;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let xi = xo;
      for (let p = 0; p < len; p++) {
        const xv = x[xi];
        s0 += mat[r0 + p] * xv;
        s1 += mat[r1 + p] * xv;
        s2 += mat[r2 + p] * xv;
        s3 += mat[r3 + p] * xv;
        xi += xs;
      }
      y[yo + i] = s0;
      y[yo + i + 1] = s1;
      y[yo + i + 2] = s2;
      y[yo + i + 3] = s3;
    }
    for (; i < rows; i++) {
      const r0 = mo + i * rs;
      let s0 = 0;
      let xi = xo;
      for (let p = 0; p < len; p++) {
        s0 += mat[r0 + p] * x[xi];
        xi += xs;
      }
      y[yo + i] = s0;
    }
  } else {
    // rs === 1: columns of M are contiguous; accumulate y += x[p] · M[:, p] in double precision.
    const acc = ensureVec(rows);
    acc.fill(0, 0, rows);
    let p = 0;
    for (; p + 1 < len; p += 2) {
      const x0 = x[xo + p * xs], x1 = x[xo + (p + 1) * xs];
      const c0 = mo + p * cs, c1 = c0 + cs;
      for (let i = 0; i < rows; i++) acc[i] += mat[c0 + i] * x0 + mat[c1 + i] * x1;
    }
    if (p < len) {
      const x0 = x[xo + p * xs];
      const c0 = mo + p * cs;
      for (let i = 0; i < rows; i++) acc[i] += mat[c0 + i] * x0;
    }
    for (let i = 0; i < rows; i++) y[yo + i] = acc[i];
  }
}

/** Direct loops for tiny matrices, where packing would cost more than it saves. */
function smallMatmul(
  a: FloatArray, aOffset: number, aBatchStride: number, transA: boolean,
  b: FloatArray, bOffset: number, bBatchStride: number, transB: boolean,
  out: FloatArray, batch: number, m: number, k: number, n: number,
): void {
  // op(A)(i, p) = a[ao + i*ars + p*acs]; op(B)(p, j) = b[bo + p*brs + j*bcs].
  const ars = transA ? 1 : k, acs = transA ? m : 1;
  const brs = transB ? 1 : n, bcs = transB ? k : 1;
  const n4 = n - (n % 4);
  let o = 0;
  for (let t = 0; t < batch; t++) {
    const ao = aOffset + t * aBatchStride;
    const bo = bOffset + t * bBatchStride;
    for (let i = 0; i < m; i++) {
      const ai = ao + i * ars;
      let j = 0;
      for (; j < n4; j += 4) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let ap = ai, bp = bo + j * bcs;
        for (let p = 0; p < k; p++) {
          const av = a[ap];
          s0 += av * b[bp];
          s1 += av * b[bp + bcs];
          s2 += av * b[bp + 2 * bcs];
          s3 += av * b[bp + 3 * bcs];
          ap += acs;
          bp += brs;
        }
        out[o] = s0;
        out[o + 1] = s1;
        out[o + 2] = s2;
        out[o + 3] = s3;
        o += 4;
      }
      for (; j < n; j++) {
        let s = 0;
        let ap = ai, bp = bo + j * bcs;
        for (let p = 0; p < k; p++) {
          s += a[ap] * b[bp];
          ap += acs;
          bp += brs;
        }
        out[o++] = s;
      }
    }
  }
}

function packedMatmul(
  a: FloatArray, ao: number, transA: boolean,
  b: FloatArray, bo: number, transB: boolean,
  out: FloatArray, oo: number, m: number, k: number, n: number,
): void {
  const mPad = Math.ceil(m / MR) * MR;
  const nPad = Math.ceil(n / NR) * NR;
  const c = ensureC(mPad * nPad);
  c.fill(0, 0, mPad * nPad);
  const ldc = nPad;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncPad = Math.ceil(nc / NR) * NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const bp = packBPanel(b, bo, transB, k, n, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        const mcPad = Math.ceil(mc / MR) * MR;
        const ap = packAPanel(a, ao, transA, m, k, ic, mc, pc, kc);
        for (let jr = 0; jr < ncPad; jr += NR) {
          const bOff = jr * kc;
          const cCol = jc + jr;
          for (let ir = 0; ir < mcPad; ir += MR) {
            micro(kc, ap, ir * kc, bp, bOff, c, (ic + ir) * ldc + cCol, ldc);
          }
        }
      }
    }
  }
  // Copy the valid m×n region of the padded scratch into out.
  for (let i = 0; i < m; i++) {
    const ci = i * ldc;
    const oi = oo + i * n;
    for (let j = 0; j < n; j++) out[oi + j] = c[ci + j];
  }
}

/**
 * Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-wide micro-panels: element (p, jr+jj) goes to
 * jr*kc + p*NR + jj. Columns beyond nc are zero.
 */
function packBPanel(
  b: FloatArray, bo: number, transB: boolean, k: number, n: number,
  pc: number, kc: number, jc: number, nc: number,
): Float64Array {
  const ncPad = Math.ceil(nc / NR) * NR;
  if (packB.length < ncPad * kc) packB = new Float64Array(ncPad * kc);
  const dst = packB;
  const nFull = nc - (nc % NR);
  if (!transB) {
    // op(B)(p, j) = b[bo + p*n + j]: rows are contiguous.
    for (let p = 0; p < kc; p++) {
      const src = bo + (pc + p) * n + jc;
      let d = p * NR;
      const step = kc * NR;
      for (let j = 0; j < nFull; j += NR) {
        for (let jj = 0; jj < NR; jj++) dst[d + jj] = b[src + j + jj];
        d += step;
      }
      if (nFull < nc) {
        for (let jj = 0; jj < NR; jj++) {
          const j = nFull + jj;
          dst[d + jj] = j < nc ? b[src + j] : 0;
        }
      }
    }
  } else {
    // op(B)(p, j) = b[bo + j*k + p]: columns of op(B) are contiguous.
    for (let j = 0; j < ncPad; j++) {
      const jr = j - (j % NR);
      const jj = j - jr;
      let d = jr * kc + jj;
      if (j < nc) {
        const src = bo + (jc + j) * k + pc;
        for (let p = 0; p < kc; p++) {
          dst[d] = b[src + p];
          d += NR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          dst[d] = 0;
          d += NR;
        }
      }
    }
  }
  return dst;
}

/**
 * Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-tall micro-panels: element (ir+ii, p) goes to
 * ir*kc + p*MR + ii. Rows beyond mc are zero.
 */
function packAPanel(
  a: FloatArray, ao: number, transA: boolean, m: number, k: number,
  ic: number, mc: number, pc: number, kc: number,
): Float64Array {
  const mcPad = Math.ceil(mc / MR) * MR;
  if (packA.length < mcPad * kc) packA = new Float64Array(mcPad * kc);
  const dst = packA;
  if (!transA) {
    // op(A)(i, p) = a[ao + i*k + p]: rows of op(A) are contiguous.
    for (let i = 0; i < mcPad; i++) {
      const ir = i - (i % MR);
      const ii = i - ir;
      let d = ir * kc + ii;
      if (i < mc) {
        const src = ao + (ic + i) * k + pc;
        for (let p = 0; p < kc; p++) {
          dst[d] = a[src + p];
          d += MR;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          dst[d] = 0;
          d += MR;
        }
      }
    }
  } else {
    // op(A)(i, p) = a[ao + p*m + i]: columns of op(A) are contiguous.
    const mFull = mc - (mc % MR);
    const step = kc * MR;
    for (let p = 0; p < kc; p++) {
      const src = ao + (pc + p) * m + ic;
      let d = p * MR;
      for (let i = 0; i < mFull; i += MR) {
        for (let ii = 0; ii < MR; ii++) dst[d + ii] = a[src + i + ii];
        d += step;
      }
      if (mFull < mc) {
        for (let ii = 0; ii < MR; ii++) {
          const i = mFull + ii;
          dst[d + ii] = i < mc ? a[src + i] : 0;
        }
      }
    }
  }
  return dst;
}

/**
 * C[co + i*ldc + j] += Σ_p Ap[ao + p*MR + i] · Bp[bo + p*NR + j] for the 8×6 tile.
 * The 48 accumulators exceed the register file, but the spills are cheap next to the per-load
 * bounds checks that a larger tile amortises; `| 0` keeps index arithmetic free of overflow checks.
 * Always accumulating (into a zeroed C) keeps out a rarely taken branch that would deoptimise the
 * function the first time k exceeds KC.
 */
function micro(
  kc: number, ap: Float64Array, ao: number, bp: Float64Array, bo: number,
  c: Float64Array, co: number, ldc: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c24 = 0, c25 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0, c34 = 0, c35 = 0;
  let c40 = 0, c41 = 0, c42 = 0, c43 = 0, c44 = 0, c45 = 0;
  let c50 = 0, c51 = 0, c52 = 0, c53 = 0, c54 = 0, c55 = 0;
  let c60 = 0, c61 = 0, c62 = 0, c63 = 0, c64 = 0, c65 = 0;
  let c70 = 0, c71 = 0, c72 = 0, c73 = 0, c74 = 0, c75 = 0;
  for (let p = 0; p < kc; p++) {
    const b0 = bp[bo], b1 = bp[(bo + 1) | 0], b2 = bp[(bo + 2) | 0], b3 = bp[(bo + 3) | 0], b4 = bp[(bo + 4) | 0], b5 = bp[(bo + 5) | 0];
    const a0 = ap[ao];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3; c04 += a0 * b4; c05 += a0 * b5;
    const a1 = ap[(ao + 1) | 0];
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3; c14 += a1 * b4; c15 += a1 * b5;
    const a2 = ap[(ao + 2) | 0];
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3; c24 += a2 * b4; c25 += a2 * b5;
    const a3 = ap[(ao + 3) | 0];
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3; c34 += a3 * b4; c35 += a3 * b5;
    const a4 = ap[(ao + 4) | 0];
    c40 += a4 * b0; c41 += a4 * b1; c42 += a4 * b2; c43 += a4 * b3; c44 += a4 * b4; c45 += a4 * b5;
    const a5 = ap[(ao + 5) | 0];
    c50 += a5 * b0; c51 += a5 * b1; c52 += a5 * b2; c53 += a5 * b3; c54 += a5 * b4; c55 += a5 * b5;
    const a6 = ap[(ao + 6) | 0];
    c60 += a6 * b0; c61 += a6 * b1; c62 += a6 * b2; c63 += a6 * b3; c64 += a6 * b4; c65 += a6 * b5;
    const a7 = ap[(ao + 7) | 0];
    c70 += a7 * b0; c71 += a7 * b1; c72 += a7 * b2; c73 += a7 * b3; c74 += a7 * b4; c75 += a7 * b5;
    ao = (ao + 8) | 0;
    bo = (bo + 6) | 0;
  }
  c[co] += c00; c[co + 1] += c01; c[co + 2] += c02; c[co + 3] += c03; c[co + 4] += c04; c[co + 5] += c05; co += ldc;
  c[co] += c10; c[co + 1] += c11; c[co + 2] += c12; c[co + 3] += c13; c[co + 4] += c14; c[co + 5] += c15; co += ldc;
  c[co] += c20; c[co + 1] += c21; c[co + 2] += c22; c[co + 3] += c23; c[co + 4] += c24; c[co + 5] += c25; co += ldc;
  c[co] += c30; c[co + 1] += c31; c[co + 2] += c32; c[co + 3] += c33; c[co + 4] += c34; c[co + 5] += c35; co += ldc;
  c[co] += c40; c[co + 1] += c41; c[co + 2] += c42; c[co + 3] += c43; c[co + 4] += c44; c[co + 5] += c45; co += ldc;
  c[co] += c50; c[co + 1] += c51; c[co + 2] += c52; c[co + 3] += c53; c[co + 4] += c54; c[co + 5] += c55; co += ldc;
  c[co] += c60; c[co + 1] += c61; c[co + 2] += c62; c[co + 3] += c63; c[co + 4] += c64; c[co + 5] += c65; co += ldc;
  c[co] += c70; c[co + 1] += c71; c[co + 2] += c72; c[co + 3] += c73; c[co + 4] += c74; c[co + 5] += c75;
}
