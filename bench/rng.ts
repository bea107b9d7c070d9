// Deterministic benchmark data (see bench/README.md and the workload definitions).
// Counter-based mulberry32: element k (k = 0, 1, ...) of stream `seed` is
//   a = (seed + (k+1) * 0x6D2B79F5) mod 2^32
//   t = imul(a ^ (a >>> 15), a | 1)
//   t = (t + imul(t ^ (t >>> 7), t | 61)) ^ t
//   u = ((t ^ (t >>> 14)) >>> 0) / 2^32          in [0, 1), computed in f64
//   value = lo + (hi - lo) * u, rounded to the target array type.
// This equals the classic sequential mulberry32(seed).

export type FloatArrayCtor = Float32ArrayConstructor | Float64ArrayConstructor;
export type FloatArray = Float32Array | Float64Array;

export function uniform(seed: number, n: number, lo?: number, hi?: number): Float32Array;
export function uniform(seed: number, n: number, lo: number, hi: number, ctor: Float32ArrayConstructor): Float32Array;
export function uniform(seed: number, n: number, lo: number, hi: number, ctor: Float64ArrayConstructor): Float64Array;
export function uniform(seed: number, n: number, lo: number, hi: number, ctor: FloatArrayCtor): FloatArray;
export function uniform(seed: number, n: number, lo = 0, hi = 1, ctor: FloatArrayCtor = Float32Array): FloatArray {
  const out = new ctor(n);
  const next = uniformStream(seed);
  const span = hi - lo;
  for (let k = 0; k < n; k++) out[k] = lo + span * next();
  return out;
}

/** The stream `seed` one number at a time: u in [0, 1), as above. */
export function uniformStream(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer labels in [0, classes): min(classes-1, floor(u * classes)) of stream `seed`. */
export function labels(seed: number, n: number, classes: number): Int32Array {
  const u = uniform(seed, n, 0, 1, Float64Array);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(classes - 1, Math.floor(u[i]! * classes));
  return out;
}

/** Glorot-uniform weight matrix [fanIn, fanOut] (row-major), stream `seed`. */
export function glorot(seed: number, fanIn: number, fanOut: number): Float32Array {
  const lim = Math.sqrt(6 / (fanIn + fanOut));
  return uniform(seed, fanIn * fanOut, -lim, lim, Float32Array);
}

/** Stream seeds fixed by the workload definitions. */
export const SEEDS = {
  W1_A: 101, W1_B: 102,
  W2_W1: 201, W2_W2: 202, W2_W3: 203, W2_X: 211, W2_Y: 212,
  W3_X: 301,
  W4_X: 401,
  W6_V: 601,
} as const;

export const MLP = { batch: 128, sizes: [784, 256, 256, 10] as const, lr: 0.1 } as const;

/** Parameter names of the MLP, in the order used for W6's direction stream. */
export const PARAM_NAMES = ["W1", "b1", "W2", "b2", "W3", "b3"] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

export interface ParamData {
  data: Float32Array;
  shape: number[];
}
export type MlpParams = Record<ParamName, ParamData>;

export interface MlpProblem {
  params: MlpParams;
  X: Float32Array;
  xShape: [number, number];
  y: Int32Array;
  classes: number;
}

/** The W2/W6 problem: W_l [in, out] Glorot, biases zero, X [128, 784] in [0,1), labels in [0,10). */
export function mlpProblem(): MlpProblem {
  const [d0, d1, d2, d3] = MLP.sizes;
  return {
    params: {
      W1: { data: glorot(SEEDS.W2_W1, d0, d1), shape: [d0, d1] },
      b1: { data: new Float32Array(d1), shape: [d1] },
      W2: { data: glorot(SEEDS.W2_W2, d1, d2), shape: [d1, d2] },
      b2: { data: new Float32Array(d2), shape: [d2] },
      W3: { data: glorot(SEEDS.W2_W3, d2, d3), shape: [d2, d3] },
      b3: { data: new Float32Array(d3), shape: [d3] },
    },
    X: uniform(SEEDS.W2_X, MLP.batch * d0, 0, 1, Float32Array),
    xShape: [MLP.batch, d0],
    y: labels(SEEDS.W2_Y, MLP.batch, d3),
    classes: d3,
  };
}

/** W6 direction v: one stream of uniform[-1,1) split in order W1, b1, W2, b2, W3, b3. */
export function mlpDirection(): MlpParams {
  const p = mlpProblem().params;
  const total = PARAM_NAMES.reduce((s, k) => s + p[k].data.length, 0);
  const all = uniform(SEEDS.W6_V, total, -1, 1, Float32Array);
  const out = {} as MlpParams;
  let o = 0;
  for (const k of PARAM_NAMES) {
    const len = p[k].data.length;
    out[k] = { data: all.slice(o, o + len), shape: p[k].shape.slice() };
    o += len;
  }
  return out;
}

/** Row-major one-hot matrix [labels.length, classes] as f32. */
export function oneHotData(y: Int32Array, classes: number): Float32Array {
  const out = new Float32Array(y.length * classes);
  for (let i = 0; i < y.length; i++) out[i * classes + y[i]!] = 1;
  return out;
}
