import { describe, expect, test } from "vitest";
import { getColumn, makeTable, type Table } from "../../../src/core/frame/table";
import { impute, onehot, scale, split, StepError, mulberry32 } from "../../../src/core/steps";

const num = (t: Table, name: string) => Array.from(getColumn(t, name).values as ArrayLike<number | string | null>);

// Rows 0-3 train, 4-5 test: the test rows hold extreme values that must not leak into fitting.
const table = makeTable([
  { name: "score", type: "number", values: Float64Array.from([1, NaN, 3, 4, 1000, NaN]) },
  { name: "region", type: "string", values: ["N", "S", null, "N", "W", "S"] },
  { name: "split", type: "string", values: ["train", "train", "train", "train", "test", "test"] },
]);

describe("impute", () => {
  test("mean and median are learned on the training rows only and fill every row", () => {
    const mean = impute(table, { op: "impute", columns: ["score"], strategy: "mean" });
    expect(num(mean.table, "score")).toEqual([1, 8 / 3, 3, 4, 1000, 8 / 3]);
    expect(mean.fitted).toMatchObject({ values: { score: 8 / 3 }, filled: { score: 2 }, fittedOn: 4 });
    expect(impute(table, { op: "impute", columns: ["score"], strategy: "median" }).fitted.values).toEqual({ score: 3 });
  });

  test("most_frequent works on text with ties going to the smallest value; constant fills a given value", () => {
    expect(num(impute(table, { op: "impute", columns: ["region"], strategy: "most_frequent" }).table, "region")[2]).toBe("N");
    const tie = makeTable([{ name: "x", type: "number", values: Float64Array.from([5, 2, 5, 2, NaN]) }]);
    expect(impute(tie, { op: "impute", columns: ["x"], strategy: "most_frequent" }).fitted.values).toEqual({ x: 2 });
    expect(num(impute(table, { op: "impute", columns: ["region"], strategy: "constant" }).table, "region")[2]).toBe("missing");
    expect(num(impute(table, { op: "impute", columns: ["score"], strategy: "constant", value: -1 }).table, "score")[1]).toBe(-1);
  });

  test("mean on a text column is a clear error", () => {
    expect(() => impute(table, { op: "impute", columns: ["region"], strategy: "mean" })).toThrow(
      'column "region" is text; "mean" needs numbers (use "most_frequent" or "constant")',
    );
  });

  test("the input table is not mutated", () => {
    impute(table, { op: "impute", columns: ["score"], strategy: "mean" });
    expect(Number.isNaN(num(table, "score")[1])).toBe(true);
  });
});

describe("onehot", () => {
  test("categories are learned on train and sorted; unseen and missing encode as all zeros", () => {
    const { table: out, fitted } = onehot(table, { op: "onehot", columns: ["region"], dropFirst: false });
    expect(fitted.categories).toEqual({ region: ["N", "S"] });
    expect(out.columns.map((c) => c.name)).toEqual(["score", "region=N", "region=S", "split"]);
    expect(num(out, "region=N")).toEqual([1, 0, 0, 1, 0, 0]);
    expect(num(out, "region=S")).toEqual([0, 1, 0, 0, 0, 1]);
  });

  test("dropFirst leaves out the first category", () => {
    const { table: out } = onehot(table, { op: "onehot", columns: ["region"], dropFirst: true });
    expect(out.columns.map((c) => c.name)).toEqual(["score", "region=S", "split"]);
  });

  test("more than 1000 categories is refused with a clear message", () => {
    const ids = makeTable([{ name: "id", type: "string", values: Array.from({ length: 1500 }, (_, i) => `c${i}`) }]);
    expect(() => onehot(ids, { op: "onehot", columns: ["id"], dropFirst: false })).toThrow(
      'column "id" has more than 1000 categories in the training rows',
    );
  });
});

describe("scale", () => {
  test("standard, minmax and robust use training statistics (population std)", () => {
    const std = scale(table, { op: "scale", columns: ["score"], method: "standard" });
    const sd = Math.sqrt(((1 - 8 / 3) ** 2 + (3 - 8 / 3) ** 2 + (4 - 8 / 3) ** 2) / 3);
    expect(std.fitted).toMatchObject({ center: { score: 8 / 3 }, scale: { score: sd } });
    expect(num(std.table, "score")[4]).toBeCloseTo((1000 - 8 / 3) / sd, 10);
    expect(num(scale(table, { op: "scale", columns: ["score"], method: "minmax" }).table, "score")).toEqual([0, NaN, 2 / 3, 1, 333, NaN]);
    expect(scale(table, { op: "scale", columns: ["score"], method: "robust" }).fitted).toMatchObject({ center: { score: 3 }, scale: { score: 1.5 } });
  });

  test("a constant column is an error that names it", () => {
    const flat = makeTable([{ name: "c", type: "number", values: Float64Array.from([2, 2, 2]) }]);
    expect(() => scale(flat, { op: "scale", columns: ["c"], method: "standard" })).toThrow(
      'column "c" is constant in the training rows (every value is 2); it cannot be scaled: leave it out',
    );
    const spiky = makeTable([{ name: "p", type: "number", values: Float64Array.from([-1, -1, -1, -1, 5]) }]);
    expect(() => scale(spiky, { op: "scale", columns: ["p"], method: "robust" })).toThrow('column "p" has a zero interquartile range');
  });

  test("text columns are refused", () => {
    expect(() => scale(table, { op: "scale", columns: ["region"], method: "standard" })).toThrow(StepError);
  });
});

describe("split", () => {
  const n = 1003;
  const big = makeTable([
    { name: "won", type: "boolean", values: Float64Array.from({ length: n }, (_, i) => (i % 10 < 3 ? 1 : 0)) },
    { name: "region", type: "string", values: Array.from({ length: n }, (_, i) => ["N", "S", "E", null][i % 4]) },
  ]);

  test("is deterministic from the seed and gives round(n * test) test rows", () => {
    const a = split(big, { op: "split", test: 0.2, seed: 42 });
    const b = split(big, { op: "split", test: 0.2, seed: 42 });
    const c = split(big, { op: "split", test: 0.2, seed: 7 });
    expect(num(a.table, "split")).toEqual(num(b.table, "split"));
    expect(num(a.table, "split")).not.toEqual(num(c.table, "split"));
    expect(a.fitted).toMatchObject({ train: 802, test: 201 });
  });

  test("stratified groups are within one row of their exact test share", () => {
    for (const column of ["won", "region"]) {
      const { table: out } = split(big, { op: "split", test: 0.25, seed: 3, stratify: column });
      const key = num(big, column).map(String);
      const labels = num(out, "split");
      for (const g of new Set(key)) {
        const rows = key.flatMap((k, i) => (k === g ? [i] : []));
        const nTest = rows.filter((r) => labels[r] === "test").length;
        expect(Math.abs(nTest - rows.length * 0.25)).toBeLessThanOrEqual(1);
      }
      expect(labels.filter((l) => l === "test").length).toBe(Math.round(n * 0.25));
    }
  });

  test("mulberry32 is the documented generator (first values for seed 42 match an independent Python port)", () => {
    const r = mulberry32(42);
    expect([r(), r(), r()].map((x) => x.toFixed(8))).toEqual(["0.60110375", "0.44829056", "0.85246579"]);
  });
});
