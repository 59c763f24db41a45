import { ParamError } from "../cells/types";
import { asObject, readBoolean, readNumber, readOptionalString, type Obj } from "../cells/params";
import type { Json } from "../json";
import type { ParamGrid } from "./grid-search";

/** Cross-validation, grid search and importance settings of an evaluate cell (all optional). */
export interface EvaluateExtensions {
  readonly cv?: { readonly folds: number; readonly stratified: boolean; readonly shuffle: boolean };
  readonly grid?: { readonly algorithm?: string; readonly params: ParamGrid; readonly scoring?: string; readonly folds: number };
  readonly importance?: { readonly repeats: number };
  /** Hyperparameters for refits when the model cell's summary does not record them. */
  readonly options?: Readonly<Record<string, Json>>;
}

/**
 * Reads `cv`, `grid`, `importance` and `options` from evaluate params, e.g.
 * `{"cv": {"folds": 5, "stratified": true}, "grid": {"params": {"C": [0.1, 1, 10]}}, "importance": true}`.
 */
export function parseEvaluateExtensions(p: Obj): EvaluateExtensions {
  const out: { -readonly [K in keyof EvaluateExtensions]: EvaluateExtensions[K] } = {};
  if (p.cv !== undefined && p.cv !== false && p.cv !== null) {
    const c = p.cv === true ? {} : asObject(p.cv, "params.cv");
    out.cv = {
      folds: readNumber(c, "folds", "params.cv", { fallback: 5, min: 2, max: 50, integer: true }),
      stratified: readBoolean(c, "stratified", "params.cv", true),
      shuffle: readBoolean(c, "shuffle", "params.cv", false),
    };
  }
  if (p.grid !== undefined && p.grid !== null) {
    const g = asObject(p.grid, "params.grid");
    const params = asObject(g.params ?? {}, "params.grid.params");
    const entries = Object.entries(params);
    if (entries.length === 0) throw new ParamError("params.grid.params", 'must name at least one hyperparameter with a list of values, e.g. {"C": [0.1, 1, 10]}');
    let combos = 1;
    for (const [k, v] of entries) {
      if (!Array.isArray(v) || v.length === 0) throw new ParamError(`params.grid.params.${k}`, "must be a non-empty list of values");
      combos *= v.length;
    }
    if (combos > 200) throw new ParamError("params.grid.params", `makes ${combos} combinations; at most 200`);
    out.grid = {
      algorithm: readOptionalString(g, "algorithm", "params.grid"),
      params: params as ParamGrid,
      scoring: readOptionalString(g, "scoring", "params.grid"),
      folds: readNumber(g, "folds", "params.grid", { fallback: out.cv?.folds ?? 5, min: 2, max: 50, integer: true }),
    };
  }
  if (p.importance !== undefined && p.importance !== false && p.importance !== null) {
    const i = p.importance === true ? {} : asObject(p.importance, "params.importance");
    out.importance = { repeats: readNumber(i, "repeats", "params.importance", { fallback: 5, min: 1, max: 100, integer: true }) };
  }
  if (p.options !== undefined) out.options = asObject(p.options, "params.options") as Record<string, Json>;
  return out;
}
