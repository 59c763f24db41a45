import type { JsonObject } from "../json";
import { autoArima } from "./arima-auto";
import { arimaForecast, arimaName, fitArima, type ArimaFit, type ArimaOrder } from "./arima-fit";
import { etsForecast } from "./ets-forecast";
import { fitEts, type EtsFit } from "./ets-fit";
import { etsName, parseEtsCode } from "./ets-model";
import { selectEts } from "./ets-select";
import { exogCoefficients, fitLinearSeasonalExog, linearSeasonalExogForecast, type ExogData } from "./exog";
import type { MultiForecast } from "./intervals";
import { fitLstm, lstmForecast, type LstmFit, type LstmOptions, type TrainHooks } from "./lstm";
import { linearSeasonalForecast, minLength, naiveForecast, seasonalNaiveForecast, type MethodName } from "./methods";
import { makeRng } from "./rng";

/** Options of the model-based methods. */
export interface MethodOptions {
  /** "auto" (AICc over the usual forms) or a code such as "MAM", "AAdA". */
  readonly ets?: string;
  /** Initial states of ETS: estimated by ML (default) or fixed at the heuristic. */
  readonly etsInit?: "estimated" | "heuristic";
  /** "auto" (stepwise AICc) or a fixed order. */
  readonly arima?: "auto" | ArimaOrder;
  /** Seed for simulated intervals (and the LSTM's initial weights and shuffles). */
  readonly seed?: number;
  /** LSTM settings (lookback, units, epochs, learning rate). */
  readonly lstm?: LstmOptions;
  /** Exogenous regressors of this series for linear_seasonal. */
  readonly exog?: ExogData;
}

/** A method fitted to one history: its description, and forecasts and refits on demand. */
export interface FittedMethod {
  readonly method: MethodName;
  /** Human-readable model, e.g. "ETS(M,A,M)" or "ARIMA(0,1,1)(0,1,1)[12]". */
  readonly model: string;
  /** Estimated parameters (small JSON). */
  readonly params: JsonObject;
  forecast(horizon: number, levels: readonly number[]): MultiForecast;
  /** The same form (ETS letters, ARIMA order) re-estimated on another history, e.g. a backtest fold. */
  refit(y: Float64Array): FittedMethod;
  /** Set by methods that train asynchronously (the LSTM), whose `refit` cannot run. */
  refitAsync?(y: Float64Array, hooks?: TrainHooks): Promise<FittedMethod>;
}

/**
 * {@link fitMethod} for every method, the LSTM included: it trains on TF.js, which reads results
 * back asynchronously, so it is only reachable here. `hooks` reports epochs and checks cancel.
 */
export async function fitMethodAsync(method: MethodName, y: Float64Array, m: number, opts: MethodOptions = {}, hooks: TrainHooks = {}): Promise<FittedMethod> {
  if (method !== "lstm") return fitMethod(method, y, m, opts);
  return wrapLstm(await fitLstm(y, m, opts.lstm, opts.seed ?? 42, hooks), m, opts);
}

/** Fits `method` to y with season length m. Throws a plain message when the series does not suit it. */
export function fitMethod(method: MethodName, y: Float64Array, m: number, opts: MethodOptions = {}): FittedMethod {
  if (method === "ets") return etsMethod(y, m, opts);
  if (method === "arima") return arimaMethod(y, m, opts);
  if (method === "lstm") throw new Error("The LSTM trains asynchronously; fit it with fitMethodAsync");
  if (method === "linear_seasonal" && opts.exog && opts.exog.names.length) return exogMethod(y, m, opts.exog, opts);
  if (y.length < minLength(method, m)) throw new Error(`${method} needs at least ${minLength(method, m)} periods, got ${y.length}`);
  const simple = (name: MethodName, model: string, run: (level: number, h: number) => { point: Float64Array; lower: Float64Array; upper: Float64Array }): FittedMethod => ({
    method: name,
    model,
    params: {},
    forecast: (h, levels) => {
      const runs = levels.map((l) => run(l, h));
      return { point: runs[0].point, bands: runs.map((r, i) => ({ level: levels[i], lower: r.lower, upper: r.upper })) };
    },
    refit: (z) => fitMethod(name, z, m, opts),
  });
  if (method === "naive") return simple("naive", "naive (last value)", (l, h) => naiveForecast(y, h, l));
  if (method === "seasonal_naive") return simple("seasonal_naive", `seasonal naive (m=${m})`, (l, h) => seasonalNaiveForecast(y, m, h, l));
  return simple("linear_seasonal", m > 1 ? `trend + ${m - 1} season dummies (OLS)` : "linear trend (OLS)", (l, h) => linearSeasonalForecast(y, m, h, l));
}

function exogMethod(y: Float64Array, m: number, exog: ExogData, opts: MethodOptions): FittedMethod {
  const fit = fitLinearSeasonalExog(y, m, exog);
  const names = exog.names.join(", ");
  return {
    method: "linear_seasonal",
    model: `${m > 1 ? `trend + ${m - 1} season dummies` : "linear trend"} + ${names} (OLS)`,
    params: exogCoefficients(fit),
    forecast: (h, levels) => linearSeasonalExogForecast(fit, h, levels),
    // A refit history is a prefix of this one (backtest folds): the regressors' first y.length rows.
    refit: (z) => exogMethod(z, m, exog, opts),
  };
}

function wrapLstm(fit: LstmFit, m: number, opts: MethodOptions): FittedMethod {
  const s = fit.settings;
  return {
    method: "lstm",
    model: `LSTM(${s.units}) + Dense(1), lookback ${s.lookback}`,
    params: { lookback: s.lookback, units: s.units, epochs: s.epochs, learningRate: s.learningRate, loss: fit.loss, residualSd: rms(fit.residuals) },
    forecast: (h, levels) => lstmForecast(fit, h, levels),
    refit: () => {
      throw new Error("The LSTM trains asynchronously; refit it with refitAsync");
    },
    refitAsync: async (z, hooks) => wrapLstm(await fitLstm(z, m, opts.lstm, opts.seed ?? 42, hooks), m, opts),
  };
}

function rms(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return a.length ? Math.sqrt(s / a.length) : NaN;
}

function etsMethod(y: Float64Array, m: number, opts: MethodOptions): FittedMethod {
  const code = opts.ets ?? "auto";
  let fit: EtsFit;
  if (code === "auto") fit = selectEts(y, m, { init: opts.etsInit }).best;
  else {
    const spec = parseEtsCode(code, m);
    if (!spec) throw new Error(`"${code}" is not an ETS form (error A/M, trend N/A/Ad, season N/A/M, e.g. "MAdM")`);
    if (spec.season !== "N" && m <= 1) throw new Error(`${etsName(spec)} needs a season, but this series has none (m = 1)`);
    fit = fitEts(spec, y, { init: opts.etsInit });
  }
  return wrapEts(fit, m, opts);
}

function wrapEts(fit: EtsFit, m: number, opts: MethodOptions): FittedMethod {
  const p = fit.params;
  return {
    method: "ets",
    model: etsName(fit.spec),
    params: {
      alpha: p.alpha,
      ...(fit.spec.trend !== "N" ? { beta: p.beta } : {}),
      ...(fit.spec.season !== "N" ? { gamma: p.gamma } : {}),
      ...(fit.spec.trend === "Ad" ? { phi: p.phi } : {}),
      sigma2: fit.sigma2,
      aicc: fit.aicc,
    },
    forecast: (h, levels) => etsForecast(fit, h, levels, makeRng(opts.seed ?? 42)),
    refit: (z) => wrapEts(fitEts(fit.spec, z, { init: opts.etsInit }), m, opts),
  };
}

function arimaMethod(y: Float64Array, m: number, opts: MethodOptions): FittedMethod {
  if (opts.arima === undefined || opts.arima === "auto") {
    const sel = autoArima(y, m);
    return wrapArima(sel.best, sel.includeMean);
  }
  const order = { ...opts.arima, m: opts.arima.P + opts.arima.D + opts.arima.Q > 0 ? m : 1 };
  if (order.m <= 1 && opts.arima.P + opts.arima.D + opts.arima.Q > 0) throw new Error(`A seasonal ARIMA order needs a season, but this series has none (m = 1)`);
  const mean = order.d + order.D === 0;
  return wrapArima(fitArima(y, order, mean), mean);
}

function wrapArima(fit: ArimaFit, includeMean: boolean): FittedMethod {
  const list = (a: Float64Array) => Array.from(a);
  return {
    method: "arima",
    model: arimaName(fit.order, includeMean),
    params: {
      ...(fit.ar.length ? { ar: list(fit.ar) } : {}),
      ...(fit.ma.length ? { ma: list(fit.ma) } : {}),
      ...(fit.sar.length ? { sar: list(fit.sar) } : {}),
      ...(fit.sma.length ? { sma: list(fit.sma) } : {}),
      ...(includeMean ? { mean: fit.mean } : {}),
      sigma2: fit.sigma2,
      aicc: fit.aicc,
    },
    forecast: (h, levels) => arimaForecast(fit, h, levels),
    refit: (z) => wrapArima(fitArima(z, fit.order, includeMean, fit), includeMean),
  };
}
