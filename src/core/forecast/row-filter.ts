import { getColumn, type Table } from "../frame/table";
import { ParamError } from "../cells/types";
import { asObject, readString, type Obj } from "../cells/params";

/**
 * Keep only rows where `column` equals `equals`, e.g. only won deals `{column: "won", equals: 1}`
 * or only forecast rows `{column: "kind", equals: "forecast"}`. Shared by the forecast and
 * allocate cells (it is the one filter both need, so it is not a general expression language).
 */
export interface RowFilter {
  readonly column: string;
  readonly equals: string | number | boolean;
}

/** Reads an optional `filter` parameter; undefined when absent. */
export function readRowFilter(obj: Obj, key: string, path: string): RowFilter | undefined {
  const raw = obj[key];
  if (raw === undefined || raw === null) return undefined;
  const o = asObject(raw, `${path}.${key}`);
  const column = readString(o, "column", `${path}.${key}`);
  const equals = o.equals;
  const ok = typeof equals === "string" || typeof equals === "boolean" || (typeof equals === "number" && Number.isFinite(equals));
  if (!ok) throw new ParamError(`${path}.${key}.equals`, "must be a string, a finite number or true/false");
  return { column, equals: equals as RowFilter["equals"] };
}

/**
 * Indices of the rows that pass `filter` (all rows when it is undefined). Numbers compare with
 * numbers (true/false as 1/0, "1" as 1); text compares with the text form of `equals`, so a
 * filter written as `equals: 1` also matches a text column holding "1".
 */
export function filterRows(table: Table, filter: RowFilter | undefined): number[] {
  const all = Array.from({ length: table.nRows }, (_, i) => i);
  if (!filter) return all;
  const col = getColumn(table, filter.column);
  if (col.type === "string") {
    const want = String(filter.equals);
    return all.filter((i) => col.values[i] === want);
  }
  const want = typeof filter.equals === "string" && filter.equals.trim() === "" ? NaN : Number(filter.equals);
  if (Number.isNaN(want)) {
    throw new ParamError("params.filter.equals", `"${filter.equals}" is text but column "${filter.column}" holds numbers`);
  }
  return all.filter((i) => col.values[i] === want);
}
