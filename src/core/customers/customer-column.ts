/**
 * The output column of customer ids, kept numeric when the input column was numeric, and an
 * ordering of customers by id so output tables are stable.
 */
import type { Column } from "../frame/table";
import type { Transactions } from "./transactions";

/** Customer codes sorted by id (numbers ascending, text by code unit; missing last). */
export function customersById(tx: Transactions, codes: ArrayLike<number>): Int32Array {
  const ids = tx.customerIds;
  return Int32Array.from(codes).sort((a, b) => {
    const x = ids[a], y = ids[b];
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The id column for the given customer codes, in order. */
export function customerColumn(name: string, tx: Transactions, codes: ArrayLike<number>): Column {
  if (tx.customerIsNumeric) {
    return { name, type: "number", values: Float64Array.from(codes, (c) => (tx.customerIds[c] as number | null) ?? NaN) };
  }
  return { name, type: "string", values: Array.from(codes, (c) => tx.customerIds[c] as string | null) };
}
