/**
 * A tour of nabla (`npm start`): worked examples of automatic differentiation, each a chapter in
 * examples/tour/ that uses only the public API.
 */
import { pathToFileURL } from "node:url";
import type { Log } from "./tour/format.js";
import { textbook } from "./tour/textbook.js";
import { housing } from "./tour/housing.js";
import { jacobians } from "./tour/jacobian.js";
import { newton } from "./tour/newton.js";
import { optim } from "./tour/optim.js";

/** Runs every chapter in order, writing to `log`. */
export function runTour(log: Log = console.log): void {
  const start = performance.now();
  log("A tour of nabla: derivatives of TypeScript functions, computed exactly by automatic differentiation.");
  textbook(log);
  housing(log);
  jacobians(log);
  newton(log);
  optim(log);
  log("");
  log(`Tour finished in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) runTour();
