/**
 * The column table: the one in-memory data shape of the core.
 *
 * Numeric, boolean and date columns are Float64Array with NaN for missing (dates are epoch
 * milliseconds, UTC). Text columns are arrays of strings with null for missing. A Table is
 * plain data, so it survives structuredClone and crosses the worker boundary as-is (typed arrays
 * can be transferred).
 */
export type ColumnType = "number" | "boolean" | "date" | "string";

/** A column of numbers (also booleans as 0/1, and dates as epoch ms); NaN marks a missing value. */
export interface NumericColumn {
  readonly name: string;
  readonly type: "number" | "boolean" | "date";
  readonly values: Float64Array;
}

/** A column of text; null marks a missing value. */
export interface StringColumn {
  readonly name: string;
  readonly type: "string";
  readonly values: readonly (string | null)[];
}

export type Column = NumericColumn | StringColumn;

/** A table: named columns of equal length. */
export interface Table {
  readonly nRows: number;
  readonly columns: readonly Column[];
}

/** Thrown when a table does not have what a step or cell asks of it; the message names the column. */
export class TableError extends Error {
  override readonly name = "TableError";
}

/** Builds a table, checking that column names are unique and lengths agree. */
export function makeTable(columns: readonly Column[]): Table {
  const nRows = columns.length ? columns[0].values.length : 0;
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new TableError(`Column "${c.name}" appears more than once`);
    seen.add(c.name);
    if (c.values.length !== nRows) {
      throw new TableError(`Column "${c.name}" has ${c.values.length} rows, expected ${nRows}`);
    }
  }
  return { nRows, columns };
}

/** True when the column holds numbers (number, boolean or date). */
export function isNumeric(column: Column): column is NumericColumn {
  return column.type !== "string";
}

/** The column named `name`, or undefined. */
export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The column named `name`; throws a TableError naming the missing column and what exists. */
export function getColumn(table: Table, name: string): Column {
  const column = findColumn(table, name);
  if (!column) {
    const names = table.columns.map((c) => c.name).join(", ");
    throw new TableError(`Column "${name}" not found (columns: ${names || "none"})`);
  }
  return column;
}

/** The numeric column named `name`; throws when it is missing or holds text. */
export function getNumeric(table: Table, name: string): NumericColumn {
  const column = getColumn(table, name);
  if (!isNumeric(column)) throw new TableError(`Column "${name}" is text; a numeric column is needed`);
  return column;
}

/** The text column named `name`; throws when it is missing or holds numbers. */
export function getString(table: Table, name: string): StringColumn {
  const column = getColumn(table, name);
  if (column.type !== "string") throw new TableError(`Column "${name}" is ${column.type}; a text column is needed`);
  return column;
}

/** A new table with `column` added, or replacing the column of the same name in place. */
export function withColumn(table: Table, column: Column): Table {
  const i = table.columns.findIndex((c) => c.name === column.name);
  const columns = [...table.columns];
  if (i >= 0) columns[i] = column;
  else columns.push(column);
  return makeTable(columns);
}

/** Rows `rows` (indices, in order) of every column. */
export function takeRows(table: Table, rows: ArrayLike<number>): Table {
  return makeTable(
    table.columns.map((c): Column => {
      if (c.type === "string") return { ...c, values: Array.from(rows, (r) => c.values[r]) };
      const out = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = c.values[rows[i]];
      return { ...c, values: out };
    }),
  );
}

/** Rows [start, end) of every column (copies). */
export function sliceRows(table: Table, start: number, end: number): Table {
  const s = Math.max(0, start);
  const e = Math.min(table.nRows, end);
  return makeTable(
    table.columns.map((c): Column =>
      c.type === "string" ? { ...c, values: c.values.slice(s, e) } : { ...c, values: c.values.slice(s, e) },
    ),
  );
}
