/**
 * onehot: replaces each listed column by one 0/1 number column per category, named `col=value`.
 * Categories are learned on the training rows and sorted (as scikit-learn's OneHotEncoder does);
 * a value unseen in training, or missing, encodes as all zeros (handle_unknown="ignore").
 */
import { getColumn, makeTable, type Column, type Table } from "../frame/table";
import { formatValue } from "../frame/to-csv";
import { readBoolean, readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import type { Json } from "../json";
import { fitRows, StepError, type StepResult } from "./types";

/** More categories than this is almost always an id or a free-text column, not a category. */
export const MAX_CATEGORIES = 1000;

/** Options of the onehot step. */
export interface OneHotOptions {
  readonly op: "onehot";
  readonly columns: readonly string[];
  /** Drop the first category's column (avoids collinearity in unregularised linear models). */
  readonly dropFirst: boolean;
}

/** Validates onehot options from JSON; `path` is e.g. "params.steps[1]". */
export function parseOneHot(obj: Obj, path: string): OneHotOptions {
  const columns = readStringArray(obj, "columns", path);
  if (columns.length === 0) throw new ParamError(`${path}.columns`, "list at least one column to encode");
  return { op: "onehot", columns, dropFirst: readBoolean(obj, "dropFirst", path, false) };
}

/** Labels of a column's values: the text itself, or numbers/booleans/dates as toCsv writes them. */
export function labels(column: Column): (string | null)[] {
  if (column.type === "string") return [...column.values];
  return Array.from(column.values, (v, i) => (Number.isNaN(v) ? null : formatValue(column, i)));
}

/** Sorted categories of `column` on `rows`: numeric order for numeric columns, code-unit order for text. */
/** labels(column), without copying a text column's values. */
function labelsView(column: Column): readonly (string | null)[] {
  return column.type === "string" ? column.values : labels(column);
}

function learnCategories(column: Column, rows: Int32Array): string[] {
  const label = labelsView(column);
  const byLabel = new Map<string, number>();
  for (const r of rows) {
    const l = label[r];
    if (l !== null && !byLabel.has(l)) {
      byLabel.set(l, column.type === "string" ? 0 : column.values[r]);
      if (byLabel.size > MAX_CATEGORIES) {
        throw new StepError(
          `column "${column.name}" has more than ${MAX_CATEGORIES} categories in the training rows; ` +
            "one-hot encoding it would add a column per value (is it an id or a number? leave it out)",
        );
      }
    }
  }
  const cats = [...byLabel.keys()];
  return column.type === "string" ? cats.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : cats.sort((a, b) => byLabel.get(a)! - byLabel.get(b)!);
}

/** One-hot encodes `options.columns`, each replaced in place by its `col=value` columns. */
export function onehot(table: Table, options: OneHotOptions): StepResult {
  const rows = fitRows(table);
  const categories: Record<string, Json> = {};
  const replacements = new Map<string, Column[]>();
  const existing = new Set(table.columns.map((c) => c.name));
  for (const name of options.columns) {
    const column = getColumn(table, name);
    const cats = learnCategories(column, rows);
    if (cats.length === 0) throw new StepError(`column "${name}" has no values in the training rows to learn categories from`);
    categories[name] = cats;
    const kept = options.dropFirst ? cats.slice(1) : cats;
    const index = new Map(kept.map((c, k) => [c, k]));
    const outs = kept.map((c) => {
      const outName = `${name}=${c}`;
      if (existing.has(outName)) throw new StepError(`column "${outName}" already exists; cannot one-hot encode "${name}"`);
      return new Float64Array(table.nRows);
    });
    const label = labelsView(column);
    for (let r = 0; r < table.nRows; r++) {
      const l = label[r];
      const k = l === null ? undefined : index.get(l);
      if (k !== undefined) outs[k][r] = 1;
    }
    replacements.set(name, kept.map((c, k): Column => ({ name: `${name}=${c}`, type: "number", values: outs[k] })));
  }
  const columns = table.columns.flatMap((c) => replacements.get(c.name) ?? [c]);
  return {
    table: makeTable(columns),
    fitted: { categories, dropFirst: options.dropFirst, fittedOn: rows.length },
  };
}
