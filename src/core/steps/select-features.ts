/**
 * select_features: keeps the most useful numeric feature columns and drops the rest, scored on
 * the training rows only: `variance` keeps features whose variance exceeds `threshold`
 * (VarianceThreshold); `f_classif`, `f_regression` and `mutual_info` keep the `k` best by a
 * univariate score against `target` (SelectKBest). The target, split and fold columns, and
 * columns not among the candidates, are never dropped. Scores and the choice are in `fitted`.
 */
import { getColumn, type Table } from "../frame/table";
import { readEnum, readNumber, readOptionalString, readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import type { Json } from "../json";
import { discretize, fClassif, fRegression, mutualInfo, topK, variance } from "./feature-scores";
import { fitRows, FOLD_COLUMN, keyOf, SPLIT_COLUMN, StepError, type StepResult } from "./types";

/** Selection methods. */
export const SELECT_METHODS = ["variance", "f_classif", "f_regression", "mutual_info"] as const;

/** Options of the select_features step. */
export interface SelectFeaturesOptions {
  readonly op: "select_features";
  readonly method: (typeof SELECT_METHODS)[number];
  /** Target column (needed by every method except variance). */
  readonly target?: string;
  /** Candidate features (default: every number/boolean column except target, split and fold). */
  readonly columns: readonly string[];
  /** How many to keep (f_classif, f_regression, mutual_info; default 10, at most the candidates). */
  readonly k: number;
  /** Variance threshold (variance method; default 0 drops constant features). */
  readonly threshold: number;
}

/** Validates select_features options from JSON. */
export function parseSelectFeatures(obj: Obj, path: string): SelectFeaturesOptions {
  const method = readEnum(obj, "method", path, SELECT_METHODS, "f_classif");
  const target = readOptionalString(obj, "target", path);
  if (!target && method !== "variance") throw new ParamError(`${path}.target`, `"${method}" scores features against a target column: name it`);
  return {
    op: "select_features", method, target, columns: readStringArray(obj, "columns", path),
    k: readNumber(obj, "k", path, { fallback: 10, min: 1, integer: true }), threshold: readNumber(obj, "threshold", path, { fallback: 0, min: 0 }),
  };
}

/** Scores the candidates on the training rows and drops the ones not chosen. */
export function selectFeatures(table: Table, options: SelectFeaturesOptions): StepResult {
  const rows = fitRows(table);
  const reserved = new Set([options.target, SPLIT_COLUMN, FOLD_COLUMN]);
  const names = options.columns.length ? [...options.columns] : table.columns.filter((c) => (c.type === "number" || c.type === "boolean") && !reserved.has(c.name)).map((c) => c.name);
  if (names.length === 0) throw new StepError("there are no numeric feature columns to choose from");
  const features = names.map((name) => {
    const column = getColumn(table, name);
    if (column.type === "string" || column.type === "date") throw new StepError(`feature "${name}" holds ${column.type === "string" ? "text" : "dates"}; encode it first (onehot, ordinal or date_parts)`);
    if (name === options.target) throw new StepError(`the target "${name}" cannot also be a candidate feature`);
    const x = Float64Array.from(rows, (r) => column.values[r]);
    if (x.some(Number.isNaN)) throw new StepError(`feature "${name}" has missing values in the training rows; impute or drop_missing first`);
    return x;
  });
  let scores: number[];
  if (options.method === "variance") scores = features.map(variance);
  else {
    const target = getColumn(table, options.target!);
    const missing = Array.from(rows).some((r) => keyOf(target, r) === null);
    if (missing) throw new StepError(`target "${target.name}" has missing values in the training rows; drop_missing on it first`);
    if (options.method === "f_regression") {
      if (target.type === "string") throw new StepError(`f_regression needs a numeric target; "${target.name}" is text (use f_classif)`);
      const y = Float64Array.from(rows, (r) => target.values[r] as number);
      scores = features.map((x) => fRegression(x, y));
    } else {
      const codes = new Map<string, number>();
      const cls = Int32Array.from(rows, (r) => {
        const key = keyOf(target, r)!;
        if (!codes.has(key)) codes.set(key, codes.size);
        return codes.get(key)!;
      });
      if (options.method === "f_classif") {
        if (codes.size < 2) throw new StepError(`target "${target.name}" has one class in the training rows; nothing to separate`);
        if (codes.size > 1000) throw new StepError(`target "${target.name}" has ${codes.size} classes; for a numeric target use f_regression`);
        scores = features.map((x) => fClassif(x, cls, codes.size));
      } else {
        const y = target.type === "string" ? cls : discretize(Float64Array.from(rows, (r) => target.values[r] as number));
        scores = features.map((x) => mutualInfo(discretize(x), y));
      }
    }
  }
  const chosen = options.method === "variance" ? names.map((_, i) => i).filter((i) => scores[i] > options.threshold) : topK(scores, Math.min(options.k, names.length));
  const keep = new Set(chosen.map((i) => names[i]));
  const dropped = names.filter((n) => !keep.has(n));
  const scoreBy: Record<string, Json> = {};
  names.forEach((n, i) => (scoreBy[n] = Number.isFinite(scores[i]) ? scores[i] : null));
  return {
    table: { nRows: table.nRows, columns: table.columns.filter((c) => !dropped.includes(c.name)) },
    fitted: { method: options.method, target: options.target ?? null, scores: scoreBy, selected: [...keep], dropped, fittedOn: rows.length },
  };
}
