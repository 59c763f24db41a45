import { describe, expect, it } from "vitest";
import { allocateCell } from "../../../src/core/cells/allocate";
import { ParamError, type CellOutput } from "../../../src/core/cells/types";
import { getNumeric, getString, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext } from "../../helpers/node-context";

// A forecast-shaped upstream table: history rows must be filtered out by kind == "forecast".
function forecastTable(): Table {
  const series = ["North", "North", "North", "South", "South", 'x0 + 1 <= 2 "End"', 'x0 + 1 <= 2 "End"'];
  const kind = ["history", "forecast", "forecast", "history", "forecast", "forecast", "forecast"];
  const value = [999_999, 60_000, 40_000, 999_999, 30_000, 5_000, 5_000];
  return makeTable([
    { name: "series", type: "string", values: series },
    { name: "kind", type: "string", values: kind },
    { name: "value", type: "number", values: Float64Array.from(value) },
  ]);
}
const input = (table: Table): Record<string, CellOutput> => ({ data: { table, summary: {} } });
const params = {
  unit: "series",
  value: "value",
  filter: { column: "kind", equals: "forecast" },
  budget: 20_000,
  min: 1000,
  max: 15_000,
  response: { type: "saturating", liftShare: 0.3 },
};

describe("allocate cell", () => {
  it("aggregates forecast rows per unit and spends the budget within min/max, reporting the budget's shadow price", async () => {
    const p = allocateCell.parse(params);
    expect(p.segments).toBe(20);
    const out = await allocateCell.run(input(forecastTable()), p, nodeContext());
    expect(getString(out.table, "unit").values).toEqual(["North", "South", 'x0 + 1 <= 2 "End"']);
    expect(Array.from(getNumeric(out.table, "base_value").values)).toEqual([100_000, 30_000, 10_000]);
    const spend = getNumeric(out.table, "spend").values;
    for (const s of spend) {
      expect(s).toBeGreaterThanOrEqual(1000 - 1e-9);
      expect(s).toBeLessThanOrEqual(15_000 + 1e-9);
    }
    expect(out.summary.status).toBe("Optimal");
    expect(out.summary.allocated).toBeCloseTo(20_000, 6);
    expect(spend[0]).toBeGreaterThan(spend[1]);
    const price = (out.summary.shadowPrice as { budget: number }).budget;
    expect(price).toBeGreaterThan(0);
    expect(out.summary.binding).toContain("budget: all of 20000 is spent");
    // The true curve's return is at least the LP's chords (a concave curve lies above them).
    expect(out.summary.expectedReturn as number).toBeGreaterThanOrEqual((out.summary.objective as number) - 1e-6);
  });

  it("supports a linear response priced per unit by a rate column", async () => {
    const table = makeTable([
      { name: "region", type: "string", values: ["A", "B", "B"] },
      { name: "revenue", type: "number", values: Float64Array.from([10, 20, 30]) },
      { name: "roi", type: "number", values: Float64Array.from([0.5, 0.2, 0.4]) },
    ]);
    const p = allocateCell.parse({ unit: "region", value: "revenue", budget: 100, max: 70, response: { type: "linear", rate: "roi" } });
    const out = await allocateCell.run(input(table), p, nodeContext());
    expect(Array.from(getNumeric(out.table, "spend").values)).toEqual([70, 30]);
    expect(Array.from(getNumeric(out.table, "marginal_return").values)).toEqual([0.5, 0.30000000000000004]);
    expect((out.summary.shadowPrice as { budget: number }).budget).toBeCloseTo(0.3, 12);
    expect(out.summary.binding).toEqual(["budget: all of 100 is spent", 'maximum spend of 70 for "A"']);
  });

  it("rejects bad parameters naming the field", () => {
    const bad: [object, string][] = [
      [{ ...params, budget: -5 }, "params.budget"],
      [{ ...params, budget: 0 }, "params.budget"],
      [{ ...params, min: 20, max: 10 }, "params.min"],
      [{ ...params, response: { type: "saturating" } }, "params.response.liftShare"],
      [{ ...params, response: { type: "cubic" } }, "params.response.type"],
      [{ ...params, response: { type: "saturating", liftShare: 0.2, halfSaturation: 0 } }, "params.response.halfSaturation"],
      [{ ...params, segments: 2.5 }, "params.segments"],
      [{ ...params, unit: "" }, "params.unit"],
    ];
    for (const [p, path] of bad) {
      let err: unknown;
      try {
        allocateCell.parse(p);
      } catch (e) {
        err = e;
      }
      expect(err, path).toBeInstanceOf(ParamError);
      expect((err as ParamError).path).toBe(path);
    }
  });

  it("explains infeasible minimums and bad value columns in plain words", async () => {
    const ctx = nodeContext();
    const table = forecastTable();
    await expect(allocateCell.run(input(table), allocateCell.parse({ ...params, min: 8000 }), ctx)).rejects.toThrow(
      "No allocation is possible: the minimum spends (3 units × minimum 8000) add up to 24000, more than the budget of 20000. Lower the minimum or raise the budget.",
    );
    await expect(allocateCell.run(input(table), allocateCell.parse({ ...params, value: "kind" }), ctx)).rejects.toThrow('Column "kind" is text');
    await expect(allocateCell.run(input(table), allocateCell.parse({ ...params, value: "amount" }), ctx)).rejects.toThrow('Column "amount" not found');
    const withNaN = makeTable([table.columns[0], table.columns[1], { name: "value", type: "number", values: Float64Array.from([1, NaN, 2, 3, 4, 5, 6]) }]);
    await expect(allocateCell.run(input(withNaN), allocateCell.parse(params), ctx)).rejects.toThrow(
      'Column "value" is missing on 1 of the rows used (first at row 1)',
    );
    await expect(
      allocateCell.run(input(table), allocateCell.parse({ ...params, filter: { column: "kind", equals: "plan" } }), ctx),
    ).rejects.toThrow("No rows to allocate over after keeping kind = plan");
  });
});
