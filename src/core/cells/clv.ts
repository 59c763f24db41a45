import type { JsonObject } from "../json";
import { makeTable, type Column, type Table } from "../frame/table";
import {
  customerColumn,
  DAY_MS,
  dayStart,
  fitClvModels,
  holdoutByFrequency,
  isoDay,
  MONTH_DAYS,
  predictClv,
  readCleaning,
  readOptionalDate,
  readTransactionColumns,
  readTransactions,
  simpleClv,
  summarisePurchases,
  type ClvFits,
  type CleaningOptions,
  type PurchaseSummary,
  type TransactionColumns,
} from "../customers";
import { asObject, readEnum, readNumber } from "./params";
import { throwIfCancelled, type CellKind, type CellOutput, type RunContext } from "./types";

/** Parameters of a clv cell. */
export interface ClvParams {
  readonly columns: TransactionColumns;
  readonly cleaning: CleaningOptions;
  /** "bgnbd": BG/NBD + Gamma-Gamma; "simple": discounted average monthly revenue. */
  readonly method: "bgnbd" | "simple";
  /** Time unit of the fitted parameters (α scales with it; predictions do not). */
  readonly timeUnit: "day" | "week" | "month";
  /** Last day of the fitting period when a holdout check is wanted (epoch ms). */
  readonly calibrationEnd?: number;
  /** Last day of the data used (epoch ms); default the last transaction's day. */
  readonly holdoutEnd?: number;
  readonly horizonMonths: number;
  /** Monthly discount rate, e.g. 0.01. */
  readonly discountRate: number;
  /** Monthly retention of the simple method (1 = no churn). */
  readonly retention: number;
}

const UNIT_DAYS = { day: 1, week: 7, month: MONTH_DAYS } as const;

/**
 * CLV cell: per-customer expected purchases, probability alive, expected spend and discounted
 * lifetime value over a horizon, from BG/NBD + Gamma-Gamma fitted by maximum likelihood, or the
 * simple discounted formula. With a calibration end, the models are first fitted up to it and
 * checked on the holdout (extras.holdout), then refitted on all the data for the predictions.
 */
export const clvCell: CellKind<ClvParams> = {
  id: "clv",
  title: "Customer lifetime value",
  inputs: ["data"],
  parse(raw: unknown): ClvParams {
    const o = asObject(raw ?? {}, "params");
    const calibrationEnd = readOptionalDate(o, "calibrationEnd", "params");
    const holdoutEnd = readOptionalDate(o, "holdoutEnd", "params");
    return {
      columns: readTransactionColumns(o, "params"),
      cleaning: readCleaning(o, "params"),
      method: readEnum(o, "method", "params", ["bgnbd", "simple"] as const, "bgnbd"),
      timeUnit: readEnum(o, "timeUnit", "params", ["day", "week", "month"] as const, "week"),
      ...(calibrationEnd !== undefined ? { calibrationEnd } : {}),
      ...(holdoutEnd !== undefined ? { holdoutEnd } : {}),
      horizonMonths: readNumber(o, "horizonMonths", "params", { fallback: 12, min: 1, max: 120, integer: true }),
      discountRate: readNumber(o, "discountRate", "params", { fallback: 0.01, min: 0, max: 1 }),
      retention: readNumber(o, "retention", "params", { fallback: 1, min: 0, max: 1 }),
    };
  },
  async run(inputs, params, ctx): Promise<CellOutput> {
    const data = inputs.data;
    if (!data) throw new Error('The clv cell needs its "data" input connected');
    const { transactions: tx, report } = readTransactions(data.table, params.columns, params.cleaning);
    if (tx.n === 0) throw new Error(`No transactions left after cleaning ${report.rows} rows`);
    let first = Infinity, last = -Infinity;
    for (const d of tx.date) (first = Math.min(first, d)), (last = Math.max(last, d));
    first = dayStart(first);
    const end = params.holdoutEnd ?? dayStart(last);
    if (end < first) throw new Error(`holdoutEnd ${isoDay(end)} is before the first transaction (${isoDay(first)})`);
    const cal = params.calibrationEnd;
    if (cal !== undefined && !(cal >= first && cal < end)) {
      throw new Error(`Dates out of order: need first transaction (${isoDay(first)}) <= calibrationEnd (${isoDay(cal)}) < holdoutEnd or the last transaction (${isoDay(end)})`);
    }
    const unitDays = UNIT_DAYS[params.timeUnit];
    const summary: JsonObject = { rows: report.rows, keptRows: report.kept, dropped: { missingCustomer: report.missingCustomer, cancelled: report.cancelled, nonPositive: report.nonPositive, missingDateOrValue: report.missingDateOrValue }, method: params.method, timeUnit: params.timeUnit, end: isoDay(end), horizonMonths: params.horizonMonths, discountRate: params.discountRate };
    const full = summarisePurchases(tx, { calibrationEnd: end, unitDays });
    if (params.method === "simple") {
      return { table: simpleTable(full, tx, params, unitDays), summary: { ...summary, customers: full.x.length } };
    }
    const extras: Record<string, Table> = {};
    const phases = cal !== undefined ? 2 : 1;
    if (cal !== undefined) {
      const calSummary = summarisePurchases(tx, { calibrationEnd: cal, holdoutEnd: end, unitDays });
      const fits = fit(calSummary, ctx, 0, phases);
      const h = holdoutByFrequency(calSummary, fits, (end - cal) / DAY_MS / unitDays);
      extras.holdout = makeTable([
        { name: "calibration_purchases", type: "string", values: Array.from(h.customers, (_, g) => (g === 7 ? "7+" : String(g))) },
        { name: "customers", type: "number", values: h.customers },
        { name: "actual", type: "number", values: h.actual },
        { name: "predicted", type: "number", values: h.predicted },
      ]);
      summary.calibration = { end: isoDay(cal), customers: calSummary.x.length, ...fitJson(fits) };
      summary.holdout = { days: (end - cal) / DAY_MS, actualPurchases: h.totalActual, predictedPurchases: h.totalPredicted, customersFirstSeenInHoldout: calSummary.firstSeenLater };
    }
    const fits = fit(full, ctx, phases - 1, phases);
    const monthInUnits = MONTH_DAYS / unitDays;
    const p = predictClv(full, fits, { horizon: params.horizonMonths * monthInUnits, months: params.horizonMonths, monthlyRate: params.discountRate, monthInUnits });
    ctx.progress(1);
    const columns: Column[] = [
      customerColumn(params.columns.customer, tx, full.customer),
      { name: "frequency", type: "number", values: full.x },
      { name: "recency", type: "number", values: full.tx },
      { name: "T", type: "number", values: full.T },
      { name: "monetary_mean", type: "number", values: full.meanRepeatValue },
      { name: "expected_purchases", type: "number", values: p.expected },
      { name: "p_alive", type: "number", values: p.pAlive },
      { name: "expected_spend", type: "number", values: p.spend },
      { name: "clv", type: "number", values: p.clv },
    ];
    let total = 0;
    for (const v of p.clv) total += v;
    Object.assign(summary, { customers: full.x.length, ...fitJson(fits), totalClv: total });
    return { table: makeTable(columns), summary, extras };
  },
};

function fit(s: PurchaseSummary, ctx: RunContext, phase: number, phases: number): ClvFits {
  return fitClvModels(s, {
    iteration: (which, i) => {
      throwIfCancelled(ctx.signal);
      if (i % 25 === 0) {
        const within = (which === "bgnbd" ? 0 : 0.6) + 0.4 * Math.min(1, i / 1000);
        ctx.progress((phase + within) / phases, `Fitting ${which === "bgnbd" ? "BG/NBD" : "Gamma-Gamma"}`);
      }
    },
  });
}

function fitJson(f: ClvFits): JsonObject {
  const { r, alpha, a, b } = f.bgnbd.params;
  const { p, q, v } = f.gammaGamma.params;
  return {
    bgnbd: { r, alpha, a, b, negLogLik: f.bgnbd.negLogLik, iterations: f.bgnbd.iterations, converged: f.bgnbd.converged },
    gammaGamma: { p, q, v, negLogLik: f.gammaGamma.negLogLik, customers: f.spendCustomers, converged: f.gammaGamma.converged },
    frequencySpendCorrelation: Number.isFinite(f.frequencySpendCorrelation) ? f.frequencySpendCorrelation : null,
  };
}

/** The simple method: average monthly revenue so far (over at least one month), discounted. */
function simpleTable(s: PurchaseSummary, tx: Parameters<typeof customerColumn>[1], params: ClvParams, unitDays: number): Table {
  const months = Float64Array.from(s.T, (T) => Math.max(1, (T * unitDays + 1) / MONTH_DAYS));
  const monthly = Float64Array.from(s.revenue, (r, i) => r / months[i]);
  const clv = Float64Array.from(monthly, (m) => simpleClv(m, params.horizonMonths, params.discountRate, params.retention));
  return makeTable([
    customerColumn(params.columns.customer, tx, s.customer),
    { name: "purchases", type: "number", values: Float64Array.from(s.x, (x) => x + 1) },
    { name: "revenue", type: "number", values: s.revenue },
    { name: "months_observed", type: "number", values: months },
    { name: "monthly_revenue", type: "number", values: monthly },
    { name: "clv", type: "number", values: clv },
  ]);
}
