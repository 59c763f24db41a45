/**
 * The `preprocess_1M` benchmark workload: a generated deals table and the step list to run on it
 * (impute, one-hot 3 columns, scale 6 columns, date parts, derive, split). The benchmark runner
 * feeds both to the preprocess cell (`preprocessCell.parse({steps})`, then `run`).
 */
import type { Column, Table } from "../frame/table";
import { makeTable } from "../frame/table";
import type { JsonObject } from "../json";
import { mulberry32 } from "./types";

/** The steps of `preprocess_1M`, as a notebook would list them (JSON). */
export const PREPROCESS_1M_STEPS: readonly JsonObject[] = [
  { op: "impute", columns: ["lead_score", "discount"], strategy: "median" },
  { op: "onehot", columns: ["region", "segment", "channel"] },
  { op: "scale", columns: ["amount", "lead_score", "discount", "seats", "tenure", "calls"], method: "standard" },
  { op: "date_parts", column: "close_date", parts: ["year", "quarter", "month", "week", "dayofweek"] },
  { op: "derive", name: "value_per_seat", expr: "if(seats > 0, amount / seats, 0)" },
  { op: "split", test: 0.2, seed: 42, stratify: "won" },
];

/** A deterministic deals table of `nRows` rows with the columns PREPROCESS_1M_STEPS names. */
export function makePreprocessBenchmarkTable(nRows: number, seed = 1): Table {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const numbers = (f: () => number) => Float64Array.from({ length: nRows }, f);
  const texts = (xs: readonly string[]) => Array.from({ length: nRows }, () => pick(xs));
  const start = Date.UTC(2021, 0, 1);
  const columns: Column[] = [
    { name: "amount", type: "number", values: numbers(() => Math.round(1000 + 50_000 * random() ** 2)) },
    { name: "lead_score", type: "number", values: numbers(() => (random() < 0.1 ? NaN : Math.round(100 * random()))) },
    { name: "discount", type: "number", values: numbers(() => (random() < 0.05 ? NaN : 0.3 * random())) },
    { name: "seats", type: "number", values: numbers(() => Math.floor(50 * random())) },
    { name: "tenure", type: "number", values: numbers(() => Math.floor(120 * random())) },
    { name: "calls", type: "number", values: numbers(() => Math.floor(30 * random())) },
    { name: "region", type: "string", values: texts(["North", "South", "East", "West", "Central"]) },
    { name: "segment", type: "string", values: texts(["SMB", "Mid-market", "Enterprise"]) },
    { name: "channel", type: "string", values: texts(["Direct", "Partner", "Online", "Referral"]) },
    { name: "close_date", type: "date", values: numbers(() => start + Math.floor(1095 * random()) * 86_400_000) },
    { name: "won", type: "boolean", values: numbers(() => (random() < 0.3 ? 1 : 0)) },
  ];
  return makeTable(columns);
}
