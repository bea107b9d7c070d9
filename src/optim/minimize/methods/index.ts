import type { Method } from "../run.js";
import type { MethodName } from "../types.js";
import { gd } from "./gd.js";

/** Every method by name; one file per method beside this one. */
export const METHODS: Partial<Record<MethodName, Method>> = {
  gd,
};
