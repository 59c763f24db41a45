import { describe, expect, test } from "vitest";
import { getColumn, makeTable, type Table } from "../../../src/core/frame/table";
import {
  aggregate, bin, clip, dateParts, derive, drop, dropMissing, filter, join, kfold, log1p, ordinal, select, selectFeatures, StepError, timeBucket,
} from "../../../src/core/steps";

const vals = (t: Table, name: string) => Array.from(getColumn(t, name).values as ArrayLike<number | string | null>);
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

// Rows 0-3 train, 4-5 test: extreme test values must not leak into fitted steps.
const deals = makeTable([
  { name: "amount", type: "number", values: Float64Array.from([10, 20, NaN, 40, 1e6, 5]) },
  { name: "region", type: "string", values: ["N", "S", "N", null, "W", "S"] },
  { name: "stage", type: "string", values: ["low", "high", "mid", "low", "mid", "top"] },
  { name: "won", type: "boolean", values: Float64Array.from([1, 0, 1, 0, 1, NaN]) },
  { name: "closed", type: "date", values: Float64Array.from([day("2024-01-01"), day("2024-02-15"), day("2024-03-31"), NaN, day("2024-12-30"), day("2023-01-01")]) },
  { name: "split", type: "string", values: ["train", "train", "train", "train", "test", "test"] },
]);

describe("select, drop, filter, drop_missing", () => {
  test("select keeps the listed order and the split column; drop removes; both name a missing column", () => {
    expect(select(deals, { op: "select", columns: ["region", "amount"] }).table.columns.map((c) => c.name)).toEqual(["region", "amount", "split"]);
    expect(drop(deals, { op: "drop", columns: ["stage", "won"] }).table.columns.map((c) => c.name)).toEqual(["amount", "region", "closed", "split"]);
    expect(() => drop(deals, { op: "drop", columns: ["nope"] })).toThrow('Column "nope" not found');
  });

  test("conditions on numbers, text, categories and dates; missing satisfies only is_missing", () => {
    const rows = (where: unknown, match: "all" | "any" = "all") => vals(filter(deals, { op: "filter", where: where as never, match }).table, "amount");
    expect(rows([{ column: "amount", op: ">=", value: 20 }])).toEqual([20, 40, 1e6]);
    expect(rows([{ column: "region", op: "!=", value: "N" }])).toEqual([20, 1e6, 5]);
    expect(rows([{ column: "region", op: "in", value: ["N", "W"] }, { column: "amount", op: "not_missing" }])).toEqual([10, 1e6]);
    expect(rows([{ column: "stage", op: "contains", value: "I" }])).toEqual([20, NaN, 1e6]);
    expect(rows([{ column: "closed", op: "between", value: ["2024-02-01", "2024-12-31"] }])).toEqual([20, NaN, 1e6]);
    expect(rows([{ column: "won", op: "==", value: true }, { column: "region", op: "is_missing" }], "any")).toEqual([10, NaN, 40, 1e6]);
    expect(() => rows([{ column: "amount", op: ">", value: "big" }])).toThrow('column "amount" holds number values; "big" cannot be compared');
  });

  test("filter by expression", () => {
    // Row 3 has no region: "!=" on a missing value is missing, so the row goes unless coalesced.
    expect(vals(filter(deals, { op: "filter", match: "all", expr: "amount > 10 and region != 'W'" }).table, "amount")).toEqual([20]);
    expect(vals(filter(deals, { op: "filter", match: "all", expr: "amount > 10 and coalesce(region, '') != 'W'" }).table, "amount")).toEqual([20, 40]);
    expect(() => filter(deals, { op: "filter", match: "all", expr: "region" })).toThrow("gives text, not a true/false condition");
  });

  test("drop_missing: any / all over listed or all columns", () => {
    expect(dropMissing(deals, { op: "drop_missing", columns: ["amount", "region"], how: "any" }).table.nRows).toBe(4);
    expect(dropMissing(deals, { op: "drop_missing", columns: ["amount", "region"], how: "all" }).table.nRows).toBe(6);
    expect(dropMissing(deals, { op: "drop_missing", columns: [], how: "any" }).fitted).toMatchObject({ removed: 3, missing: { amount: 1, region: 1, won: 1, closed: 1 } });
  });
});

describe("fitted encoders and transforms (fit on train rows)", () => {
  test("ordinal: given order, learned order, unseen values as missing or -1", () => {
    const given = ordinal(deals, { op: "ordinal", columns: ["stage"], order: { stage: ["low", "mid", "high"] }, unknown: "flag" });
    expect(vals(given.table, "stage")).toEqual([0, 2, 1, 0, 1, -1]);
    const learned = ordinal(deals, { op: "ordinal", columns: ["region"], order: {}, unknown: "missing" });
    expect(learned.fitted.categories).toEqual({ region: ["N", "S"] });
    expect(vals(learned.table, "region")).toEqual([0, 1, 0, NaN, NaN, 1]);
    expect(learned.fitted.unknown).toEqual({ region: 1 });
  });

  test("log1p transforms and refuses values at or below -1", () => {
    expect(vals(log1p(deals, { op: "log1p", columns: ["amount"] }).table, "amount")[0]).toBeCloseTo(Math.log(11), 12);
    const neg = makeTable([{ name: "x", type: "number", values: Float64Array.from([0, -1]) }]);
    expect(() => log1p(neg, { op: "log1p", columns: ["x"] })).toThrow('column "x" has values at or below -1');
  });

  test("clip uses training quantiles only", () => {
    const out = clip(deals, { op: "clip", columns: ["amount"], lower: 0, upper: 0.5 });
    expect(out.fitted).toMatchObject({ lower: { amount: 10 }, upper: { amount: 20 }, clipped: { amount: 3 } });
    expect(vals(out.table, "amount")).toEqual([10, 20, NaN, 20, 20, 10]);
  });

  test("bin: uniform edges from training range, out-of-range values go to the end bins; range labels", () => {
    const out = bin(deals, { op: "bin", columns: ["amount"], method: "uniform", bins: 3, labels: "range" });
    expect(out.fitted.edges).toEqual({ amount: [10, 20, 30, 40] });
    expect(vals(out.table, "amount")).toEqual(["[10, 20)", "[20, 30)", null, "[30, 40]", "[30, 40]", "[10, 20)"]);
    const flat = makeTable([{ name: "c", type: "number", values: Float64Array.from([1, 1]) }]);
    expect(() => bin(flat, { op: "bin", columns: ["c"], method: "quantile", bins: 4, labels: "index" })).toThrow("constant");
  });

  test("kfold: train rows only, balanced, seeded, stratified", () => {
    const big = makeTable([{ name: "y", type: "string", values: Array.from({ length: 103 }, (_, i) => (i % 4 ? "a" : "b")) }]);
    const a = kfold(big, { op: "kfold", k: 5, seed: 1, stratify: "y" });
    expect(vals(a.table, "fold")).toEqual(vals(kfold(big, { op: "kfold", k: 5, seed: 1, stratify: "y" }).table, "fold"));
    expect(a.fitted.sizes).toEqual([21, 21, 21, 20, 20]);
    for (let f = 0; f < 5; f++) {
      const bs = vals(a.table, "fold").filter((v, i) => v === f && i % 4 === 0).length;
      expect(Math.abs(bs - 26 / 5)).toBeLessThan(1);
    }
    expect(vals(kfold(deals, { op: "kfold", k: 2, seed: 3 }).table, "fold").slice(4).every((v) => Number.isNaN(v))).toBe(true);
  });

  test("select_features keeps the top k, never drops the target, and refuses missing values", () => {
    const t = makeTable([
      { name: "signal", type: "number", values: Float64Array.from([1, 2, 3, 4, 5, 6]) },
      { name: "noise", type: "number", values: Float64Array.from([3, 1, 2, 3, 1, 2]) },
      { name: "y", type: "number", values: Float64Array.from([0, 0, 0, 1, 1, 1]) },
    ]);
    const out = selectFeatures(t, { op: "select_features", method: "f_classif", target: "y", columns: [], k: 1, threshold: 0 });
    expect(out.fitted.selected).toEqual(["signal"]);
    expect(out.table.columns.map((c) => c.name)).toEqual(["signal", "y"]);
    expect(() => selectFeatures(deals, { op: "select_features", method: "f_classif", target: "won", columns: ["amount"], k: 1, threshold: 0 })).toThrow("missing values");
    const mi = selectFeatures(t, { op: "select_features", method: "mutual_info", target: "y", columns: [], k: 1, threshold: 0 });
    expect(mi.fitted.selected).toEqual(["signal"]);
  });
});

describe("dates, derive, aggregate, join", () => {
  test("date_parts and time_bucket (ISO week 1 of 2025 starts 2024-12-30)", () => {
    const out = dateParts(deals, { op: "date_parts", column: "closed", parts: ["year", "quarter", "week", "dayofweek", "days_since"], since: day("2024-01-01"), dropColumn: true });
    expect(vals(out.table, "closed_week")).toEqual([1, 7, 13, NaN, 1, 52]);
    expect(vals(out.table, "closed_days_since")).toEqual([0, 45, 90, NaN, 364, -365]);
    expect(out.table.columns.some((c) => c.name === "closed")).toBe(false);
    expect(vals(timeBucket(deals, { op: "time_bucket", column: "closed", unit: "quarter", as: "q" }).table, "q")[2]).toBe(day("2024-01-01"));
    expect(() => dateParts(deals, { op: "date_parts", column: "region", parts: ["year"], dropColumn: false })).toThrow("not dates");
  });

  test("derive adds a typed column and reports a bad expression with its position", () => {
    const out = derive(deals, { op: "derive", name: "big", expr: "amount >= 20" });
    expect(getColumn(out.table, "big").type).toBe("boolean");
    expect(() => derive(deals, { op: "derive", name: "x", expr: "amount * stage" })).toThrow('expression "amount * stage": "*" needs numbers, not text (at character 8)');
  });

  test("aggregate: several functions, sorted keys, missing key as its own group", () => {
    const out = aggregate(deals, { op: "aggregate", by: ["region"], aggregations: [{ column: "amount", fn: "sum", as: "amount_sum" }, { column: "amount", fn: "mean", as: "amount_mean" }, { fn: "count", as: "count" }, { column: "stage", fn: "last", as: "stage_last" }, { column: "closed", fn: "max", as: "closed_max" }] });
    expect(vals(out.table, "region")).toEqual(["N", "S", "W", null]);
    expect(vals(out.table, "amount_sum")).toEqual([10, 25, 1e6, 40]);
    expect(vals(out.table, "amount_mean")).toEqual([10, 12.5, 1e6, 40]);
    expect(vals(out.table, "count")).toEqual([2, 2, 1, 1]);
    expect(vals(out.table, "stage_last")).toEqual(["mid", "top", "mid", "low"]);
    expect(getColumn(out.table, "closed_max").type).toBe("date");
    expect(() => aggregate(deals, { op: "aggregate", by: [], aggregations: [{ column: "region", fn: "mean", as: "m" }] })).toThrow('"mean" needs numbers');
  });

  test("join: inner/left, suffixes for clashing names, clear key type mismatch", () => {
    const targets = makeTable([
      { name: "region", type: "string", values: ["N", "S", "S"] },
      { name: "amount", type: "number", values: Float64Array.from([1, 2, 3]) },
    ]);
    const inner = join(deals, targets, { op: "join", on: ["region"], rightOn: ["region"], how: "inner", suffix: "_right" });
    expect(vals(inner.table, "amount")).toEqual([10, 20, 20, NaN, 5, 5]);
    expect(vals(inner.table, "amount_right")).toEqual([1, 2, 3, 1, 2, 3]);
    const left = join(deals, targets, { op: "join", on: ["region"], rightOn: ["region"], how: "left", suffix: "_right" });
    expect(left.table.nRows).toBe(8);
    expect(left.fitted).toMatchObject({ unmatchedLeft: 2, rightKeysRepeated: 1, renamed: { amount: "amount_right" } });
    const numericKey = makeTable([{ name: "region", type: "number", values: Float64Array.from([1]) }]);
    expect(() => join(deals, numericKey, { op: "join", on: ["region"], rightOn: ["region"], how: "inner", suffix: "_r" })).toThrow('key "region" is string on the left but "region" is number on the right');
    expect(() => join(deals, undefined, { op: "join", on: ["region"], rightOn: ["region"], how: "inner", suffix: "_r" })).toThrow(StepError);
  });
});
