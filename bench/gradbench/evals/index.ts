import type { EvalModule } from "../eval-module.js";
import { ba } from "./ba.js";
import { det } from "./det.js";
import { gmm } from "./gmm.js";
import { hello } from "./hello.js";
import { ht } from "./ht.js";
import { kmeans } from "./kmeans.js";
import { llsq } from "./llsq.js";
import { lse } from "./lse.js";
import { lstm } from "./lstm.js";
import { ode } from "./ode.js";
import { particle } from "./particle.js";
import { saddle } from "./saddle.js";

/** The GradBench modules this tool implements, by the name GradBench's `define` message sends. */
export const evals: Record<string, EvalModule> = {
  ba,
  det,
  gmm,
  hello,
  ht,
  kmeans,
  llsq,
  lse,
  lstm,
  ode,
  particle,
  saddle,
};
