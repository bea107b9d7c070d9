/**
 * The registry of every primitive: nabla's table of derivatives. Backends supply one kernel per
 * name here, and the derivative test-suite iterates this object, so a primitive is tested the moment
 * it is registered.
 */
import type { Primitive } from "../core/primitive.js";
import { abs } from "./unary/abs.js";
import { acos } from "./unary/acos.js";
import { asin } from "./unary/asin.js";
import { atan } from "./unary/atan.js";
import { ceil } from "./unary/ceil.js";
import { cos } from "./unary/cos.js";
import { cosh } from "./unary/cosh.js";
import { erf } from "./unary/erf.js";
import { exp } from "./unary/exp.js";
import { expm1 } from "./unary/expm1.js";
import { floor } from "./unary/floor.js";
import { log } from "./unary/log.js";
import { log1p } from "./unary/log1p.js";
import { logistic } from "./unary/logistic.js";
import { neg } from "./unary/neg.js";
import { reciprocal } from "./unary/reciprocal.js";
import { round } from "./unary/round.js";
import { rsqrt } from "./unary/rsqrt.js";
import { sign } from "./unary/sign.js";
import { sin } from "./unary/sin.js";
import { sinh } from "./unary/sinh.js";
import { softplus } from "./unary/softplus.js";
import { sqrt } from "./unary/sqrt.js";
import { tan } from "./unary/tan.js";
import { tanh } from "./unary/tanh.js";
import { lgamma } from "./unary/lgamma.js";
import { digamma } from "./unary/digamma.js";
import { polygamma } from "./unary/polygamma.js";
import { add } from "./binary/add.js";
import { atan2 } from "./binary/atan2.js";
import { div } from "./binary/div.js";
import { equal } from "./binary/equal.js";
import { greater } from "./binary/greater.js";
import { greaterEqual } from "./binary/greaterEqual.js";
import { less } from "./binary/less.js";
import { lessEqual } from "./binary/lessEqual.js";
import { max } from "./binary/max.js";
import { min } from "./binary/min.js";
import { mul } from "./binary/mul.js";
import { notEqual } from "./binary/notEqual.js";
import { pow } from "./binary/pow.js";
import { sub } from "./binary/sub.js";
import { broadcastTo } from "./movement/broadcastTo.js";
import { concatenate } from "./movement/concatenate.js";
import { cumsum } from "./movement/cumsum.js";
import { gather } from "./movement/gather.js";
import { pad } from "./movement/pad.js";
import { reshape } from "./movement/reshape.js";
import { scatterAdd } from "./movement/scatterAdd.js";
import { slice } from "./movement/slice.js";
import { transpose } from "./movement/transpose.js";
import { argmax } from "./reduce/argmax.js";
import { argmin } from "./reduce/argmin.js";
import { reduceMax } from "./reduce/reduceMax.js";
import { reduceMin } from "./reduce/reduceMin.js";
import { sum } from "./reduce/sum.js";
import { convert } from "./other/convert.js";
import { select } from "./other/select.js";
import { stopGradient } from "./other/stopGradient.js";
import { matmul } from "./linalg/matmul.js";
import { triangularSolve } from "./linalg/triangularSolve.js";
import { solve } from "./linalg/solve.js";
import { cholesky } from "./linalg/cholesky.js";
import { eigh } from "./linalg/eigh.js";
import { slogdet } from "./linalg/slogdet.js";
import { lstsq } from "./linalg/lstsq.js";

export const primitives = {
  abs,
  acos,
  asin,
  atan,
  ceil,
  cos,
  cosh,
  erf,
  exp,
  expm1,
  floor,
  log,
  log1p,
  logistic,
  neg,
  reciprocal,
  round,
  rsqrt,
  sign,
  sin,
  sinh,
  softplus,
  sqrt,
  tan,
  tanh,
  lgamma,
  digamma,
  polygamma,
  add,
  atan2,
  div,
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  max,
  min,
  mul,
  notEqual,
  pow,
  sub,
  broadcastTo,
  concatenate,
  cumsum,
  gather,
  pad,
  reshape,
  scatterAdd,
  slice,
  transpose,
  argmax,
  argmin,
  reduceMax,
  reduceMin,
  sum,
  convert,
  select,
  stopGradient,
  matmul,
  triangularSolve,
  solve,
  cholesky,
  eigh,
  slogdet,
  lstsq,
} satisfies Record<string, Primitive<any>>;

export type PrimitiveName = keyof typeof primitives;
