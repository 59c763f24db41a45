/**
 * ordinal: replaces each listed column by the position of its value in a category order: the
 * order given (e.g. ["low", "mid", "high"]) or the sorted categories of the training rows
 * (scikit-learn's OrdinalEncoder). A value outside the order, or unseen in training, becomes
 * missing (`unknown: "missing"`) or -1 (`unknown: "flag"`, OrdinalEncoder's unknown_value=-1).
 * Missing stays missing.
 */
import { getColumn, withColumn, type Table } from "../frame/table";
import { asObject, readEnum, readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import type { Json } from "../json";
import { labels } from "./onehot";
import { fitRows, StepError, type StepResult } from "./types";

/** Options of the ordinal step. */
export interface OrdinalOptions {
  readonly op: "ordinal";
  readonly columns: readonly string[];
  /** Category order per column (first = 0); columns not listed learn sorted categories on train. */
  readonly order: Readonly<Record<string, readonly string[]>>;
  readonly unknown: "missing" | "flag";
}

/** Validates ordinal options from JSON. */
export function parseOrdinal(obj: Obj, path: string): OrdinalOptions {
  const columns = readStringArray(obj, "columns", path);
  if (columns.length === 0) throw new ParamError(`${path}.columns`, "list at least one column to encode");
  const orderObj = asObject(obj.order ?? {}, `${path}.order`);
  const order: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(orderObj)) {
    if (!columns.includes(name)) throw new ParamError(`${path}.order.${name}`, `"${name}" is not in columns`);
    if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === "string")) {
      throw new ParamError(`${path}.order.${name}`, "must be a non-empty list of category labels, first = 0");
    }
    if (new Set(list).size !== list.length) throw new ParamError(`${path}.order.${name}`, "lists a category twice");
    order[name] = list as string[];
  }
  return { op: "ordinal", columns, order, unknown: readEnum(obj, "unknown", path, ["missing", "flag"] as const, "missing") };
}

/** Encodes `options.columns` as category positions; categories come from `order` or the training rows. */
export function ordinal(table: Table, options: OrdinalOptions): StepResult {
  const rows = fitRows(table);
  const categories: Record<string, Json> = {};
  const unknownCounts: Record<string, Json> = {};
  let out = table;
  for (const name of options.columns) {
    const column = getColumn(table, name);
    const label = labels(column);
    let cats = options.order[name] as string[] | undefined;
    if (!cats) {
      const seen = new Map<string, number>();
      for (const r of rows) {
        const l = label[r];
        if (l !== null && !seen.has(l)) seen.set(l, column.type === "string" ? 0 : column.values[r]);
      }
      if (seen.size === 0) throw new StepError(`column "${name}" has no values in the training rows to learn categories from`);
      cats = [...seen.keys()];
      // Numbers sort by value, text by code unit, as OrdinalEncoder sorts categories.
      if (column.type === "string") cats.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      else cats.sort((a, b) => seen.get(a)! - seen.get(b)!);
    }
    const index = new Map(cats.map((c, k) => [c, k]));
    const fallback = options.unknown === "flag" ? -1 : NaN;
    let unknown = 0;
    const values = Float64Array.from(label, (l) => {
      if (l === null) return NaN;
      const k = index.get(l);
      if (k === undefined) unknown++;
      return k ?? fallback;
    });
    categories[name] = cats;
    unknownCounts[name] = unknown;
    out = withColumn(out, { name, type: "number", values });
  }
  return { table: out, fitted: { categories, unknown: unknownCounts, unknownAs: options.unknown === "flag" ? -1 : null, fittedOn: rows.length } };
}
