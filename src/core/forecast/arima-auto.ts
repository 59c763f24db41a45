import { arimaName, fitArima, type ArimaFit, type ArimaOrder } from "./arima-fit";
import { difference, differencingPoly } from "./arima-poly";
import { seasonalStrength } from "./seasonality";

/**
 * KPSS level-stationarity statistic (Kwiatkowski et al. 1992): Σ S_t² / (n² σ̂²_LR) with S the
 * partial sums of the demeaned series and σ̂²_LR the Bartlett-weighted long-run variance with
 * lag ⌊3√n / 13⌋ (as forecast::ndiffs passes to urca::ur.kpss).
 */
export function kpssStatistic(y: ArrayLike<number>): number {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] / n;
  const e = Float64Array.from({ length: n }, (_, i) => y[i] - mean);
  let s = 0;
  let eta = 0;
  for (let i = 0; i < n; i++) eta += (s += e[i]) ** 2;
  const lags = Math.floor((3 * Math.sqrt(n)) / 13);
  let lr = 0;
  for (let i = 0; i < n; i++) lr += e[i] * e[i];
  for (let l = 1; l <= lags; l++) {
    let c = 0;
    for (let i = l; i < n; i++) c += e[i] * e[i - l];
    lr += 2 * (1 - l / (lags + 1)) * c;
  }
  lr /= n;
  return lr > 0 ? eta / (n * n * lr) : 0;
}

/** 5% critical value of the KPSS level test. */
const KPSS_CRITICAL = 0.463;

/** Seasonal differences: 1 when the seasonal strength exceeds 0.64 (forecast::nsdiffs' rule). */
export function seasonalDiffs(y: Float64Array, m: number): number {
  if (m <= 1 || y.length < 2 * m + 1) return 0;
  return seasonalStrength(y, m) > 0.64 ? 1 : 0;
}

/** First differences (0–2) until the KPSS test no longer rejects stationarity at 5%. */
export function firstDiffs(y: Float64Array, maxD = 2): number {
  let x = y;
  for (let d = 0; d < maxD; d++) {
    if (x.length < 5 || isConstant(x) || kpssStatistic(x) < KPSS_CRITICAL) return d;
    x = difference(x, [1]);
  }
  return maxD;
}

/** What auto-ARIMA settled on, with the AICc of each order it fitted. */
export interface ArimaSelection {
  readonly best: ArimaFit;
  readonly includeMean: boolean;
  readonly tried: Readonly<Record<string, number>>;
}

/**
 * Hyndman & Khandakar's (2008) stepwise search: D from seasonal strength, d by KPSS, then from
 * four starting orders move p, q, P, Q by ±1 (alone and p,q / P,Q together) while AICc falls,
 * with p, q ≤ 5, P, Q ≤ 1 (forecast allows 2; 1 keeps the seasonal state small enough to
 * search in the browser), p+q+P+Q ≤ 6 and at most `maxModels` fits. A mean is included when
 * d + D = 0 (no drift term otherwise; documented in docs/forecasting.md).
 */
export function autoArima(y: Float64Array, m: number, maxModels = 24): ArimaSelection {
  const season = m > 1 ? m : 1;
  const D = seasonalDiffs(y, season);
  const d = firstDiffs(D ? difference(y, differencingPoly(0, 1, season)) : y);
  const includeMean = d + D === 0;
  const tried: Record<string, number> = {};
  const fits = new Map<string, ArimaFit | null>();
  let best: ArimaFit | undefined;
  const consider = (p: number, q: number, P: number, Q: number): boolean => {
    if (p < 0 || q < 0 || P < 0 || Q < 0 || p > 5 || q > 5 || P > 1 || Q > 1 || p + q + P + Q > 6) return false;
    if (season === 1 && (P || Q)) return false;
    const order: ArimaOrder = { p, d, q, P, D, Q, m: season };
    const key = arimaName(order);
    if (fits.has(key) || fits.size >= maxModels) return false;
    let fit: ArimaFit | null = null;
    try {
      fit = fitArima(y, order, includeMean);
    } catch {
      fit = null;
    }
    fits.set(key, fit);
    tried[key] = fit ? fit.aicc : Infinity;
    if (fit && Number.isFinite(fit.aicc) && (!best || fit.aicc < best.aicc - 1e-8)) {
      best = fit;
      return true;
    }
    return false;
  };
  const s = season > 1 ? 1 : 0;
  consider(2, 2, s, s);
  consider(0, 0, 0, 0);
  consider(1, 0, s, 0);
  consider(0, 1, 0, s);
  for (let improved = true; improved && best; ) {
    improved = false;
    const { p, q, P, Q } = best.order;
    const moves: [number, number, number, number][] = [
      [p - 1, q, P, Q], [p + 1, q, P, Q], [p, q - 1, P, Q], [p, q + 1, P, Q],
      [p - 1, q - 1, P, Q], [p + 1, q + 1, P, Q],
      [p, q, P - 1, Q], [p, q, P + 1, Q], [p, q, P, Q - 1], [p, q, P, Q + 1],
      [p, q, P - 1, Q - 1], [p, q, P + 1, Q + 1],
    ];
    for (const [a, b, c, e] of moves) if (consider(a, b, c, e)) improved = true;
  }
  if (!best) throw new Error(`No ARIMA model could be fitted to ${y.length} periods`);
  return { best, includeMean, tried };
}

function isConstant(x: Float64Array): boolean {
  return x.every((v) => v === x[0]);
}
