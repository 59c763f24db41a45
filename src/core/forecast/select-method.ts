import { minLength, runMethod, type Forecast, type MethodName } from "./methods";

/** What the user asked for: a fixed method, or `auto` (best holdout MAE per series). */
export type MethodChoice = "auto" | MethodName;

/** Holdout accuracy: the method refitted without the last `holdout` periods, scored on them. */
export interface Backtest {
  readonly holdout: number;
  readonly mae: number;
  /** Mean absolute percentage error in %, over holdout periods whose actual is not 0; null if all are 0. */
  readonly mape: number | null;
}

/** The forecast of one series and how its method was chosen. */
export interface SeriesForecast {
  readonly method: MethodName;
  readonly forecast: Forecast;
  /** Backtest of the chosen method; null when the series is too short to hold periods out. */
  readonly backtest: Backtest | null;
  /** Set when the series could not get the requested method. */
  readonly warning?: string;
}

/**
 * Scores `method` on the last `holdout` periods of y after fitting it on the rest; null when the
 * remaining history is too short for the method.
 */
export function backtest(method: MethodName, y: Float64Array, m: number, holdout: number): Backtest | null {
  const nTrain = y.length - holdout;
  if (holdout < 1 || nTrain < minLength(method, m)) return null;
  const f = runMethod(method, y.subarray(0, nTrain), m, holdout, 0.9);
  let abs = 0;
  let pct = 0;
  let nPct = 0;
  for (let h = 0; h < holdout; h++) {
    const actual = y[nTrain + h];
    const err = Math.abs(actual - f.point[h]);
    abs += err;
    // Zero sales periods are common in sparse groups; they make a percentage error infinite.
    if (actual !== 0) {
      pct += err / Math.abs(actual);
      nPct++;
    }
  }
  return { holdout, mae: abs / holdout, mape: nPct ? (100 * pct) / nPct : null };
}

/**
 * Forecasts one series with `choice`. Series shorter than two seasons (and never fewer than
 * m + 2 periods, what trend + dummies needs) get the naive forecast and a warning, whatever was
 * asked: a seasonal model fitted on less than two cycles cannot tell season from noise.
 * `auto` backtests every method that fits on the history minus one season and keeps the lowest
 * MAE; ties go to the simpler method.
 */
export function forecastSeries(
  name: string,
  y: Float64Array,
  m: number,
  horizon: number,
  level: number,
  choice: MethodChoice,
): SeriesForecast {
  const n = y.length;
  const needed = Math.max(2 * m, m + 2);
  if (n < needed && choice !== "naive") {
    const warning = `Series "${name}" has ${n} periods, fewer than the ${needed} (two seasons) that ${choice} needs; forecast with naive (last value) instead`;
    return {
      method: "naive",
      forecast: runMethod("naive", y, m, horizon, level),
      backtest: backtest("naive", y, m, Math.min(m, n - 1)),
      warning,
    };
  }
  let method: MethodName = choice === "auto" ? "naive" : choice;
  let best = backtest(method, y, m, m);
  if (choice === "auto") {
    const candidates: MethodName[] = m > 1 ? ["seasonal_naive", "linear_seasonal"] : ["linear_seasonal"];
    for (const c of candidates) {
      const b = backtest(c, y, m, m);
      if (b && (!best || b.mae < best.mae)) {
        best = b;
        method = c;
      }
    }
  }
  return { method, forecast: runMethod(method, y, m, horizon, level), backtest: best };
}
