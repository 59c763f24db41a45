/**
 * Recency, frequency and monetary value per customer at a snapshot date.
 * Recency: whole days from the customer's last purchase to the snapshot (floor, as pandas'
 * `(snapshot - last).days`). Frequency: distinct invoices (distinct purchase days when no invoice
 * column is given). Monetary: the sum of amounts.
 */
import { DAY_MS, dayStart, type Transactions } from "./transactions";

/** RFM values, one entry per customer code of the transactions. */
export interface RfmValues {
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
  /** Customers with at least one transaction before the snapshot (others have NaN values). */
  readonly active: Uint8Array;
  /** Transactions dated at or after the snapshot: not counted. */
  readonly afterSnapshot: number;
}

/** The default snapshot: midnight UTC of the day after the last transaction. */
export function defaultSnapshot(tx: Transactions): number {
  let last = -Infinity;
  for (let i = 0; i < tx.n; i++) if (tx.date[i] > last) last = tx.date[i];
  return dayStart(last) + DAY_MS;
}

/** Computes RFM values at `snapshot` (epoch ms). */
export function computeRfm(tx: Transactions, snapshot: number): RfmValues {
  const nc = tx.customerIds.length;
  const last = new Float64Array(nc).fill(-Infinity);
  const monetary = new Float64Array(nc);
  const frequency = new Float64Array(nc);
  const active = new Uint8Array(nc);
  // Distinct (customer, invoice) pairs, or (customer, day) pairs without invoices.
  const seen = new Set<number>();
  const nKeys = tx.invoice ? Math.max(1, tx.n) : 1e6;
  let afterSnapshot = 0;
  for (let i = 0; i < tx.n; i++) {
    const d = tx.date[i];
    if (d >= snapshot) {
      afterSnapshot++;
      continue;
    }
    const c = tx.customer[i];
    active[c] = 1;
    if (d > last[c]) last[c] = d;
    monetary[c] += tx.amount[i];
    const k = c * nKeys + (tx.invoice ? tx.invoice[i] : Math.floor(d / DAY_MS) + 5e5);
    if (!seen.has(k)) {
      seen.add(k);
      frequency[c]++;
    }
  }
  const recency = new Float64Array(nc);
  for (let c = 0; c < nc; c++) {
    recency[c] = active[c] ? Math.floor((snapshot - last[c]) / DAY_MS) : NaN;
    if (!active[c]) frequency[c] = monetary[c] = NaN;
  }
  return { recency, frequency, monetary, active, afterSnapshot };
}
