/**
 * Row orders and row subsets for the table viewer: a sort index per column, per-column filters and
 * a substring search over text columns. The worker caches the results per output handle, so
 * scrolling a sorted or filtered million-row table re-reads slices instead of re-sorting.
 */
import { findColumn, type Column, type Table } from "./table";

/** A simple per-column filter; `value` is compared as a number for numeric columns (dates as epoch ms). */
export interface RowFilter {
  readonly column: string;
  readonly op: "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "contains" | "missing" | "present";
  readonly value?: string | number;
}

const collator = new Intl.Collator("en", { numeric: true });

/** Row numbers in sorted order of `column`; missing values last in either direction. */
export function sortIndex(column: Column, descending: boolean): Int32Array {
  const n = column.values.length;
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const sign = descending ? -1 : 1;
  if (column.type === "string") {
    const v = column.values;
    return rows.sort((a, b) => (v[a] === null ? (v[b] === null ? a - b : 1) : v[b] === null ? -1 : sign * collator.compare(v[a]!, v[b]!) || a - b));
  }
  const v = column.values;
  return rows.sort((a, b) => {
    const x = v[a], y = v[b];
    if (Number.isNaN(x)) return Number.isNaN(y) ? a - b : 1;
    if (Number.isNaN(y)) return -1;
    return sign * (x - y) || a - b;
  });
}

function matcher(column: Column, f: RowFilter): (row: number) => boolean {
  const v = column.values;
  const isMissing = (r: number) => (column.type === "string" ? v[r] === null : Number.isNaN(v[r] as number));
  if (f.op === "missing") return isMissing;
  if (f.op === "present") return (r) => !isMissing(r);
  if (column.type === "string" || f.op === "contains") {
    const needle = String(f.value ?? "").toLowerCase();
    const text = (r: number) => (column.type === "string" ? (v[r] as string | null) : String(v[r]))?.toLowerCase() ?? null;
    if (f.op === "contains") return (r) => text(r)?.includes(needle) ?? false;
    if (f.op === "eq") return (r) => text(r) === needle;
    if (f.op === "ne") return (r) => text(r) !== needle;
    const sign = f.op === "lt" || f.op === "le" ? -1 : 1;
    const strict = f.op === "lt" || f.op === "gt";
    return (r) => {
      const t = text(r);
      if (t === null) return false;
      const c = Math.sign(collator.compare(t, needle));
      return c === sign || (!strict && c === 0);
    };
  }
  const x = typeof f.value === "number" ? f.value : column.type === "date" ? Date.parse(String(f.value)) : Number(f.value);
  const num = v as Float64Array;
  switch (f.op) {
    case "eq": return (r) => num[r] === x;
    case "ne": return (r) => num[r] !== x && !Number.isNaN(num[r]);
    case "lt": return (r) => num[r] < x;
    case "le": return (r) => num[r] <= x;
    case "gt": return (r) => num[r] > x;
    default: return (r) => num[r] >= x;
  }
}

/**
 * The rows (in `order`, or table order) that pass every filter and, when `search` is non-empty,
 * contain it (case-insensitive) in at least one text column. Unknown columns are an error.
 */
export function selectRows(table: Table, filters: readonly RowFilter[], search: string | undefined, order?: Int32Array): Int32Array {
  const tests = filters.map((f) => {
    const column = findColumn(table, f.column);
    if (!column) throw new Error(`Filter on column "${f.column}", which this table does not have`);
    return matcher(column, f);
  });
  const needle = search?.trim().toLowerCase();
  const texts = needle ? table.columns.filter((c) => c.type === "string").map((c) => c.values as readonly (string | null)[]) : [];
  const n = table.nRows;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const r = order ? order[i] : i;
    if (!tests.every((t) => t(r))) continue;
    if (needle && !texts.some((v) => v[r]?.toLowerCase().includes(needle))) continue;
    out[k++] = r;
  }
  return out.slice(0, k);
}
