import { rollingOrigin, type Backtest } from "./backtest";
import { fitMethod, type FittedMethod, type MethodOptions } from "./fit-method";
import { mapForecast, type Band } from "./intervals";
import { METHOD_NAMES, type MethodName } from "./methods";

export type { Backtest } from "./backtest";

/** What the user asked for: a fixed method, or `auto` (best backtest MAE per series). */
export type MethodChoice = "auto" | MethodName;

/** Options for {@link forecastSeries} beyond the method's own. */
export interface SeriesOptions extends MethodOptions {
  /** Rolling-origin folds for the backtest (default 1). */
  readonly folds?: number;
  /** Methods `auto` compares (default all five), simplest first. */
  readonly candidates?: readonly MethodName[];
  /** Fit on log(y) and back-transform (forecasts become medians; intervals stay exact quantiles). */
  readonly log?: boolean;
}

/** The forecast of one series and how its method was chosen. */
export interface SeriesForecast {
  readonly method: MethodName;
  /** The fitted form, e.g. "ETS(M,A,M)". */
  readonly model: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Point, the first level's bounds as lower/upper, and every level's band. */
  readonly forecast: { readonly point: Float64Array; readonly lower: Float64Array; readonly upper: Float64Array; readonly bands: readonly Band[] };
  /** Backtest of the chosen method; null when the series is too short to hold periods out. */
  readonly backtest: Backtest | null;
  /** Backtest MAE of every candidate `auto` compared (null where it could not run). */
  readonly candidates?: Readonly<Record<string, number | null>>;
  /** Set when the series could not get the requested method. */
  readonly warning?: string;
}

/** Scores `method` on the last `holdout` periods of y after fitting it on the rest (one fold). */
export function backtest(method: MethodName, y: Float64Array, m: number, holdout: number, folds = 1, opts: MethodOptions = {}): Backtest | null {
  return rollingOrigin(y, m, holdout, folds, (train) => fitMethod(method, train, m, opts));
}

/**
 * Forecasts one series with `choice`. Series shorter than two seasons (and never fewer than
 * m + 2 periods) get the naive forecast and a warning, whatever was asked: a seasonal model
 * fitted on less than two cycles cannot tell season from noise. Backtests hold out one season
 * (or `horizon` periods without season) per fold. `auto` fits every candidate on the whole
 * history, backtests it (ETS and ARIMA keep the form they chose on the whole history and
 * re-estimate its parameters per fold, which keeps auto fast at the price of slight optimism)
 * and keeps the lowest MAE; ties go to the simpler method. Throws (with the series named) when
 * the series does not suit the requested method, e.g. log of a non-positive value.
 */
export function forecastSeries(
  name: string,
  y: Float64Array,
  m: number,
  horizon: number,
  level: number | readonly number[],
  choice: MethodChoice,
  opts: SeriesOptions = {},
): SeriesForecast {
  const levels = typeof level === "number" ? [level] : level;
  const n = y.length;
  const folds = opts.folds ?? 1;
  const holdout = m > 1 ? m : horizon;
  if (opts.log && y.some((v) => !(v > 0))) {
    throw new Error(`Series "${name}" has values ≤ 0; the log transform needs every value positive`);
  }
  const fit = (method: MethodName, z: Float64Array): FittedMethod => (opts.log ? logged(fitMethod(method, z.map(Math.log), m, opts)) : fitMethod(method, z, m, opts));
  const needed = Math.max(2 * m, m + 2);
  if (n < needed && choice !== "naive") {
    const warning = `Series "${name}" has ${n} periods, fewer than the ${needed} (two seasons) that ${choice} needs; forecast with naive (last value) instead`;
    const fm = fit("naive", y);
    return finish(fm, horizon, levels, rollingOrigin(y, m, Math.min(m, n - 1), 1, (tr) => fit("naive", tr)), undefined, warning);
  }
  if (choice !== "auto") {
    let fm: FittedMethod;
    try {
      fm = fit(choice, y);
    } catch (e) {
      throw new Error(`Series "${name}": ${(e as Error).message}`);
    }
    return finish(fm, horizon, levels, rollingOrigin(y, m, holdout, folds, (tr) => fm.refit(tr)));
  }
  const scores: Record<string, number | null> = {};
  let best: { fm: FittedMethod; bt: Backtest | null } | undefined;
  for (const c of opts.candidates ?? METHOD_NAMES) {
    if (c === "seasonal_naive" && m <= 1) continue;
    let fm: FittedMethod;
    try {
      fm = fit(c, y);
    } catch {
      scores[c] = null;
      continue;
    }
    const bt = rollingOrigin(y, m, holdout, folds, (tr) => fm.refit(tr));
    scores[c] = bt ? bt.mae : null;
    if (!best || (bt && (!best.bt || bt.mae < best.bt.mae))) best = { fm, bt };
  }
  if (!best) throw new Error(`Series "${name}": none of the candidate methods could be fitted`);
  return finish(best.fm, horizon, levels, best.bt, scores);
}

function finish(fm: FittedMethod, horizon: number, levels: readonly number[], bt: Backtest | null, candidates?: Record<string, number | null>, warning?: string): SeriesForecast {
  const f = fm.forecast(horizon, levels);
  return {
    method: fm.method,
    model: fm.model,
    params: fm.params,
    forecast: { point: f.point, lower: f.bands[0].lower, upper: f.bands[0].upper, bands: f.bands },
    backtest: bt,
    ...(candidates ? { candidates } : {}),
    ...(warning ? { warning } : {}),
  };
}

/** A method fitted on log(y), seen on the original scale. */
function logged(fm: FittedMethod): FittedMethod {
  return {
    ...fm,
    model: `${fm.model} on log`,
    forecast: (h, levels) => mapForecast(fm.forecast(h, levels), Math.exp),
    refit: (z) => logged(fm.refit(z.map(Math.log))),
  };
}
