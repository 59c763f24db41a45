/**
 * Hyperparameters shared by the CART-style trees (decision tree and random forest), read from
 * cell params, and their translation into grower options for a task.
 */
import { readEnum, readNumber, type Obj } from "../../cells/params";
import { ParamError } from "../../cells/types";
import type { Task } from "../algorithm";
import { entropy, gini, squaredError, type Criterion } from "./criteria";

/** Split criterion; "auto" is gini for classification and squared error for regression. */
export type CriterionName = "auto" | "gini" | "entropy" | "squared_error";

/** Options of a CART tree. */
export interface CartOptions {
  readonly criterion: CriterionName;
  /** 0 = no limit. */
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** "auto" (sqrt for a forest's classification, all otherwise), "all", "sqrt", "log2" or a fraction in (0, 1]. */
  readonly maxFeatures: string | number;
  readonly maxBins: number;
}

/** Reads the CART options with the given defaults for max depth and max features. */
export function parseCartOptions(p: Obj, path: string, defaults: { maxDepth: number; maxFeatures: string }): CartOptions {
  return {
    criterion: readEnum(p, "criterion", path, ["auto", "gini", "entropy", "squared_error"] as const, "auto"),
    maxDepth: readNumber(p, "maxDepth", path, { fallback: defaults.maxDepth, min: 0, max: 1000, integer: true }),
    minSamplesSplit: readNumber(p, "minSamplesSplit", path, { fallback: 2, min: 2, integer: true }),
    minSamplesLeaf: readNumber(p, "minSamplesLeaf", path, { fallback: 1, min: 1, integer: true }),
    maxFeatures: readMaxFeatures(p, path, defaults.maxFeatures),
    maxBins: readNumber(p, "maxBins", path, { fallback: 255, min: 2, max: 255, integer: true }),
  };
}

function readMaxFeatures(p: Obj, path: string, fallback: string): string | number {
  const v = p.maxFeatures ?? fallback;
  const asNumber = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof asNumber === "number" && asNumber > 0 && asNumber <= 1) return asNumber;
  if (typeof v === "string" && ["auto", "all", "sqrt", "log2"].includes(v)) return v;
  throw new ParamError(`${path}.maxFeatures`, `must be "auto", "all", "sqrt", "log2" or a fraction in (0, 1]`);
}

/** Number of features to draw per split out of p. */
export function featuresPerSplit(maxFeatures: string | number, p: number, task: Task, isForest: boolean): number {
  const mode = maxFeatures === "auto" ? (isForest && task === "classification" ? "sqrt" : "all") : maxFeatures;
  if (typeof mode === "number") return Math.max(1, Math.floor(mode * p));
  if (mode === "sqrt") return Math.max(1, Math.floor(Math.sqrt(p)));
  if (mode === "log2") return Math.max(1, Math.floor(Math.log2(p)));
  return p;
}

/** The criterion for a task; a classification criterion on a regression task is an error. */
export function criterionFor(name: CriterionName, task: Task, path: string): Criterion {
  if (task === "regression") {
    if (name !== "auto" && name !== "squared_error") throw new ParamError(`${path}.criterion`, `"${name}" is for classification; regression uses "squared_error"`);
    return squaredError;
  }
  if (name === "squared_error") throw new ParamError(`${path}.criterion`, `"squared_error" is for regression; use "gini" or "entropy"`);
  return name === "entropy" ? entropy : gini;
}
