/**
 * The one place danfo.js is touched: our Table to and from a danfo DataFrame, and danfo's
 * `describe()` as a table shown beside our own profile (a cross-check the analyst can see).
 *
 * Imported from danfo's non-bundled browser entry so the app keeps a single tfjs 4.22 (the default
 * entry is a 6 MB bundle with its own tfjs 3), and only ever dynamically from the worker.
 * Traps kept in here: danfo infers dtypes from the first rows, so we always pass our dtypes; and
 * `toJSON(df, {format: "row"})` returns columns ("column" returns rows), so we read columns directly.
 */
// "danfojs-browser" is an alias (vite.config.ts) for danfo's non-bundled entry, which danfo's
// package "exports" map hides behind the 6 MB bundle.
import * as danfo from "danfojs-browser";
import { makeTable, type Column, type Table } from "../src/core/frame/table";

interface DanfoFrame {
  readonly columns: string[];
  readonly dtypes: string[];
  readonly index: (string | number)[];
  column(name: string): { readonly values: unknown[] };
  describe(): DanfoFrame;
}

const DTYPE: Record<Column["type"], string> = { number: "float32", date: "float32", boolean: "boolean", string: "string" };

/**
 * A danfo DataFrame of `table`. Numbers go in as plain arrays of float64 values (danfo stores
 * them as float32 tensors only when asked to compute); missing numbers stay NaN, missing text null.
 */
export function toDanfo(table: Table): DanfoFrame {
  const data: Record<string, unknown[]> = {};
  for (const c of table.columns) {
    if (c.type === "string") data[c.name] = [...c.values];
    else data[c.name] = c.type === "boolean" ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v === 1)) : Array.from(c.values);
  }
  return new danfo.DataFrame(data as never, { columns: table.columns.map((c) => c.name), dtypes: table.columns.map((c) => DTYPE[c.type]) }) as DanfoFrame;
}

/** Our Table from a danfo DataFrame, typed by danfo's own dtypes (numeric columns become Float64Array). */
export function fromDanfo(df: DanfoFrame): Table {
  return makeTable(
    df.columns.map((name, i): Column => {
      const values = df.column(name).values;
      const dtype = df.dtypes[i];
      if (dtype === "string") return { name, type: "string", values: values.map((v) => (v === null || v === undefined ? null : String(v))) };
      if (dtype === "boolean") return { name, type: "boolean", values: Float64Array.from(values, (v) => (v === null || v === undefined ? NaN : v ? 1 : 0)) };
      return { name, type: "number", values: Float64Array.from(values, (v) => (typeof v === "number" ? v : NaN)) };
    }),
  );
}

/**
 * danfo's `describe()` of the numeric columns, as a table: a `statistic` column (count, mean, std,
 * min, median, max, variance) and one column per numeric column of `table`.
 */
export async function describeTable(table: Table): Promise<Table> {
  const numeric = makeTable(table.columns.filter((c) => c.type === "number"));
  if (numeric.columns.length === 0) return makeTable([{ name: "statistic", type: "string", values: [] }]);
  const stats = toDanfo(numeric).describe();
  return makeTable([{ name: "statistic", type: "string", values: stats.index.map(String) }, ...fromDanfo(stats).columns]);
}
