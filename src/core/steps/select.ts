/**
 * select / drop: keep only the listed columns (in the listed order) or remove them. The "split"
 * and "fold" columns survive a select unless dropped by name, because losing them silently would
 * make the fitted steps after it learn from test rows.
 */
import { getColumn, makeTable, type Table } from "../frame/table";
import { readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import { FOLD_COLUMN, SPLIT_COLUMN, type StepResult } from "./types";

/** Options of the select step. */
export interface SelectOptions {
  readonly op: "select";
  readonly columns: readonly string[];
}

/** Options of the drop step. */
export interface DropOptions {
  readonly op: "drop";
  readonly columns: readonly string[];
}

function readColumns(obj: Obj, path: string, what: string): string[] {
  const columns = readStringArray(obj, "columns", path);
  if (columns.length === 0) throw new ParamError(`${path}.columns`, `list at least one column to ${what}`);
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new ParamError(`${path}.columns`, `"${c}" is listed twice`);
    seen.add(c);
  }
  return columns;
}

/** Validates select options from JSON. */
export function parseSelect(obj: Obj, path: string): SelectOptions {
  return { op: "select", columns: readColumns(obj, path, "keep") };
}

/** Validates drop options from JSON. */
export function parseDrop(obj: Obj, path: string): DropOptions {
  return { op: "drop", columns: readColumns(obj, path, "drop") };
}

/** Keeps `options.columns` in that order, plus the split/fold columns when present. */
export function select(table: Table, options: SelectOptions): StepResult {
  const kept = options.columns.map((name) => getColumn(table, name));
  const reserved = table.columns.filter((c) => (c.name === SPLIT_COLUMN || c.name === FOLD_COLUMN) && !options.columns.includes(c.name));
  const dropped = table.columns.filter((c) => !options.columns.includes(c.name) && !reserved.includes(c)).map((c) => c.name);
  return { table: makeTable([...kept, ...reserved]), fitted: { kept: [...options.columns, ...reserved.map((c) => c.name)], dropped } };
}

/** Removes `options.columns`; each must exist (a typo should not pass silently). */
export function drop(table: Table, options: DropOptions): StepResult {
  for (const name of options.columns) getColumn(table, name);
  const columns = table.columns.filter((c) => !options.columns.includes(c.name));
  return { table: makeTable(columns), fitted: { dropped: [...options.columns] } };
}
