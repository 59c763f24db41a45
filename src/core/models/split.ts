import { findColumn, TableError, type Table } from "../frame/table";

/** The column a preprocess "split" step writes, holding "train" or "test" per row. */
export const SPLIT_COLUMN = "split";

/** Row indices by split, or undefined when the table has no text "split" column. */
export interface SplitRows {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * Train and test rows from the "split" column (other values, and missing ones, belong to
 * neither). Undefined when there is no such text column: the caller then uses every row.
 */
export function splitRows(table: Table): SplitRows | undefined {
  const col = findColumn(table, SPLIT_COLUMN);
  if (!col || col.type !== "string") return undefined;
  const train: number[] = [];
  const test: number[] = [];
  col.values.forEach((v, i) => {
    if (v === "train") train.push(i);
    else if (v === "test") test.push(i);
  });
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** Rows for an evaluation: one side of the split, or all rows. Throws when the side is empty. */
export function rowsFor(table: Table, which: "train" | "test" | "all"): { rows: Int32Array; hasSplit: boolean } {
  const split = splitRows(table);
  const all = () => Int32Array.from({ length: table.nRows }, (_, i) => i);
  if (which === "all" || !split) return { rows: all(), hasSplit: !!split };
  const rows = split[which];
  if (rows.length === 0) throw new TableError(`The "${SPLIT_COLUMN}" column has no "${which}" rows`);
  return { rows, hasSplit: true };
}
