/**
 * ETS (error, trend, seasonal) exponential smoothing in the innovations state-space form of
 * Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with Exponential Smoothing", ch. 2 and
 * Table 2.1: additive or multiplicative error, none / additive / damped trend, none / additive /
 * multiplicative season. The state recursions are written with the absolute one-step error
 * e = y − μ, which makes them identical for both error types (the error type only changes the
 * likelihood), so one filter serves all 12 models.
 */
export type EtsError = "A" | "M";
export type EtsTrend = "N" | "A" | "Ad";
export type EtsSeason = "N" | "A" | "M";

/** An ETS model form; m is the season length (1 when season is "N"). */
export interface EtsSpec {
  readonly error: EtsError;
  readonly trend: EtsTrend;
  readonly season: EtsSeason;
  readonly m: number;
}

/** Smoothing parameters and the initial state. */
export interface EtsParams {
  readonly alpha: number;
  /** 0 without trend. */
  readonly beta: number;
  /** 0 without season. */
  readonly gamma: number;
  /** 1 unless damped. */
  readonly phi: number;
  readonly level: number;
  readonly slope: number;
  /** Seasonal states s_{1−m} … s_0, oldest first (empty without season). */
  readonly season: Float64Array;
}

/** The state after the last observation, ready to forecast from. */
export interface EtsState {
  readonly level: number;
  readonly slope: number;
  /** Seasonal states for the next m periods, in order (season[0] is for period n+1). */
  readonly season: Float64Array;
}

/** One pass of the filter over y. */
export interface EtsFilterResult {
  /** Gaussian log-likelihood with σ² at its ML value; −Infinity when the path is invalid. */
  readonly loglik: number;
  /** ML σ² of the error (absolute for "A", relative for "M"). */
  readonly sigma2: number;
  readonly fitted: Float64Array;
  readonly state: EtsState;
}

/** The model's short name, e.g. "ETS(M,Ad,M)". */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** Parses "AAM", "MAdN", "ANN" (error, trend, season letters). */
export function parseEtsCode(code: string, m: number): EtsSpec | undefined {
  const match = /^([AM])(N|Ad|A)([NAM])$/.exec(code);
  if (!match) return undefined;
  const season = match[3] as EtsSeason;
  return { error: match[1] as EtsError, trend: match[2] as EtsTrend, season, m: season === "N" ? 1 : m };
}

/**
 * Runs the ETS recursions over y from `p`. Returns −Infinity log-likelihood when a one-step mean
 * or a multiplicative seasonal's base turns non-positive where the model needs it positive.
 */
export function etsFilter(spec: EtsSpec, p: EtsParams, y: ArrayLike<number>): EtsFilterResult {
  const n = y.length;
  const m = spec.season === "N" ? 1 : spec.m;
  const seas = spec.season === "N" ? new Float64Array(1) : Float64Array.from(p.season);
  const fitted = new Float64Array(n);
  const multSeason = spec.season === "M";
  const multError = spec.error === "M";
  const damp = spec.trend === "Ad" ? p.phi : 1;
  const hasTrend = spec.trend !== "N";
  let l = p.level;
  let b = hasTrend ? p.slope : 0;
  let sse = 0;
  let sumLogMu = 0;
  let valid = true;
  for (let t = 0; t < n; t++) {
    const k = t % m;
    const s = spec.season === "N" ? 0 : seas[k];
    const lb = l + damp * b;
    const mu = multSeason ? lb * s : lb + s;
    fitted[t] = mu;
    if ((multSeason && !(lb > 0)) || (multError && !(mu > 0))) {
      valid = false;
      break;
    }
    const e = y[t] - mu;
    if (multError) {
      sse += (e / mu) ** 2;
      sumLogMu += Math.log(mu);
    } else sse += e * e;
    const ls = multSeason ? e / s : e;
    l = lb + p.alpha * ls;
    if (hasTrend) b = damp * b + p.beta * ls;
    if (spec.season === "A") seas[k] = s + p.gamma * e;
    else if (multSeason) seas[k] = s + (p.gamma * e) / lb;
  }
  // A floor keeps an exact fit (a constant series) finite instead of an infinite likelihood.
  const sigma2 = Math.max(sse / n, 1e-300);
  const loglik = valid ? -0.5 * n * (Math.log(2 * Math.PI * sigma2) + 1) - sumLogMu : -Infinity;
  const next = new Float64Array(spec.season === "N" ? 0 : m);
  for (let j = 0; j < next.length; j++) next[j] = seas[(n + j) % m];
  return { loglik, sigma2, fitted, state: { level: l, slope: b, season: next } };
}

/** φ + φ² + … + φ^h (h for an undamped trend, 0 without trend). */
export function trendMultiplier(trend: EtsTrend, phi: number, h: number): number {
  if (trend === "N") return 0;
  if (trend === "A" || phi === 1) return h;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

/** Point forecasts μ_{n+h}, h = 1..horizon: the recursions run forward with zero errors. */
export function etsPointForecast(spec: EtsSpec, p: EtsParams, state: EtsState, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const lb = state.level + trendMultiplier(spec.trend, p.phi, h) * state.slope;
    const s = spec.season === "N" ? 0 : state.season[(h - 1) % spec.m];
    out[h - 1] = spec.season === "M" ? lb * s : lb + s;
  }
  return out;
}
