/**
 * bin: cuts each listed numeric column into bins fitted on the training rows, like
 * scikit-learn's KBinsDiscretizer(encode="ordinal"): "uniform" edges are equally spaced between
 * the training min and max; "quantile" edges are training quantiles, with bins narrower than
 * 1e-8 removed (so a heavily repeated value does not give empty bins). Values outside the
 * training range fall in the first or last bin. The column is replaced by the bin number
 * (`labels: "index"`), a "[low, high)" label (`"range"`) or the names given.
 */
import { getColumn, withColumn, type Column, type Table } from "../frame/table";
import { readEnum, readNumber, readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import { formatNumber } from "../frame/to-csv";
import type { Json } from "../json";
import { fitRows, quantileSorted, requireNumeric, sortedPresent, StepError, type StepResult } from "./types";

/** Binning strategies (KBinsDiscretizer's names). */
export const BIN_METHODS = ["uniform", "quantile"] as const;

/** Options of the bin step. */
export interface BinOptions {
  readonly op: "bin";
  readonly columns: readonly string[];
  readonly method: (typeof BIN_METHODS)[number];
  /** Number of bins asked for, 2 to 1000 (quantile may give fewer). */
  readonly bins: number;
  /** "index" (0, 1, ...), "range" ("[10, 20)") or one name per bin. */
  readonly labels: "index" | "range" | readonly string[];
}

/** Validates bin options from JSON. */
export function parseBin(obj: Obj, path: string): BinOptions {
  const columns = readStringArray(obj, "columns", path);
  if (columns.length === 0) throw new ParamError(`${path}.columns`, "list at least one column to bin");
  const bins = readNumber(obj, "bins", path, { fallback: 5, min: 2, max: 1000, integer: true });
  const raw = obj.labels ?? "index";
  let labels: BinOptions["labels"];
  if (raw === "index" || raw === "range") labels = raw;
  else if (Array.isArray(raw) && raw.length === bins && raw.every((l) => typeof l === "string")) labels = raw as string[];
  else throw new ParamError(`${path}.labels`, `must be "index", "range" or a list of ${bins} names (one per bin)`);
  return { op: "bin", columns, method: readEnum(obj, "method", path, BIN_METHODS, "quantile"), bins, labels };
}

/** Bin edges of sorted training values, as KBinsDiscretizer computes them. */
export function binEdges(sorted: Float64Array, method: BinOptions["method"], bins: number): number[] {
  const lo = sorted[0], hi = sorted[sorted.length - 1];
  if (method === "uniform") return Array.from({ length: bins + 1 }, (_, k) => lo + ((hi - lo) * k) / bins);
  // np.percentile at linspace(0, 100, bins + 1), then drop edges closer than 1e-8 to the previous one.
  const raw = Array.from({ length: bins + 1 }, (_, k) => quantileSorted(sorted, ((100 * k) / bins) / 100));
  return raw.filter((e, k) => k === 0 || e - raw[k - 1] > 1e-8);
}

/** The bin of `v` given edges, with KBinsDiscretizer's tolerance (a value on an edge within rounding goes up). */
function binOf(v: number, edges: readonly number[]): number {
  const x = v + 1e-8 + 1e-5 * Math.abs(v);
  let lo = 1, hi = edges.length; // first edge index k (1..) with edges[k] > x, like np.digitize(x, edges[1:])
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return Math.min(Math.max(lo - 1, 0), edges.length - 2);
}

/** Replaces `options.columns` by their training-fitted bins. */
export function bin(table: Table, options: BinOptions): StepResult {
  const rows = fitRows(table);
  const edgesBy: Record<string, Json> = {};
  let out = table;
  for (const name of options.columns) {
    const column = getColumn(table, name);
    requireNumeric(column, "binning needs numbers");
    const sorted = sortedPresent(column.values, rows);
    if (sorted.length === 0) throw new StepError(`column "${name}" has no values in the training rows to bin`);
    if (sorted[0] === sorted[sorted.length - 1]) throw new StepError(`column "${name}" is constant in the training rows (every value is ${sorted[0]}); it cannot be binned`);
    const edges = binEdges(sorted, options.method, options.bins);
    if (Array.isArray(options.labels) && edges.length - 1 !== options.labels.length) {
      throw new StepError(`column "${name}" gives ${edges.length - 1} quantile bins (repeated values merge bins), but ${options.labels.length} labels are given`);
    }
    edgesBy[name] = edges;
    const index = Float64Array.from(column.values, (v) => (Number.isNaN(v) ? NaN : binOf(v, edges)));
    let next: Column;
    if (options.labels === "index") next = { name, type: "number", values: index };
    else {
      const names = Array.isArray(options.labels)
        ? options.labels
        : edges.slice(0, -1).map((e, k) => `[${formatNumber(e)}, ${formatNumber(edges[k + 1])}${k === edges.length - 2 ? "]" : ")"}`);
      next = { name, type: "string", values: Array.from(index, (k) => (Number.isNaN(k) ? null : names[k])) };
    }
    out = withColumn(out, next);
  }
  return { table: out, fitted: { method: options.method, edges: edgesBy, fittedOn: rows.length } };
}
