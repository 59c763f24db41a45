// Shared inputs for the model and evaluate cell tests.
import { makeTable, withColumn, type Table } from "../../../src/core/frame/table";
import type { CellOutput } from "../../../src/core/cells/types";
import { advertisingTable } from "../models/reference";
import { standardizedBank } from "../models/bank";

/** Wraps a table as an upstream cell's output. */
export const asInput = (table: Table): CellOutput => ({ table, summary: {} });

/** Advertising with a "split" column: the first 150 rows train, the last 50 test (as the reference). */
export function advertisingSplit(): Table {
  const t = advertisingTable();
  return withColumn(t, { name: "split", type: "string", values: Array.from({ length: t.nRows }, (_, i) => (i < 150 ? "train" : "test")) });
}

/** Standardised bank-full with a "split" column: every fifth row (index % 5 == 0) is a test row. */
export function bankSplit(): Table {
  const t = standardizedBank();
  return withColumn(t, { name: "split", type: "string", values: Array.from({ length: t.nRows }, (_, i) => (i % 5 === 0 ? "test" : "train")) });
}

/** A tiny table for error cases. */
export function tiny(): Table {
  return makeTable([
    { name: "x", type: "number", values: Float64Array.of(1, 2, 3, 4, 5, 6) },
    { name: "flag", type: "boolean", values: Float64Array.of(0, 1, 0, 1, 1, 0) },
    { name: "region", type: "string", values: ["n", "s", "n", "s", "n", "s"] },
    { name: "won", type: "string", values: ["yes", "no", "yes", "no", "no", "yes"] },
    { name: "same", type: "string", values: ["a", "a", "a", "a", "a", "a"] },
    { name: "y", type: "number", values: Float64Array.of(2.1, 3.9, 6.2, 8.1, 9.8, 12.2) },
  ]);
}
