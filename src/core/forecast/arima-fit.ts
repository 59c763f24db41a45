import { armaFilter } from "./arima-kalman";
import { arToPacf, difference, differencingPoly, multiplySeasonal, pacfToAr, psiWeights } from "./arima-poly";
import { normalQuantile } from "./distributions";
import { normalBands, type MultiForecast } from "./intervals";
import { nelderMead } from "./nelder-mead";

/** A (seasonal) ARIMA order (p,d,q)(P,D,Q)_m. */
export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
  readonly P: number;
  readonly D: number;
  readonly Q: number;
  readonly m: number;
}

/** A fitted (seasonal) ARIMA model. */
export interface ArimaFit {
  readonly order: ArimaOrder;
  /** Non-seasonal AR φ, MA θ, seasonal AR Φ and MA Θ, in statsmodels' sign convention. */
  readonly ar: Float64Array;
  readonly ma: Float64Array;
  readonly sar: Float64Array;
  readonly sma: Float64Array;
  /** Mean of the differenced series (0 when not included). */
  readonly mean: number;
  readonly sigma2: number;
  readonly loglik: number;
  readonly aicc: number;
  /** Estimated parameters plus one for σ². */
  readonly k: number;
  /** Observations the likelihood covers (after differencing). */
  readonly nUsed: number;
  /** Kalman state after the last observation and the history, for forecasting. */
  readonly state: Float64Array;
  readonly history: Float64Array;
}

/** "ARIMA(0,1,1)(0,1,1)[12]". */
export function arimaName(o: ArimaOrder, withMean = false): string {
  const s = o.m > 1 && o.P + o.D + o.Q > 0 ? `(${o.P},${o.D},${o.Q})[${o.m}]` : "";
  return `ARIMA(${o.p},${o.d},${o.q})${s}${withMean ? " with mean" : ""}`;
}

/**
 * Fits the order by exact Gaussian maximum likelihood of the differenced series (Kalman filter
 * from the stationary state; σ² concentrated out), by Nelder–Mead over partial-autocorrelation
 * transforms that keep every AR part stationary and every MA part invertible. A mean is
 * estimated only when `includeMean` (sensible when d + D = 0).
 */
export function fitArima(y: Float64Array, order: ArimaOrder, includeMean = false, start?: ArimaFit): ArimaFit {
  const { p, q, P, Q, m } = order;
  const w = difference(y, differencingPoly(order.d, order.D, m));
  const nPar = p + q + P + Q + (includeMean ? 1 : 0);
  if (w.length < nPar + 3) throw new Error(`${arimaName(order)} needs more than ${nPar + 2 + y.length - w.length} periods, got ${y.length}`);
  let wMean = 0;
  for (const v of w) wMean += v / w.length;
  let wSd = 0;
  for (const v of w) wSd += (v - wMean) ** 2 / w.length;
  wSd = Math.sqrt(wSd) || 1;
  const centred = new Float64Array(w.length);
  const unpack = (x: Float64Array) => {
    let i = 0;
    const take = (k: number) => x.subarray(i, (i += k));
    const ar = pacfToAr(take(p));
    const ma = pacfToAr(take(q)).map((v) => -v);
    const sar = pacfToAr(take(P));
    const sma = pacfToAr(take(Q)).map((v) => -v);
    const mean = includeMean ? wMean + x[i] * wSd : 0;
    return { ar, ma, sar, sma, mean };
  };
  const run = (x: Float64Array) => {
    const c = unpack(x);
    for (let t = 0; t < w.length; t++) centred[t] = w[t] - c.mean;
    return { c, f: armaFilter(centred, multiplySeasonal(c.ar, c.sar, m, -1), multiplySeasonal(c.ma, c.sma, m, 1)) };
  };
  const x0 = new Float64Array(nPar);
  if (start) {
    const back = (a: Float64Array, flip: boolean) => arToPacf(flip ? a.map((v) => -v) : a);
    x0.set([...back(start.ar, false), ...back(start.ma, true), ...back(start.sar, false), ...back(start.sma, true)].map((v) => (Number.isFinite(v) ? v : 0)));
    if (includeMean) x0[nPar - 1] = (start.mean - wMean) / wSd;
  }
  const best = nPar === 0 ? { x: x0 } : nelderMead((x) => -run(x).f.loglik, x0, { step: 0.3, tol: 1e-10, maxEval: 300 * nPar + 200, restarts: 2 });
  const { c, f } = run(best.x);
  if (!Number.isFinite(f.loglik)) throw new Error(`${arimaName(order)} could not be fitted to this series`);
  const k = nPar + 1;
  const n = w.length;
  const aicc = -2 * f.loglik + 2 * k + (n - k - 1 > 0 ? (2 * k * (k + 1)) / (n - k - 1) : Infinity);
  return { order, ...c, sigma2: f.sigma2, loglik: f.loglik, aicc, k, nUsed: n, state: Float64Array.from(f.state), history: Float64Array.from(y) };
}

/**
 * Forecasts: the differenced series' forecast from the Kalman state (T^h a), integrated back
 * through the differencing; intervals ŷ ± z·σ·√(Σ_{j<h} ψ_j²) with ψ the MA(∞) weights of the
 * full model φ(B)Φ(B^m)(1−B)^d(1−B^m)^D y = θ(B)Θ(B^m)ε (parameter uncertainty ignored, as
 * statsmodels and R do).
 */
export function arimaForecast(fit: ArimaFit, horizon: number, levels: readonly number[]): MultiForecast {
  const { m } = fit.order;
  const phi = multiplySeasonal(fit.ar, fit.sar, m, -1);
  const theta = multiplySeasonal(fit.ma, fit.sma, m, 1);
  const delta = differencingPoly(fit.order.d, fit.order.D, m);
  const r = fit.state.length;
  const a = Float64Array.from(fit.state);
  const y = Array.from(fit.history);
  const point = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    let v = a[0] + fit.mean;
    for (let k = 0; k < delta.length; k++) v += delta[k] * y[y.length - 1 - k];
    y.push(v);
    point[h] = v;
    const a0 = a[0];
    for (let i = 0; i < r - 1; i++) a[i] = (i < phi.length ? phi[i] * a0 : 0) + a[i + 1];
    a[r - 1] = r - 1 < phi.length ? phi[r - 1] * a0 : 0;
  }
  const fullAr = multiplySeasonal(phi, [], 1, -1);
  const integrated = polyMulAr(fullAr, delta);
  const psi = psiWeights(integrated, theta, horizon);
  const sd = new Float64Array(horizon);
  let acc = 0;
  for (let h = 0; h < horizon; h++) {
    acc += psi[h] ** 2;
    sd[h] = Math.sqrt(fit.sigma2 * acc);
  }
  return { point, bands: normalBands(point, sd, levels, normalQuantile) };
}

/** AR-convention coefficients of the product of two AR polynomials (1 − Σa)(1 − Σb). */
function polyMulAr(a: Float64Array, b: Float64Array): Float64Array {
  const ua = [1, ...Array.from(a, (v) => -v)];
  const ub = [1, ...Array.from(b, (v) => -v)];
  const out = new Float64Array(ua.length + ub.length - 1);
  for (let i = 0; i < ua.length; i++) for (let j = 0; j < ub.length; j++) out[i + j] += ua[i] * ub[j];
  return out.subarray(1).map((v) => -v);
}
