import type { Json, JsonObject } from "../json";
import { makeTable } from "../frame/table";
import {
  bucketByPeriod,
  filterRows,
  FREQS,
  forecastSeries,
  ordinalStart,
  periodLabel,
  periodOrdinal,
  readRowFilter,
  seasonLength,
  type Freq,
  type MethodChoice,
  type RowFilter,
} from "../forecast";
import { asObject, readEnum, readNumber, readOptionalString, readString } from "./params";
import { ParamError, throwIfCancelled, type CellKind, type CellOutput } from "./types";

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
  /** Central prediction-interval coverage in (0, 1), e.g. 0.9. */
  readonly interval: number;
  /** Keep only rows where a column equals a value, e.g. won deals. */
  readonly filter?: RowFilter;
}

const METHODS: readonly MethodChoice[] = ["auto", "naive", "seasonal_naive", "linear_seasonal"];

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
    const interval = readNumber(o, "interval", "params", { fallback: 0.9 });
    if (!(interval > 0 && interval < 1)) throw new ParamError("params.interval", "must be a number between 0 and 1, e.g. 0.9");
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
    const m = seasonLength(params.freq);
    const out = { series: [] as string[], period: [] as number[], kind: [] as string[], value: [] as number[], lower: [] as number[], upper: [] as number[] };
    const push = (s: string, p: number, k: string, v: number, lo: number, hi: number) => {
      out.series.push(s);
      out.period.push(p);
      out.kind.push(k);
      out.value.push(v);
      out.lower.push(lo);
      out.upper.push(hi);
    };
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
      const result = forecastSeries(s.name, s.values, m, params.horizon, params.interval, params.method);
      for (let t = 0; t < s.values.length; t++) push(s.name, s.periods[t], "history", s.values[t], NaN, NaN);
      const lastOrdinal = periodOrdinal(s.periods[s.periods.length - 1], params.freq);
      let sum = 0;
      for (let h = 0; h < params.horizon; h++) {
        const f = result.forecast;
        push(s.name, ordinalStart(lastOrdinal + 1 + h, params.freq), "forecast", f.point[h], f.lower[h], f.upper[h]);
        sum += f.point[h];
      }
      methods[s.name] = result.method;
      backtests[s.name] = result.backtest ? { holdout: result.backtest.holdout, mae: result.backtest.mae, mape: result.backtest.mape } : null;
      totals[s.name] = sum;
      filled[s.name] = s.filled.length;
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
    ]);
    const summary: JsonObject = {
      series: total,
      horizon: params.horizon,
      freq: params.freq,
      interval: params.interval,
      method: methods,
      backtest: backtests,
      totals,
      filledPeriods: filled,
      warnings,
    };
    return { table, summary };
  },
};
