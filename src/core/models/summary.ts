import { makeTable, type Table } from "../frame/table";
import type { Json, JsonObject } from "../json";
import type { Coefficient, LinearPredictorFit } from "./types";

/** A number for a JSON summary: NaN and ±Infinity become null (JSON has no such numbers). */
export function jsonNumber(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** A record of metrics as JSON, NaN → null. */
export function metricsJson(metrics: object): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(metrics)) out[k] = jsonNumber(v as number);
  return out;
}

/** One coefficient as JSON, leaving out inference the model does not provide. */
export function coefficientJson(c: Coefficient): JsonObject {
  const out: { [key: string]: Json } = { feature: c.feature, estimate: jsonNumber(c.estimate) };
  if (c.stdError !== undefined) out.stdError = jsonNumber(c.stdError);
  if (c.t !== undefined) out.t = jsonNumber(c.t);
  if (c.p !== undefined) out.p = jsonNumber(c.p);
  return out;
}

/** The coefficients as a table (intercept first): feature, estimate, std_error, t, p (NaN when not provided). */
export function coefficientsTable(fit: LinearPredictorFit): Table {
  const all = [fit.intercept, ...fit.coefficients];
  const col = (name: string, get: (c: Coefficient) => number | undefined) => ({
    name, type: "number" as const, values: Float64Array.from(all, (c) => get(c) ?? NaN),
  });
  return makeTable([
    { name: "feature", type: "string", values: all.map((c) => c.feature) },
    col("estimate", (c) => c.estimate),
    col("std_error", (c) => c.stdError),
    col("t", (c) => c.t),
    col("p", (c) => c.p),
  ]);
}
