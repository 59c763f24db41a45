/**
 * Parameter readers shared by the rfm and clv cells: transaction columns, cleaning switches and
 * ISO dates. Each names the field it rejects, like the readers in cells/params.ts.
 */
import { readBoolean, readOptionalString, readString, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import type { CleaningOptions, TransactionColumns } from "./transactions";

/** Reads customer/date/invoice and amount or quantity + price column names. */
export function readTransactionColumns(o: Obj, path: string, invoiceRequired = false): TransactionColumns {
  const amount = readOptionalString(o, "amount", path);
  const quantity = readOptionalString(o, "quantity", path);
  const price = readOptionalString(o, "price", path);
  if (!amount && !(quantity && price)) {
    throw new ParamError(`${path}.amount`, "name an amount column, or both a quantity and a price column");
  }
  const invoice = invoiceRequired ? readString(o, "invoice", path) : readOptionalString(o, "invoice", path);
  return {
    customer: readString(o, "customer", path),
    date: readString(o, "date", path),
    ...(invoice ? { invoice } : {}),
    ...(amount ? { amount } : { quantity, price }),
  };
}

/** Reads the cleaning switches; all default to on. */
export function readCleaning(o: Obj, path: string): CleaningOptions {
  return {
    dropCancelled: readBoolean(o, "dropCancelled", path, true),
    dropNonPositive: readBoolean(o, "dropNonPositive", path, true),
    dropMissingCustomer: readBoolean(o, "dropMissingCustomer", path, true),
  };
}

/** An optional ISO date (YYYY-MM-DD) as epoch ms at midnight UTC. */
export function readOptionalDate(o: Obj, key: string, path: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === "") return undefined;
  const m = typeof v === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim()) : null;
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== v.toString().trim()) {
    throw new ParamError(`${path}.${key}`, "must be a date written YYYY-MM-DD, e.g. 2011-12-10");
  }
  return ms;
}

/** An epoch-ms day as YYYY-MM-DD. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
