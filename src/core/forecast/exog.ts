import { getColumn, getNumeric, type Column, type Table } from "../frame/table";
import type { PeriodSeries } from "./bucket";
import { studentTQuantile } from "./distributions";
import type { MultiForecast } from "./intervals";
import { ols, predictionSe, predictRow, RankDeficientError, type OlsFit } from "./least-squares";
import { linearSeasonalRow } from "./methods";
import { periodLabel, periodOrdinal, type Freq } from "./periods";

/**
 * Exogenous regressors of one series, aligned with its periods. `history[j][t]` is regressor j in
 * period t of the series; `future[j][h]` its value h + 1 periods after the last one. `known[j]`
 * says whether the table gave future values (rows dated in the horizon) or they are held at the
 * last observed value.
 */
export interface ExogData {
  readonly names: readonly string[];
  readonly history: readonly Float64Array[];
  readonly future: readonly Float64Array[];
  readonly known: readonly boolean[];
}

/** Options of {@link bucketRegressors}: the forecast cell's bucketing, plus the regressors. */
export interface ExogBucketOptions {
  readonly time: string;
  readonly groupBy?: string;
  readonly freq: Freq;
  readonly rows?: readonly number[];
  readonly regressors: readonly string[];
  /** Per-period aggregate: sum (as the value) or mean. */
  readonly agg: "sum" | "mean";
  readonly horizon: number;
}

/**
 * Aggregates every regressor column per period and group with the same bucketing as the value,
 * over every row with a usable time (also rows whose value is empty: that is how a table gives
 * the planned regressor values of future periods). History periods without a regressor value
 * count as 0 with `sum` (as the value does) and are an error with `mean`. Future periods take
 * their rows' aggregate when the table has rows dated there; a period without rows repeats the
 * period before it, so a regressor with no future rows at all is held at its last observed value.
 * Returns per series name either the data or the message that stops that series.
 */
export function bucketRegressors(table: Table, series: readonly PeriodSeries[], o: ExogBucketOptions): Map<string, ExogData | { error: string }> {
  const time = timeReader(getColumn(table, o.time));
  const group = o.groupBy === undefined ? undefined : getColumn(table, o.groupBy);
  const cols = o.regressors.map((name) => getNumeric(table, name).values);
  const rows = o.rows ?? Array.from({ length: table.nRows }, (_, i) => i);
  // per group: per regressor: ordinal -> [sum, count]
  const acc = new Map<string, Map<number, [number, number]>[]>();
  for (const r of rows) {
    const t = time(r);
    if (!Number.isFinite(t)) continue;
    const k = periodOrdinal(t, o.freq);
    const name = group ? groupLabel(group, r) : "all";
    let per = acc.get(name);
    if (!per) acc.set(name, (per = cols.map(() => new Map())));
    cols.forEach((col, j) => {
      const v = col[r];
      if (Number.isNaN(v)) return;
      const cell = per[j].get(k);
      if (cell) {
        cell[0] += v;
        cell[1]++;
      } else per[j].set(k, [v, 1]);
    });
  }
  const out = new Map<string, ExogData | { error: string }>();
  for (const s of series) {
    const per = acc.get(s.name) ?? cols.map(() => new Map<number, [number, number]>());
    const first = periodOrdinal(s.periods[0], o.freq);
    const n = s.periods.length;
    const value = (cell: [number, number] | undefined) => (cell ? (o.agg === "sum" ? cell[0] : cell[0] / cell[1]) : undefined);
    let error: string | undefined;
    const history: Float64Array[] = [];
    const future: Float64Array[] = [];
    const known: boolean[] = [];
    o.regressors.forEach((name, j) => {
      const h = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        const v = value(per[j].get(first + t));
        if (v === undefined && o.agg === "mean" && error === undefined) {
          error = `Series "${s.name}": regressor "${name}" has no value in ${periodLabel(s.periods[t], o.freq)}; with regressorAgg "mean" every history period needs one`;
        }
        h[t] = v ?? 0;
      }
      const f = new Float64Array(o.horizon);
      let prev = n ? h[n - 1] : NaN;
      let given = false;
      for (let i = 0; i < o.horizon; i++) {
        const v = value(per[j].get(first + n + i));
        if (v !== undefined) given = true;
        prev = v ?? prev;
        f[i] = prev;
      }
      history.push(h);
      future.push(f);
      known.push(given);
    });
    out.set(s.name, error ? { error } : { names: [...o.regressors], history, future, known });
  }
  return out;
}

/** The design row of period t: trend and season dummies, then the regressors' values. */
function exogRow(t: number, m: number, x: readonly number[]): Float64Array {
  const base = linearSeasonalRow(t, m);
  const row = new Float64Array(base.length + x.length);
  row.set(base);
  row.set(x, base.length);
  return row;
}

/** Trend + season dummies + regressors, fitted by OLS to the first y.length periods of `exog`. */
export interface ExogFit {
  readonly fit: OlsFit;
  readonly m: number;
  readonly n: number;
  readonly exog: ExogData;
}

/** Fits y_t = β0 + β1·t + Σ γ_s·[t mod m = s] + Σ δ_j·x_jt by OLS (Householder QR). */
export function fitLinearSeasonalExog(y: Float64Array, m: number, exog: ExogData): ExogFit {
  const n = y.length;
  const k = exog.names.length;
  const p = m + 1 + k;
  if (n < p + 1) throw new Error(`Trend + seasonal dummies + ${k} regressor${k === 1 ? "" : "s"} needs at least ${p + 1} periods, got ${n}`);
  if (exog.history.some((h) => h.length < n)) throw new Error("The regressors cover fewer periods than the series");
  const x = new Float64Array(n * p);
  for (let t = 0; t < n; t++) x.set(exogRow(t, m, exog.history.map((h) => h[t])), t * p);
  try {
    return { fit: ols(x, y, n, p), m, n, exog };
  } catch (e) {
    if (e instanceof RankDeficientError) {
      throw new Error(`The regressors ${exog.names.map((s) => `"${s}"`).join(", ")} are constant or a combination of the trend and season columns (or of each other)`);
    }
    throw e;
  }
}

/**
 * The regressor values of step h (1-based) after the fit's last period. A regressor with future
 * values from the table reads them, including, inside a backtest fold, the observed values of the
 * held-out periods; one without is held at the last value of the fitted history.
 */
export function exogFutureRow(f: ExogFit, h: number): number[] {
  const t = f.n - 1 + h;
  return f.exog.names.map((_, j) => {
    const hist = f.exog.history[j];
    if (!f.exog.known[j]) return hist[f.n - 1];
    if (t < hist.length) return hist[t];
    const fut = f.exog.future[j];
    return fut.length ? fut[Math.min(t - hist.length, fut.length - 1)] : hist[hist.length - 1];
  });
}

/** Forecasts with the OLS interval ŷ ± t(df)·s·√(1 + x0'(X'X)⁻¹x0), taking the regressors' future values as known. */
export function linearSeasonalExogForecast(f: ExogFit, horizon: number, levels: readonly number[]): MultiForecast {
  const point = new Float64Array(horizon);
  const se = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const row = exogRow(f.n - 1 + h, f.m, exogFutureRow(f, h));
    point[h - 1] = predictRow(f.fit, row);
    se[h - 1] = predictionSe(f.fit, row);
  }
  return {
    point,
    bands: levels.map((level) => {
      const q = studentTQuantile(0.5 + level / 2, f.fit.df);
      return { level, lower: point.map((p, i) => p - q * se[i]), upper: point.map((p, i) => p + q * se[i]) };
    }),
  };
}

/** Coefficients for the summary: intercept, trend and one per regressor (with standard errors). */
export function exogCoefficients(f: ExogFit): { intercept: number; trend: number; regressors: Record<string, number>; se: Record<string, number>; future: Record<string, string> } {
  const p = f.fit.p;
  const k = f.exog.names.length;
  const regressors: Record<string, number> = {};
  const se: Record<string, number> = {};
  const future: Record<string, string> = {};
  f.exog.names.forEach((name, j) => {
    const c = p - k + j;
    regressors[name] = f.fit.beta[c];
    se[name] = Math.sqrt(f.fit.sigma2 * f.fit.xtxInv[c * p + c]);
    future[name] = f.exog.known[j] ? "table" : "held at last value";
  });
  return { intercept: f.fit.beta[0], trend: f.fit.beta[1], regressors, se, future };
}

function timeReader(col: Column): (row: number) => number {
  if (col.type === "date") return (r) => col.values[r];
  if (col.type === "string") {
    return (r) => {
      const s = col.values[r];
      return s === null ? NaN : Date.parse(s);
    };
  }
  return () => NaN;
}

function groupLabel(col: Column, r: number): string {
  const v = col.values[r];
  if (v === null || (typeof v === "number" && Number.isNaN(v))) return "(missing)";
  return String(v);
}
