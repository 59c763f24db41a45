/**
 * Reads transaction rows (customer, invoice, date, amount or quantity × price) out of a table
 * and applies the cleaning rules shared by the RFM and CLV cells, counting what each rule drops.
 */
import { getColumn, getNumeric, TableError, type Column, type Table } from "../frame/table";

/** Which columns hold what. Either `amount`, or both `quantity` and `price`. */
export interface TransactionColumns {
  readonly customer: string;
  readonly date: string;
  readonly invoice?: string;
  readonly amount?: string;
  readonly quantity?: string;
  readonly price?: string;
}

/** Cleaning rules; each is on by default in the cells. */
export interface CleaningOptions {
  /** Drop rows whose invoice text starts with "C" (the Online Retail convention for cancellations). */
  readonly dropCancelled: boolean;
  /** Drop rows with quantity <= 0 or price <= 0 (or amount <= 0 when an amount column is used). */
  readonly dropNonPositive: boolean;
  /** Drop rows without a customer; otherwise they form one customer with a missing id. */
  readonly dropMissingCustomer: boolean;
}

/** Rows dropped, by the first rule each row failed (rules are applied in this order). */
export interface CleaningReport {
  readonly rows: number;
  readonly missingCustomer: number;
  readonly cancelled: number;
  readonly nonPositive: number;
  /** Rows without a date or without a value: always dropped. */
  readonly missingDateOrValue: number;
  readonly kept: number;
}

/** Kept transactions, customers coded 0..nCustomers-1 and invoices 0..nInvoices-1. */
export interface Transactions {
  readonly n: number;
  readonly customer: Int32Array;
  /** Invoice code per row, or null when no invoice column was given. */
  readonly invoice: Int32Array | null;
  readonly date: Float64Array;
  readonly amount: Float64Array;
  /** Customer ids by code: numbers when the column is numeric, text otherwise (null = missing). */
  readonly customerIds: readonly (string | number | null)[];
  readonly customerIsNumeric: boolean;
}

/** Reads and cleans transactions; throws TableError naming a missing or wrongly typed column. */
export function readTransactions(
  table: Table,
  cols: TransactionColumns,
  cleaning: CleaningOptions,
): { transactions: Transactions; report: CleaningReport } {
  const customerCol = getColumn(table, cols.customer);
  const date = getNumeric(table, cols.date);
  if (date.type !== "date") throw new TableError(`Column "${cols.date}" is ${date.type}; a date column (YYYY-MM-DD) is needed`);
  const invoiceCol = cols.invoice ? getColumn(table, cols.invoice) : undefined;
  const value = valueReader(table, cols);
  const key = keyReader(customerCol);
  const invoiceKey = invoiceCol ? keyReader(invoiceCol) : undefined;
  const isCancelled = (i: number) => invoiceCol?.type === "string" && (invoiceCol.values[i]?.trimStart().startsWith("C") ?? false);

  const counts = { missingCustomer: 0, cancelled: 0, nonPositive: 0, missingDateOrValue: 0 };
  const keep: number[] = [];
  for (let i = 0; i < table.nRows; i++) {
    const id = key(i);
    if (id === null && cleaning.dropMissingCustomer) counts.missingCustomer++;
    else if (cleaning.dropCancelled && isCancelled(i)) counts.cancelled++;
    else if (cleaning.dropNonPositive && value.nonPositive(i)) counts.nonPositive++;
    else if (Number.isNaN(date.values[i]) || Number.isNaN(value.amount(i))) counts.missingDateOrValue++;
    else keep.push(i);
  }

  const codes = new Map<string | number | null, number>();
  const invoiceCodes = new Map<string | number | null, number>();
  const n = keep.length;
  const out = {
    customer: new Int32Array(n),
    invoice: invoiceKey ? new Int32Array(n) : null,
    date: new Float64Array(n),
    amount: new Float64Array(n),
  };
  for (let j = 0; j < n; j++) {
    const i = keep[j];
    const id = key(i);
    let code = codes.get(id);
    if (code === undefined) codes.set(id, (code = codes.size));
    out.customer[j] = code;
    if (invoiceKey && out.invoice) {
      const inv = invoiceKey(i);
      let ic = invoiceCodes.get(inv);
      if (ic === undefined) invoiceCodes.set(inv, (ic = invoiceCodes.size));
      out.invoice[j] = ic;
    }
    out.date[j] = date.values[i];
    out.amount[j] = value.amount(i);
  }
  return {
    transactions: { n, ...out, customerIds: [...codes.keys()], customerIsNumeric: customerCol.type !== "string" },
    report: { rows: table.nRows, ...counts, kept: n },
  };
}

/** A row's key in an id column: the text, or the number (NaN and null read as missing). */
function keyReader(column: Column): (i: number) => string | number | null {
  if (column.type === "string") return (i) => column.values[i];
  return (i) => (Number.isNaN(column.values[i]) ? null : column.values[i]);
}

function valueReader(table: Table, cols: TransactionColumns): { amount(i: number): number; nonPositive(i: number): boolean } {
  if (cols.amount) {
    const a = getNumeric(table, cols.amount).values;
    return { amount: (i) => a[i], nonPositive: (i) => a[i] <= 0 };
  }
  if (!cols.quantity || !cols.price) {
    throw new TableError("Name an amount column, or both a quantity and a price column");
  }
  const q = getNumeric(table, cols.quantity).values;
  const p = getNumeric(table, cols.price).values;
  return { amount: (i) => q[i] * p[i], nonPositive: (i) => q[i] <= 0 || p[i] <= 0 };
}

/** One day in epoch milliseconds. */
export const DAY_MS = 86_400_000;

/** Midnight UTC of the day holding `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
