import { describe, expect, it } from "vitest";
import { buildDesignMatrix, dropFeatures, encodeBinaryTarget, standardizeToFloat32 } from "../../../src/core/models";
import { makeTable } from "../../../src/core/frame/table";

const table = makeTable([
  { name: "a", type: "number", values: Float64Array.of(1, 2, NaN, 4, 5) },
  { name: "flag", type: "boolean", values: Float64Array.of(1, 0, 1, 1, 0) },
  { name: "k", type: "number", values: Float64Array.of(7, 7, 7, 7, 7) },
  { name: "city", type: "string", values: ["a", "b", "a", null, "b"] },
  { name: "when", type: "date", values: Float64Array.of(0, 1, 2, 3, 4) },
  { name: "y", type: "number", values: Float64Array.of(1, NaN, 3, 4, 5) },
]);

describe("buildDesignMatrix", () => {
  it("keeps rows with every feature and the target, counting the rest", () => {
    const dm = buildDesignMatrix(table, { features: ["a", "flag"], y: table.columns[5].values as Float64Array });
    expect(dm.n).toBe(3);
    expect(Array.from(dm.rows)).toEqual([0, 3, 4]);
    expect(dm.droppedRows).toBe(2);
    expect(Array.from(dm.x)).toEqual([1, 1, 4, 1, 5, 0]);
    expect(Array.from(dm.y)).toEqual([1, 4, 5]);
  });

  it("copies a table without missing values whole, as the row-by-row path would, and falls back when one appears late", () => {
    const n = 10_000;
    const cols = [0, 1, 2].map((j) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * (j + 1))));
    const y = Float64Array.from({ length: n }, (_, i) => i % 7);
    const big = makeTable(cols.map((values, j) => ({ name: `f${j}`, type: "number" as const, values })));
    const features = ["f0", "f1", "f2"];
    const whole = buildDesignMatrix(big, { features, y });
    const general = buildDesignMatrix(big, { features, y, rows: Int32Array.from({ length: n }, (_, i) => i) });
    expect(whole).toEqual(general);
    expect(whole.droppedRows).toBe(0);
    cols[1][n - 3] = NaN; // in the last block of rows
    const holed = buildDesignMatrix(big, { features, y });
    expect(holed.n).toBe(n - 1);
    expect(holed.rows[n - 3]).toBe(n - 2);
    expect(Array.from(holed.x.subarray((n - 3) * 3, (n - 2) * 3))).toEqual(features.map((_, j) => cols[j][n - 2]));
  });

  it("only considers the candidate rows (e.g. the training split)", () => {
    const dm = buildDesignMatrix(table, { features: ["a"], y: table.columns[5].values as Float64Array, rows: [0, 1, 2] });
    expect(Array.from(dm.rows)).toEqual([0]);
    expect(dm.droppedRows).toBe(2);
  });

  it("reports constant features and drops them on request", () => {
    const dm = buildDesignMatrix(table, { features: ["a", "k"] });
    expect(dm.constantFeatures).toEqual(["k"]);
    const kept = dropFeatures(dm, ["k"]);
    expect(kept.features).toEqual(["a"]);
    expect(Array.from(kept.x)).toEqual([1, 2, 4, 5]);
  });

  it("rejects a text feature, suggesting one-hot encoding", () => {
    expect(() => buildDesignMatrix(table, { features: ["city"] })).toThrow(/Feature "city" is text.*One-hot encode/);
    expect(() => buildDesignMatrix(table, { features: ["when"] })).toThrow(/Feature "when" is a date/);
    expect(() => buildDesignMatrix(table, { features: ["nope"] })).toThrow(/Column "nope" not found/);
  });

  it("standardises in float64 before rounding to float32, with an optional ones column", () => {
    const dm = buildDesignMatrix(table, { features: ["a"] });
    const s = standardizeToFloat32(dm, true);
    expect(s.width).toBe(2);
    expect(s.means[0]).toBe(3);
    expect(s.scales[0]).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(s.x32[1]).toBe(1);
    expect(s.x32[0]).toBeCloseTo(-2 / Math.sqrt(2.5), 6);
  });
});

describe("encodeBinaryTarget", () => {
  it("makes the second sorted text label positive unless told otherwise", () => {
    const col = { name: "won", type: "string" as const, values: ["no", "yes", null, "no"] };
    const t = encodeBinaryTarget(col);
    expect([t.positive, t.negative]).toEqual(["yes", "no"]);
    expect(Array.from(t.y)).toEqual([0, 1, NaN, 0]);
    expect(Array.from(encodeBinaryTarget(col, "no").y)).toEqual([1, 0, NaN, 1]);
    expect(() => encodeBinaryTarget(col, "maybe")).toThrow(/"maybe" is not a value of target "won"/);
  });

  it("names the target when it has one class or more than two", () => {
    expect(() => encodeBinaryTarget({ name: "won", type: "string", values: ["yes", "yes"] })).toThrow(/Target "won" has a single class/);
    expect(() => encodeBinaryTarget({ name: "won", type: "number", values: Float64Array.of(1, 1, NaN) })).toThrow(/Target "won" has a single class/);
    expect(() => encodeBinaryTarget({ name: "tier", type: "string", values: ["a", "b", "c"] })).toThrow(/3 classes/);
    expect(() => encodeBinaryTarget({ name: "n", type: "number", values: Float64Array.of(0, 2) })).toThrow(/must hold 0\/1/);
  });
});
