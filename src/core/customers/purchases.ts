/**
 * Per-customer purchase histories for the CLV models: transactions are merged per customer and
 * calendar day (UTC), so several invoices on one day count as one purchase, as in Fader & Hardie's
 * CDNOW analyses and lifetimes' `summary_data_from_transaction_data`.
 */
import { DAY_MS, type Transactions } from "./transactions";

/** Periods, as epoch ms; days are compared as whole UTC days. */
export interface PurchasePeriods {
  /** Last day of the calibration (fitting) period, inclusive. */
  readonly calibrationEnd: number;
  /** Last day of the holdout period, inclusive; absent when there is no holdout. */
  readonly holdoutEnd?: number;
  /** Length of the model's time unit in days (7 for weeks). */
  readonly unitDays: number;
}

/** Summaries of customers whose first purchase falls in the calibration period. */
export interface PurchaseSummary {
  /** Customer code (into Transactions.customerIds) per summarised customer. */
  readonly customer: Int32Array;
  /** Repeat purchases (purchase days after the first) in the calibration period. */
  readonly x: Float64Array;
  /** Time of the last purchase since the first, in units. */
  readonly tx: Float64Array;
  /** Time from the first purchase to the calibration end, in units. */
  readonly T: Float64Array;
  /** Mean value of the repeat purchases (NaN when x = 0): the m̄ of the Gamma-Gamma model. */
  readonly meanRepeatValue: Float64Array;
  /** Total value of all calibration purchases (first included). */
  readonly revenue: Float64Array;
  /** Purchase days in the holdout period (0 without a holdout). */
  readonly holdoutPurchases: Float64Array;
  /** Customers first seen after the calibration end (left out of the summary). */
  readonly firstSeenLater: number;
}

/** Summarises transactions into (x, t_x, T, m̄) per customer. */
export function summarisePurchases(tx: Transactions, periods: PurchasePeriods): PurchaseSummary {
  const calDay = Math.floor(periods.calibrationEnd / DAY_MS);
  const holdDay = periods.holdoutEnd === undefined ? calDay : Math.floor(periods.holdoutEnd / DAY_MS);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < tx.n; i++) {
    const d = Math.floor(tx.date[i] / DAY_MS);
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  const span = maxDay - minDay + 1;
  // One key per (customer, day): sorting the keys orders by customer, then day.
  const daily = new Map<number, number>();
  for (let i = 0; i < tx.n; i++) {
    const d = Math.floor(tx.date[i] / DAY_MS);
    if (d > holdDay) continue;
    const key = tx.customer[i] * span + (d - minDay);
    daily.set(key, (daily.get(key) ?? 0) + tx.amount[i]);
  }
  const keys = Float64Array.from(daily.keys()).sort();
  const out = { customer: [] as number[], x: [] as number[], tx: [] as number[], T: [] as number[], m: [] as number[], revenue: [] as number[], hold: [] as number[] };
  let firstSeenLater = 0;
  for (let s = 0; s < keys.length; ) {
    const c = Math.floor(keys[s] / span);
    let e = s;
    while (e < keys.length && Math.floor(keys[e] / span) === c) e++;
    const first = (keys[s] % span) + minDay;
    if (first > calDay) {
      firstSeenLater++;
      s = e;
      continue;
    }
    let x = 0, last = first, repeatValue = 0, revenue = 0, hold = 0;
    for (let j = s; j < e; j++) {
      const day = (keys[j] % span) + minDay;
      const value = daily.get(keys[j])!;
      if (day > calDay) {
        hold++;
        continue;
      }
      revenue += value;
      if (j > s) (x++, (repeatValue += value), (last = day));
    }
    out.customer.push(c);
    out.x.push(x);
    out.tx.push((last - first) / periods.unitDays);
    out.T.push((calDay - first) / periods.unitDays);
    out.m.push(x > 0 ? repeatValue / x : NaN);
    out.revenue.push(revenue);
    out.hold.push(hold);
    s = e;
  }
  return {
    customer: Int32Array.from(out.customer),
    x: Float64Array.from(out.x),
    tx: Float64Array.from(out.tx),
    T: Float64Array.from(out.T),
    meanRepeatValue: Float64Array.from(out.m),
    revenue: Float64Array.from(out.revenue),
    holdoutPurchases: Float64Array.from(out.hold),
    firstSeenLater,
  };
}
