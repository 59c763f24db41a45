import { ParamError } from "../cells/types";
import type { Obj } from "../cells/params";
import { makeTable, type Table } from "../frame/table";
import type { ArimaOrder } from "./arima-fit";
import { parseEtsCode } from "./ets-model";
import type { LstmOptions } from "./lstm";
import { ALL_METHOD_NAMES, type MethodName } from "./methods";
import type { SeriesForecast } from "./select-method";

/** Reads `interval`: one coverage or a list, each in (0, 1); default [0.9]. */
export function readLevels(raw: unknown): number[] {
  if (raw === undefined || raw === null) return [0.9];
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new ParamError("params.interval", "needs at least one level, e.g. 0.9 or [0.8, 0.95]");
  return list.map((v, i) => {
    if (typeof v !== "number" || !(v > 0 && v < 1)) {
      throw new ParamError(Array.isArray(raw) ? `params.interval[${i}]` : "params.interval", "must be a number between 0 and 1, e.g. 0.9");
    }
    return v;
  });
}

/** Reads `ets`: "auto" (default) or a form such as "MAdM". */
export function readEtsCode(o: Obj): string {
  const v = o.ets ?? "auto";
  if (v === "auto") return v;
  if (typeof v !== "string" || !parseEtsCode(v, 12)) {
    throw new ParamError("params.ets", 'must be "auto" or error/trend/season letters: A or M, then N, A or Ad, then N, A or M (e.g. "MAdM")');
  }
  return v;
}

/** Reads `arima`: "auto" (default) or "p,d,q" / "p,d,q,P,D,Q" with small non-negative integers. */
export function readArimaOrder(o: Obj): "auto" | ArimaOrder {
  const v = o.arima ?? "auto";
  if (v === "auto") return v;
  const parts = typeof v === "string" ? v.split(",").map((x) => Number(x.trim())) : [];
  const ok = (parts.length === 3 || parts.length === 6) && parts.every((x) => Number.isInteger(x) && x >= 0 && x <= 5);
  if (!ok) throw new ParamError("params.arima", 'must be "auto" or an order "p,d,q" or "p,d,q,P,D,Q" of integers 0..5, e.g. "0,1,1,0,1,1"');
  const [p, d, q, P = 0, D = 0, Q = 0] = parts;
  if (d + D > 2) throw new ParamError("params.arima", "differences d + D above 2 are not supported");
  return { p, d, q, P, D, Q, m: 1 };
}

/** Reads `candidates`: a non-empty list of method names for auto (the LSTM only when listed). */
export function readCandidates(raw: unknown): MethodName[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new ParamError("params.candidates", `must be a non-empty list of ${ALL_METHOD_NAMES.join(", ")}`);
  return raw.map((v, i) => {
    if (!ALL_METHOD_NAMES.includes(v as MethodName)) throw new ParamError(`params.candidates[${i}]`, `must be one of ${ALL_METHOD_NAMES.join(", ")}`);
    return v as MethodName;
  });
}

/** Reads `lstm`: an optional object {lookback, units, epochs, learningRate}; absent fields keep their defaults. */
export function readLstmOptions(raw: unknown): LstmOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) throw new ParamError("params.lstm", "must be an object such as {\"epochs\": 30, \"units\": 8}");
  const o = raw as Record<string, unknown>;
  const out: Record<string, number> = {};
  const spec: [string, number, number, boolean][] = [["lookback", 1, 120, true], ["units", 1, 128, true], ["epochs", 1, 1000, true], ["learningRate", 1e-5, 1, false]];
  for (const [key, min, max, integer] of spec) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !(v >= min && v <= max) || (integer && !Number.isInteger(v))) {
      throw new ParamError(`params.lstm.${key}`, `must be ${integer ? "an integer" : "a number"} from ${min} to ${max}`);
    }
    out[key] = v;
  }
  for (const key of Object.keys(o)) if (!spec.some(([k]) => k === key)) throw new ParamError(`params.lstm.${key}`, "is not an LSTM setting (lookback, units, epochs, learningRate)");
  return out;
}

/** Reads `regressors`: a list of distinct numeric column names (default none). */
export function readRegressors(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ParamError("params.regressors", 'must be a list of column names, e.g. ["marketing_touches"]');
  const seen = new Set<string>();
  return raw.map((v, i) => {
    if (typeof v !== "string" || v === "") throw new ParamError(`params.regressors[${i}]`, "must be a column name");
    if (seen.has(v)) throw new ParamError(`params.regressors[${i}]`, `"${v}" is listed twice`);
    seen.add(v);
    return v;
  });
}

/** Columns of the per-series "models" table the forecast cell returns as an extra. */
export interface ModelRows {
  series: string[];
  method: string[];
  model: (string | null)[];
  params: (string | null)[];
  m: number[];
  mae: number[];
  rmse: number[];
  mape: number[];
  smape: number[];
  mase: number[];
  error: (string | null)[];
}

/** Appends one series' chosen model, parameters and backtest metrics (or its error). */
export function addModelRow(rows: ModelRows, series: string, m: number, r: SeriesForecast | null, error: string | null): void {
  const bt = r?.backtest;
  const num = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);
  rows.series.push(series);
  rows.method.push(r ? r.method : "");
  rows.model.push(r ? r.model : null);
  rows.params.push(r ? JSON.stringify(r.params, (_k, v) => (typeof v === "number" ? Number(v.toPrecision(5)) : v)) : null);
  rows.m.push(m);
  rows.mae.push(num(bt?.mae));
  rows.rmse.push(num(bt?.rmse));
  rows.mape.push(num(bt?.mape));
  rows.smape.push(num(bt?.smape));
  rows.mase.push(num(bt?.mase));
  rows.error.push(error);
}

/** The "models" table: one row per series. */
export function modelsTable(rows: ModelRows): Table {
  const num = (name: keyof ModelRows) => ({ name, type: "number" as const, values: Float64Array.from(rows[name] as number[]) });
  return makeTable([
    { name: "series", type: "string", values: rows.series },
    { name: "method", type: "string", values: rows.method },
    { name: "model", type: "string", values: rows.model },
    { name: "params", type: "string", values: rows.params },
    num("m"),
    num("mae"),
    num("rmse"),
    num("mape"),
    num("smape"),
    num("mase"),
    { name: "error", type: "string", values: rows.error },
  ]);
}
