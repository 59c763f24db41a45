import { nelderMead } from "./nelder-mead";
import { etsFilter, etsName, type EtsParams, type EtsSpec, type EtsState } from "./ets-model";

/** A fitted ETS model. */
export interface EtsFit {
  readonly spec: EtsSpec;
  readonly params: EtsParams;
  readonly state: EtsState;
  readonly sigma2: number;
  readonly loglik: number;
  /** Free parameters (smoothing, initial states) plus one for σ². */
  readonly k: number;
  readonly aicc: number;
  readonly n: number;
  readonly fitted: Float64Array;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const PHI_LO = 0.8;
const PHI_SPAN = 0.18;

/** Fewest observations a form can be fitted to: two full seasons, and more points than parameters. */
export function etsMinLength(spec: EtsSpec): number {
  const free = 2 + (spec.trend === "N" ? 0 : spec.trend === "A" ? 2 : 3) + (spec.season === "N" ? 0 : spec.m);
  return Math.max(spec.season === "N" ? 4 : 2 * spec.m, free + 3);
}

/** How {@link fitEts} treats the initial states. */
export interface EtsFitOptions {
  /**
   * "estimated" (default): initial states are estimated with the smoothing parameters by ML.
   * "heuristic": they stay at {@link heuristicStart}'s values and only the smoothing parameters
   * are estimated (the classical Holt–Winters practice, and statsmodels' heuristic option).
   */
  readonly init?: "estimated" | "heuristic";
  /** Warm start, e.g. the same form's fit on a shorter history. */
  readonly start?: EtsParams;
}

/**
 * Fits `spec` to y by maximum likelihood over the smoothing parameters and the initial states
 * (as R's forecast::ets does). The usual region 0<α<1, 0<β<α, 0<γ<1−α, 0.8<φ<0.98 is kept by
 * logistic transforms; initial seasonals are normalised (sum 0, or sum m) by solving for the
 * last one.
 */
export function fitEts(spec: EtsSpec, y: Float64Array, opts: EtsFitOptions = {}): EtsFit {
  const start = opts.start;
  const estimateStates = opts.init !== "heuristic";
  const n = y.length;
  if (n < etsMinLength(spec)) throw new Error(`${etsName(spec)} needs at least ${etsMinLength(spec)} periods, got ${n}`);
  if ((spec.error === "M" || spec.season === "M") && y.some((v) => !(v > 0))) {
    throw new Error(`${etsName(spec)} needs every value positive (multiplicative ${spec.error === "M" ? "error" : "season"})`);
  }
  const init = start ?? heuristicStart(spec, y);
  let scale = 0;
  for (const v of y) scale += Math.abs(v) / n;
  scale = scale || 1;
  const hasTrend = spec.trend !== "N";
  const damped = spec.trend === "Ad";
  const m = spec.season === "N" ? 0 : spec.m;
  const unpack = (x: Float64Array): EtsParams | undefined => {
    let i = 0;
    const alpha = logistic(x[i++]);
    const beta = hasTrend ? alpha * logistic(x[i++]) : 0;
    const gamma = m ? (1 - alpha) * logistic(x[i++]) : 0;
    const phi = damped ? PHI_LO + PHI_SPAN * logistic(x[i++]) : 1;
    if (!estimateStates) return { alpha, beta, gamma, phi, level: init.level, slope: init.slope, season: init.season };
    const level = x[i++] * scale;
    const slope = hasTrend ? x[i++] * scale : 0;
    const season = new Float64Array(m);
    let sum = 0;
    const sscale = spec.season === "A" ? scale : 1;
    for (let j = 0; j < m - 1; j++) sum += season[j] = x[i++] * sscale;
    if (m) season[m - 1] = (spec.season === "M" ? m : 0) - sum;
    if (spec.season === "M" && season.some((s) => !(s > 0))) return undefined;
    return { alpha, beta, gamma, phi, level, slope, season };
  };
  const clampLogit = (p: number) => logit(Math.min(Math.max(p, 1e-4), 1 - 1e-4));
  const x0: number[] = [clampLogit(init.alpha)];
  if (hasTrend) x0.push(clampLogit(init.beta / init.alpha));
  if (m) x0.push(clampLogit(init.gamma / (1 - init.alpha)));
  if (damped) x0.push(clampLogit((init.phi - PHI_LO) / PHI_SPAN));
  if (estimateStates) {
    x0.push(init.level / scale);
    if (hasTrend) x0.push(init.slope / scale);
    for (let j = 0; j < m - 1; j++) x0.push(init.season[j] / (spec.season === "A" ? scale : 1));
  }
  const objective = (x: Float64Array) => {
    const p = unpack(x);
    return p ? -etsFilter(spec, p, y).loglik : Infinity;
  };
  // Smoothing parameters move on the logit scale; states on the data scale, by a few percent.
  const nSmooth = 1 + (hasTrend ? 1 : 0) + (m ? 1 : 0) + (damped ? 1 : 0);
  const steps = x0.map((v, i) => (i < nSmooth ? 0.5 : 0.05 * Math.max(0.2, Math.abs(v))));
  const best = nelderMead(objective, x0, { maxEval: 400 * x0.length, tol: 1e-9, step: steps, restarts: 2 });
  const params = unpack(best.x);
  if (!params || !Number.isFinite(best.value)) throw new Error(`${etsName(spec)} could not be fitted to this series`);
  const run = etsFilter(spec, params, y);
  const k = x0.length + 1;
  const aic = -2 * run.loglik + 2 * k;
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  return { spec, params, state: run.state, sigma2: run.sigma2, loglik: run.loglik, k, aicc, n, fitted: run.fitted };
}

/**
 * Starting values after Hyndman et al. (2008) §2.6.1, in the variant statsmodels uses: seasonal
 * indices from a centred (2×m) moving average over the first (up to five) cycles, then level
 * and slope from a line through the first ten values of that moving average (of y itself without
 * season); α = 0.3, β = 0.03, γ = 0.07, φ = 0.95. Following the same variant keeps the
 * "heuristic" fit comparable with statsmodels' Holt–Winters.
 */
export function heuristicStart(spec: EtsSpec, y: Float64Array): EtsParams {
  const m = spec.season === "N" ? 0 : spec.m;
  const season = new Float64Array(m);
  const mult = spec.season === "M";
  let base: Float64Array = y;
  if (m) {
    const half = Math.floor(m / 2);
    const cycles = Math.min(Math.max(Math.min(5, Math.floor(y.length / m)), Math.ceil((10 + 2 * half) / m)), Math.floor(y.length / m));
    const count = new Float64Array(m);
    const trend: number[] = [];
    for (let t = half; t < cycles * m - half; t++) {
      const ma = centredMean(y, t, m);
      trend.push(ma);
      season[t % m] += mult ? y[t] / ma : y[t] - ma;
      count[t % m]++;
    }
    let mean = 0;
    for (let j = 0; j < m; j++) mean += (season[j] = count[j] ? season[j] / count[j] : mult ? 1 : 0) / m;
    for (let j = 0; j < m; j++) season[j] = mult ? season[j] / mean : season[j] - mean;
    base = Float64Array.from(trend);
  }
  const k = Math.min(10, base.length);
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let t = 1; t <= k; t++) {
    sx += t;
    sy += base[t - 1];
    sxx += t * t;
    sxy += t * base[t - 1];
  }
  const slope = k < 2 ? 0 : (k * sxy - sx * sy) / (k * sxx - sx * sx);
  // Without a trend component the level is still the line's intercept, as in statsmodels.
  const level = (sy - slope * sx) / k;
  return {
    alpha: 0.3,
    beta: spec.trend === "N" ? 0 : 0.03,
    gamma: m ? 0.07 : 0,
    phi: spec.trend === "Ad" ? 0.95 : 1,
    level,
    slope: spec.trend === "N" ? 0 : slope,
    season,
  };
}

function centredMean(y: Float64Array, t: number, m: number): number {
  // A 2×m moving average when m is even, so the window stays centred on t.
  if (m % 2 === 1) {
    let s = 0;
    for (let j = t - (m - 1) / 2; j <= t + (m - 1) / 2; j++) s += y[j];
    return s / m;
  }
  let s = (y[t - m / 2] + y[t + m / 2]) / 2;
  for (let j = t - m / 2 + 1; j < t + m / 2; j++) s += y[j];
  return s / m;
}
