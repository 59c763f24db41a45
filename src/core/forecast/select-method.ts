import { CancelledError, type CancelSignal } from "../cells/types";
import { rollingOrigin, type Backtest } from "./backtest";
import { fitMethod, fitMethodAsync, type FittedMethod, type MethodOptions } from "./fit-method";
import type { TrainHooks } from "./lstm";
import { mapForecast, type Band } from "./intervals";
import { METHOD_NAMES, type MethodName } from "./methods";

export type { Backtest } from "./backtest";

/** What the user asked for: a fixed method, or `auto` (best backtest MAE per series). */
export type MethodChoice = "auto" | MethodName;

/** Options for {@link forecastSeries} beyond the method's own. */
export interface SeriesOptions extends MethodOptions {
  /** Rolling-origin folds for the backtest (default 1). */
  readonly folds?: number;
  /** Methods `auto` compares (default the five without the LSTM), simplest first. */
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
  const inner = fm.refitAsync;
  return {
    ...fm,
    model: `${fm.model} on log`,
    forecast: (h, levels) => mapForecast(fm.forecast(h, levels), Math.exp),
    refit: (z) => logged(fm.refit(z.map(Math.log))),
    refitAsync: inner ? async (z, hooks) => logged(await inner(z.map(Math.log), hooks)) : undefined,
  };
}

/** {@link SeriesOptions} plus progress and cancel for methods that train (the LSTM). */
export interface AsyncSeriesOptions extends SeriesOptions {
  /** Progress of this series in [0, 1] (per LSTM epoch), with a message. */
  readonly progress?: (fraction: number, message: string) => void;
  /** Checked between LSTM epochs; aborting throws CancelledError. */
  readonly signal?: CancelSignal;
}

/**
 * Forecasts one series with `choice`. Series shorter than two seasons (and never fewer than
 * m + 2 periods) get the naive forecast and a warning, whatever was asked: a seasonal model
 * fitted on less than two cycles cannot tell season from noise. Backtests hold out one season
 * (or `horizon` periods without season) per fold. `auto` fits every candidate on the whole
 * history, backtests it (ETS and ARIMA keep the form they chose on the whole history and
 * re-estimate its parameters per fold, which keeps auto fast at the price of slight optimism)
 * and keeps the lowest MAE; ties go to the simpler method. Throws (with the series named) when
 * the series does not suit the requested method, e.g. log of a non-positive value. The LSTM (asked
 * for, or among auto's `candidates`) is trained once on the whole history and once per backtest
 * fold, reporting progress per epoch and honouring cancel; a CancelledError always propagates,
 * it never becomes a per-series error or a skipped candidate.
 */
export async function forecastSeries(
  name: string,
  y: Float64Array,
  m: number,
  horizon: number,
  level: number | readonly number[],
  choice: MethodChoice,
  opts: AsyncSeriesOptions = {},
): Promise<SeriesForecast> {
  const candidates = opts.candidates ?? METHOD_NAMES;
  const n = y.length;
  const levels = typeof level === "number" ? [level] : level;
  const folds = opts.folds ?? 1;
  const holdout = m > 1 ? m : horizon;
  if (opts.log && y.some((v) => !(v > 0))) {
    throw new Error(`Series "${name}" has values ≤ 0; the log transform needs every value positive`);
  }
  const trainings = 1 + folds;
  let trained = 0;
  const hooks = (label: string): TrainHooks => ({
    signal: opts.signal,
    onEpoch: (e, epochs, loss) => opts.progress?.(Math.min(1, (trained + e / epochs) / trainings), `${name}: LSTM ${label}, epoch ${e}/${epochs}, loss ${loss.toPrecision(3)}`),
  });
  const fit = async (method: MethodName, z: Float64Array): Promise<FittedMethod> => {
    const fm = await fitMethodAsync(method, opts.log ? z.map(Math.log) : z, m, opts, hooks("on the whole history"));
    if (method === "lstm") trained++;
    return opts.log ? logged(fm) : fm;
  };
  const test = async (fm: FittedMethod): Promise<Backtest | null> => {
    if (!fm.refitAsync) return rollingOrigin(y, m, holdout, folds, (tr) => fm.refit(tr));
    const byLength = new Map<number, FittedMethod>();
    for (let i = 0; i < folds; i++) {
      const end = n - (folds - i) * holdout;
      if (end < 1 || holdout < 1) continue;
      try {
        byLength.set(end, await fm.refitAsync(y.subarray(0, end), hooks(`backtest fold ${i + 1}/${folds}`)));
      } catch (e) {
        if (e instanceof CancelledError) throw e;
        // Too short a fold: skipped, as rollingOrigin skips folds whose fit throws.
      } finally {
        trained++;
      }
    }
    return rollingOrigin(y, m, holdout, folds, (tr) => {
      const f = byLength.get(tr.length);
      if (!f) throw new Error("fold skipped");
      return f;
    });
  };
  const needed = Math.max(2 * m, m + 2);
  if (n < needed && choice !== "naive") {
    const warning = `Series "${name}" has ${n} periods, fewer than the ${needed} (two seasons) that ${choice} needs; forecast with naive (last value) instead`;
    const fm = await fit("naive", y);
    return finish(fm, horizon, levels, rollingOrigin(y, m, Math.min(m, n - 1), 1, (tr) => fm.refit(tr)), undefined, warning);
  }
  if (choice !== "auto") {
    let fm: FittedMethod;
    try {
      fm = await fit(choice, y);
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      throw new Error(`Series "${name}": ${(e as Error).message}`);
    }
    return finish(fm, horizon, levels, await test(fm));
  }
  const scores: Record<string, number | null> = {};
  let best: { fm: FittedMethod; bt: Backtest | null } | undefined;
  for (const c of candidates) {
    if (c === "seasonal_naive" && m <= 1) continue;
    let fm: FittedMethod;
    try {
      fm = await fit(c, y);
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      scores[c] = null;
      continue;
    }
    const bt = await test(fm);
    scores[c] = bt ? bt.mae : null;
    if (!best || (bt && (!best.bt || bt.mae < best.bt.mae))) best = { fm, bt };
  }
  if (!best) throw new Error(`Series "${name}": none of the candidate methods could be fitted`);
  return finish(best.fm, horizon, levels, best.bt, scores);
}
