import type { Json, JsonObject } from "../json";
import { makeTable } from "../frame/table";
import {
  ALL_METHOD_NAMES,
  bucketByPeriod,
  bucketRegressors,
  detectSeasonLength,
  filterRows,
  METHOD_NAMES,
  FREQS,
  forecastSeries,
  ordinalStart,
  periodLabel,
  periodOrdinal,
  readRowFilter,
  seasonLength,
  type ArimaOrder,
  type ExogData,
  type Freq,
  type LstmOptions,
  type MethodChoice,
  type MethodName,
  type RowFilter,
  type SeriesForecast,
} from "../forecast";
import { addModelRow, modelsTable, type ModelRows, readArimaOrder, readCandidates, readEtsCode, readLevels, readLstmOptions, readRegressors } from "../forecast/cell-params";
import { asObject, readBoolean, readEnum, readNumber, readOptionalString, readString } from "./params";
import { CancelledError, throwIfCancelled, type CellKind, type CellOutput } from "./types";

/** Parameters of a forecast cell. */
export interface ForecastParams {
  /** Date column (or ISO date text) that places each row in a period. */
  readonly time: string;
  /** Numeric column summed per period. */
  readonly value: string;
  /** Optional column: one series per distinct value. */
  readonly groupBy?: string;
  readonly freq: Freq;
  /** Periods to forecast, 1..120. */
  readonly horizon: number;
  readonly method: MethodChoice;
  /** Central prediction-interval coverage in (0, 1), e.g. 0.9; the first of `levels`. */
  readonly interval: number;
  /** Every requested coverage (`interval` given as a number or a list). */
  readonly levels: readonly number[];
  /** Rolling-origin backtest folds, 1..10. */
  readonly folds: number;
  /** Fit on log(value) and back-transform. */
  readonly log: boolean;
  /** Empty periods: counted as 0 (with a warning), or the series is refused with a message. */
  readonly gaps: "zero" | "error";
  /** Season length, or "auto" (the calendar's, kept when an autocorrelation check finds it). */
  readonly season: number | "auto";
  /** ETS form for method ets: "auto" or letters such as "MAdM". */
  readonly ets: string;
  readonly etsInit: "estimated" | "heuristic";
  /** ARIMA order for method arima: "auto" or "p,d,q" / "p,d,q,P,D,Q". */
  readonly arima: "auto" | ArimaOrder;
  /** Methods auto compares (the LSTM only when listed). */
  readonly candidates: readonly MethodName[];
  /** LSTM settings for method lstm: lookback, units, epochs, learningRate. */
  readonly lstm: LstmOptions;
  /** Numeric columns aggregated per period and used as extra OLS columns by linear_seasonal. */
  readonly regressors: readonly string[];
  /** How a regressor is aggregated per period: sum (as the value) or mean. */
  readonly regressorAgg: "sum" | "mean";
  /** Keep only rows where a column equals a value, e.g. won deals. */
  readonly filter?: RowFilter;
}

const METHODS: readonly MethodChoice[] = ["auto", ...ALL_METHOD_NAMES];

/**
 * Forecast cell: buckets the input table into periods per group, forecasts each series with its
 * own method, and returns history and forecast rows in one long table
 * (series, period, kind, value, lower, upper) ready for a chart.
 */
export const forecastCell: CellKind<ForecastParams> = {
  id: "forecast",
  title: "Forecast",
  inputs: ["data"],
  parse(raw: unknown): ForecastParams {
    const o = asObject(raw ?? {}, "params");
    const levels = readLevels(o.interval);
    const interval = levels[0];
    const groupBy = readOptionalString(o, "groupBy", "params");
    const filter = readRowFilter(o, "filter", "params");
    return {
      time: readString(o, "time", "params"),
      value: readString(o, "value", "params"),
      ...(groupBy !== undefined ? { groupBy } : {}),
      freq: readEnum(o, "freq", "params", FREQS, "month"),
      horizon: readNumber(o, "horizon", "params", { fallback: 6, min: 1, max: 120, integer: true }),
      method: readEnum(o, "method", "params", METHODS, "auto"),
      interval,
      levels,
      folds: readNumber(o, "folds", "params", { fallback: 1, min: 1, max: 10, integer: true }),
      log: readBoolean(o, "log", "params", false),
      gaps: readEnum(o, "gaps", "params", ["zero", "error"] as const, "zero"),
      season: o.season === undefined || o.season === "auto" ? "auto" : readNumber(o, "season", "params", { min: 1, max: 366, integer: true }),
      ets: readEtsCode(o),
      etsInit: readEnum(o, "etsInit", "params", ["estimated", "heuristic"] as const, "estimated"),
      arima: readArimaOrder(o),
      candidates: o.candidates === undefined ? METHOD_NAMES : readCandidates(o.candidates),
      lstm: readLstmOptions(o.lstm),
      regressors: readRegressors(o.regressors),
      regressorAgg: readEnum(o, "regressorAgg", "params", ["sum", "mean"] as const, "sum"),
      ...(filter ? { filter } : {}),
    };
  },
  async run(inputs, params, ctx): Promise<CellOutput> {
    const data = inputs.data;
    if (!data) throw new Error('The forecast cell needs its "data" input connected');
    const rows = filterRows(data.table, params.filter);
    const bucketed = bucketByPeriod(data.table, { ...params, rows });
    if (bucketed.series.length === 0) {
      const why = params.filter ? ` after keeping ${params.filter.column} = ${params.filter.equals}` : "";
      throw new Error(`No rows with a date in "${params.time}" and a value in "${params.value}"${why}; nothing to forecast`);
    }
    const exogBySeries = params.regressors.length
      ? bucketRegressors(data.table, bucketed.series, { ...params, rows, agg: params.regressorAgg, horizon: params.horizon })
      : undefined;
    const calendarM = seasonLength(params.freq);
    const extraLevels = params.levels.length > 1 ? params.levels : [];
    const out = { series: [] as string[], period: [] as number[], kind: [] as string[], value: [] as number[], lower: [] as number[], upper: [] as number[], filled: [] as number[] };
    const bandCols = extraLevels.map(() => ({ lower: [] as number[], upper: [] as number[] }));
    const push = (s: string, p: number, k: string, v: number, lo: number, hi: number, isFilled: boolean, bands?: readonly { lower: Float64Array; upper: Float64Array }[], h = 0) => {
      out.series.push(s);
      out.period.push(p);
      out.kind.push(k);
      out.value.push(v);
      out.lower.push(lo);
      out.upper.push(hi);
      out.filled.push(isFilled ? 1 : 0);
      bandCols.forEach((c, i) => {
        c.lower.push(bands ? bands[i].lower[h] : NaN);
        c.upper.push(bands ? bands[i].upper[h] : NaN);
      });
    };
    const models: ModelRows = { series: [], method: [], model: [], params: [], m: [], mae: [], rmse: [], mape: [], smape: [], mase: [], error: [] };
    const errors: JsonObject = {};
    const modelNames: JsonObject = {};
    const fittedParams: JsonObject = {};
    const seasons: JsonObject = {};
    const methods: JsonObject = {};
    const backtests: JsonObject = {};
    const totals: JsonObject = {};
    const filled: JsonObject = {};
    const warnings: Json[] = [];
    if (bucketed.skippedTime) warnings.push(`${bucketed.skippedTime} rows had no usable date in "${params.time}" and were skipped`);
    if (bucketed.skippedValue) warnings.push(`${bucketed.skippedValue} rows had no value in "${params.value}" and were skipped`);
    const total = bucketed.series.length;
    for (const [i, s] of bucketed.series.entries()) {
      throwIfCancelled(ctx.signal);
      ctx.progress(i / total, `Forecasting ${s.name}`);
      const filledSet = new Set(s.filled);
      for (let t = 0; t < s.values.length; t++) push(s.name, s.periods[t], "history", s.values[t], NaN, NaN, filledSet.has(s.periods[t]));
      filled[s.name] = s.filled.length;
      const m = params.season === "auto" ? detectSeasonLength(s.values, calendarM) : params.season;
      seasons[s.name] = m;
      let result: SeriesForecast;
      try {
        if (params.gaps === "error" && s.filled.length) {
          throw new Error(`Series "${s.name}" has ${s.filled.length} ${params.freq}s without rows (first ${periodLabel(s.filled[0], params.freq)}); gaps = "error" refuses to count them as 0`);
        }
        const exog = exogBySeries?.get(s.name);
        if (exog && "error" in exog) throw new Error(exog.error);
        result = await forecastSeries(s.name, s.values, m, params.horizon, params.levels, params.method, {
          folds: params.folds,
          log: params.log,
          candidates: params.candidates,
          ets: params.ets,
          etsInit: params.etsInit,
          arima: params.arima,
          seed: ctx.seed,
          lstm: params.lstm,
          ...(exog ? { exog: exog as ExogData } : {}),
          progress: (f, message) => ctx.progress((i + f) / total, message),
          signal: ctx.signal,
        });
      } catch (e) {
        if (e instanceof CancelledError) throw e;
        const message = (e as Error).message;
        errors[s.name] = message;
        warnings.push(message);
        addModelRow(models, s.name, m, null, message);
        continue;
      }
      const lastOrdinal = periodOrdinal(s.periods[s.periods.length - 1], params.freq);
      let sum = 0;
      const f = result.forecast;
      for (let h = 0; h < params.horizon; h++) {
        push(s.name, ordinalStart(lastOrdinal + 1 + h, params.freq), "forecast", f.point[h], f.lower[h], f.upper[h], false, extraLevels.length ? f.bands : undefined, h);
        sum += f.point[h];
      }
      methods[s.name] = result.method;
      modelNames[s.name] = result.model;
      fittedParams[s.name] = result.params as JsonObject;
      const bt = result.backtest;
      backtests[s.name] = bt ? { holdout: bt.holdout, folds: bt.folds, mae: bt.mae, rmse: bt.rmse, mape: bt.mape, smape: bt.smape, mase: bt.mase, ...(result.candidates ? { candidates: result.candidates as JsonObject } : {}) } : null;
      addModelRow(models, s.name, m, result, null);
      totals[s.name] = sum;
      if (s.filled.length) {
        const shown = s.filled.slice(0, 5).map((p) => periodLabel(p, params.freq));
        warnings.push(`Series "${s.name}": ${s.filled.length} ${params.freq}s had no rows and count as 0 (${shown.join(", ")}${s.filled.length > 5 ? ", ..." : ""})`);
      }
      if (result.warning) warnings.push(result.warning);
    }
    ctx.progress(1);
    const table = makeTable([
      { name: "series", type: "string", values: out.series },
      { name: "period", type: "date", values: Float64Array.from(out.period) },
      { name: "kind", type: "string", values: out.kind },
      { name: "value", type: "number", values: Float64Array.from(out.value) },
      { name: "lower", type: "number", values: Float64Array.from(out.lower) },
      { name: "upper", type: "number", values: Float64Array.from(out.upper) },
      { name: "filled", type: "boolean", values: Float64Array.from(out.filled) },
      ...extraLevels.flatMap((level, i) => [
        { name: `lower_${Math.round(level * 100)}`, type: "number" as const, values: Float64Array.from(bandCols[i].lower) },
        { name: `upper_${Math.round(level * 100)}`, type: "number" as const, values: Float64Array.from(bandCols[i].upper) },
      ]),
    ]);
    const summary: JsonObject = {
      series: total,
      horizon: params.horizon,
      freq: params.freq,
      interval: params.interval,
      levels: [...params.levels],
      folds: params.folds,
      log: params.log,
      ...(params.regressors.length ? { regressors: [...params.regressors], regressorAgg: params.regressorAgg } : {}),
      season: seasons,
      method: methods,
      model: modelNames,
      params: fittedParams,
      errors,
      backtest: backtests,
      totals,
      filledPeriods: filled,
      warnings,
    };
    return { table, summary, extras: { models: modelsTable(models) } };
  },
};
