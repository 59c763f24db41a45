/**
 * Seasonality checks: the strength of a season (Wang, Smith & Hyndman 2006, on a classical
 * moving-average decomposition) and an autocorrelation test for choosing m when the user has
 * not given one.
 */

/**
 * F_s = max(0, 1 − Var(R) / Var(S + R)) on a classical decomposition: trend by the centred
 * (2×m) moving average, S the mean detrended value per position in the cycle, R what is left.
 * Near 1 for a strong, stable season; near 0 for none.
 */
export function seasonalStrength(y: ArrayLike<number>, m: number): number {
  const n = y.length;
  const half = Math.floor(m / 2);
  if (m <= 1 || n < 2 * m) return 0;
  const detr = new Float64Array(n).fill(NaN);
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (m % 2 === 0) {
      s = (y[t - half] + y[t + half]) / 2;
      for (let j = t - half + 1; j < t + half; j++) s += y[j];
    } else for (let j = t - half; j <= t + half; j++) s += y[j];
    detr[t] = y[t] - s / m;
  }
  const mean = new Float64Array(m);
  const count = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(detr[t])) continue;
    mean[t % m] += detr[t];
    count[t % m]++;
  }
  let grand = 0;
  for (let j = 0; j < m; j++) grand += (mean[j] = count[j] ? mean[j] / count[j] : 0) / m;
  const sr: number[] = [];
  const r: number[] = [];
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(detr[t])) continue;
    sr.push(detr[t]);
    r.push(detr[t] - (mean[t % m] - grand));
  }
  const vsr = variance(sr);
  return vsr > 0 ? Math.max(0, 1 - variance(r) / vsr) : 0;
}

/** Sample autocorrelation at `lag` (denominator n, as in Box–Jenkins). */
export function autocorrelation(y: ArrayLike<number>, lag: number): number {
  const n = y.length;
  if (lag >= n) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] / n;
  let c0 = 0;
  let c = 0;
  for (let i = 0; i < n; i++) c0 += (y[i] - mean) ** 2;
  for (let i = lag; i < n; i++) c += (y[i] - mean) * (y[i - lag] - mean);
  return c0 > 0 ? c / c0 : 0;
}

/**
 * The season length to use when the user gave none: the calendar's m (12 for months, 4 for
 * quarters, 52 for weeks) when the series covers two cycles and its autocorrelation at lag m,
 * after a first difference removes the trend, exceeds the ±1.645/√n band (one-sided 5%);
 * otherwise 1 (no season). A series too short to test keeps the calendar's m, so that the
 * "fewer than two seasons" fallback to naive still applies to it.
 */
export function detectSeasonLength(y: ArrayLike<number>, calendarM: number): number {
  if (calendarM <= 1) return 1;
  if (y.length < 2 * calendarM + 1) return calendarM;
  const diff = Float64Array.from({ length: y.length - 1 }, (_, i) => y[i + 1] - y[i]);
  return autocorrelation(diff, calendarM) > 1.645 / Math.sqrt(diff.length) ? calendarM : 1;
}

function variance(x: readonly number[]): number {
  if (x.length < 2) return 0;
  let mean = 0;
  for (const v of x) mean += v / x.length;
  let s = 0;
  for (const v of x) s += (v - mean) ** 2;
  return s / (x.length - 1);
}
