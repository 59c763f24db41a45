import { normalQuantile, studentTQuantile } from "./distributions";
import { ols, predictionSe, predictRow, type OlsFit } from "./least-squares";
import { lstmMinLength, lstmSettings } from "./lstm";

/** Point forecasts with a central prediction interval (NaN bounds when none can be estimated). */
export interface Forecast {
  readonly point: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** A forecasting method the series picker can choose. */
export type MethodName = "naive" | "seasonal_naive" | "linear_seasonal" | "ets" | "arima" | "lstm";

/** The methods `auto` compares by default, simplest first (auto breaks ties towards the front). */
export const METHOD_NAMES: readonly MethodName[] = ["naive", "seasonal_naive", "linear_seasonal", "ets", "arima"];

/** Every method, including the LSTM (too slow for auto's default candidates, usable explicitly). */
export const ALL_METHOD_NAMES: readonly MethodName[] = [...METHOD_NAMES, "lstm"];

/**
 * Naive: every future period equals the last observed one. Interval ±z·σ·√h with σ² the mean
 * squared one-step change (Hyndman & Athanasopoulos, FPP3 §5.5); normal quantile as they use.
 */
export function naiveForecast(y: Float64Array, horizon: number, level: number): Forecast {
  const n = y.length;
  const sigma = rmsDiff(y, 1);
  const z = normalQuantile(0.5 + level / 2);
  return build(horizon, (h) => y[n - 1], (h) => z * sigma * Math.sqrt(h));
}

/**
 * Seasonal naive: each future period equals the same season one cycle earlier. Interval
 * ±z·σ·√(k+1), k = ⌊(h−1)/m⌋ full cycles ahead, σ² the mean squared seasonal difference (FPP3 §5.5).
 */
export function seasonalNaiveForecast(y: Float64Array, m: number, horizon: number, level: number): Forecast {
  const n = y.length;
  if (n < m) throw new Error(`Seasonal naive needs at least one full season (${m} periods), got ${n}`);
  const sigma = rmsDiff(y, m);
  const z = normalQuantile(0.5 + level / 2);
  return build(
    horizon,
    (h) => y[n - m + ((h - 1) % m)],
    (h) => z * sigma * Math.sqrt(Math.floor((h - 1) / m) + 1),
  );
}

/** The regressors of period index t (0-based): intercept, trend t, and m−1 season dummies. */
export function linearSeasonalRow(t: number, m: number): Float64Array {
  const row = new Float64Array(m + 1);
  row[0] = 1;
  row[1] = t;
  // Season 0 (the first period's position in the cycle) is the baseline absorbed by the intercept.
  const s = t % m;
  if (s > 0) row[1 + s] = 1;
  return row;
}

/** Fits y_t = β0 + β1·t + Σ γ_s·[t mod m = s] by OLS; needs n ≥ m + 2 (one residual degree of freedom). */
export function fitLinearSeasonal(y: Float64Array, m: number): OlsFit {
  const n = y.length;
  const p = m + 1;
  if (n < p + 1) throw new Error(`Trend + seasonal dummies needs at least ${p + 1} periods, got ${n}`);
  const x = new Float64Array(n * p);
  for (let t = 0; t < n; t++) x.set(linearSeasonalRow(t, m), t * p);
  return ols(x, y, n, p);
}

/**
 * Trend + seasonal dummies forecast, with the OLS interval for a new observation:
 * ŷ ± t(df, (1+level)/2) · s·√(1 + x0'(X'X)⁻¹x0), as statsmodels' `obs_ci_*`.
 */
export function linearSeasonalForecast(y: Float64Array, m: number, horizon: number, level: number): Forecast {
  const fit = fitLinearSeasonal(y, m);
  const tq = studentTQuantile(0.5 + level / 2, fit.df);
  const n = y.length;
  return build(
    horizon,
    (h) => predictRow(fit, linearSeasonalRow(n - 1 + h, m)),
    (h) => tq * predictionSe(fit, linearSeasonalRow(n - 1 + h, m)),
  );
}

/**
 * Fewest periods `name` needs to produce a forecast (for ETS and ARIMA a rough floor: two
 * seasons, or 8 periods without season; the fit itself says more precisely what it lacks).
 */
export function minLength(name: MethodName, m: number): number {
  if (name === "naive") return 1;
  if (name === "seasonal_naive") return m;
  if (name === "linear_seasonal") return m + 2;
  if (name === "lstm") return lstmMinLength(m, lstmSettings(m).lookback);
  return m > 1 ? 2 * m + 2 : 8;
}

function build(horizon: number, point: (h: number) => number, half: (h: number) => number): Forecast {
  const f = { point: new Float64Array(horizon), lower: new Float64Array(horizon), upper: new Float64Array(horizon) };
  for (let h = 1; h <= horizon; h++) {
    const p = point(h);
    const w = half(h);
    f.point[h - 1] = p;
    f.lower[h - 1] = p - w;
    f.upper[h - 1] = p + w;
  }
  return f;
}

/** sqrt(mean((y_t − y_{t−lag})²)); NaN when there is no pair, which makes the interval NaN. */
function rmsDiff(y: Float64Array, lag: number): number {
  let s = 0;
  let k = 0;
  for (let t = lag; t < y.length; t++, k++) s += (y[t] - y[t - lag]) ** 2;
  return k > 0 ? Math.sqrt(s / k) : NaN;
}
