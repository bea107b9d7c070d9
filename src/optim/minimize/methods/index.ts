import type { Method } from "../run.js";
import type { MethodName } from "../types.js";
import { adam } from "./adam.js";
import { bfgs } from "./bfgs.js";
import { cg } from "./cg.js";
import { gaussNewton } from "./gauss-newton.js";
import { gd } from "./gd.js";
import { lbfgs } from "./lbfgs.js";
import { levenbergMarquardt } from "./levenberg-marquardt.js";
import { momentum } from "./momentum.js";
import { newton } from "./newton.js";
import { newtonCg } from "./newton-cg.js";
import { trustRegion } from "./trust-region.js";

/** Every method by name; one file per method beside this one. */
export const METHODS: Partial<Record<MethodName, Method>> = {
  gd,
  momentum,
  adam,
  bfgs,
  lbfgs,
  cg,
  newton,
  "newton-cg": newtonCg,
  "trust-region": trustRegion,
  "gauss-newton": gaussNewton,
  "levenberg-marquardt": levenbergMarquardt,
};
