/**
 * Customer lifetime value over a horizon of months, discounted monthly.
 * Model-based: CLV = Σ_{i=1..H} (E[Y(i·month)] − E[Y((i−1)·month)]) · E[M] / (1 + d)^i, with
 * E[Y(t)] the BG/NBD expected purchases in (T, T+t] and E[M] the Gamma-Gamma expected spend
 * (as lifetimes' `customer_lifetime_value`). Simple: CLV = Σ_{t=1..H} r_t / (1 + d)^t with
 * r_t = (average monthly revenue so far) · retention^t.
 */
import { bgnbdExpectedPurchases, type BgNbdParams } from "./bgnbd";

/** Average month in days (365.25 / 12). */
export const MONTH_DAYS = 365.25 / 12;

/** Discounted expected value of one customer's purchases over `months` months. */
export function modelClv(
  params: BgNbdParams,
  customer: { x: number; tx: number; T: number },
  spend: number,
  months: number,
  monthlyRate: number,
  monthInUnits: number,
): number {
  let clv = 0;
  let before = 0;
  for (let i = 1; i <= months; i++) {
    const upTo = bgnbdExpectedPurchases(params, i * monthInUnits, customer.x, customer.tx, customer.T);
    clv += ((upTo - before) * spend) / Math.pow(1 + monthlyRate, i);
    before = upTo;
  }
  return clv;
}

/** Σ_{t=1..months} monthlyRevenue · retention^t / (1 + rate)^t. */
export function simpleClv(monthlyRevenue: number, months: number, monthlyRate: number, retention = 1): number {
  let clv = 0;
  for (let t = 1; t <= months; t++) clv += (monthlyRevenue * Math.pow(retention, t)) / Math.pow(1 + monthlyRate, t);
  return clv;
}
