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

  it("parses the default notebook's budget cell unchanged, as one resource named budget", () => {
    const p = allocateCell.parse({ unit: "series", value: "value", filter: { column: "kind", equals: "forecast" }, budget: 600000, min: 50000, max: 250000, response: { type: "saturating", liftShare: 0.25 } });
    expect(p.legacy).toBe(true);
    expect(p.resources.map((r) => [r.name, r.column, r.total])).toEqual([["budget", "spend", 600000]]);
  });

  it("splits two resources (budget and integer headcount) with a group limit from a column and a ratio, as a MILP", async () => {
    const table = makeTable([
      { name: "region", type: "string", values: ["N1", "N2", "S1", "S2"] },
      { name: "area", type: "string", values: ["north", "north", "south", "south"] },
      { name: "revenue", type: "number", values: Float64Array.from([100, 80, 60, 40]) },
      { name: "per_head", type: "number", values: Float64Array.from([9, 7, 5, 3]) },
    ]);
    const p = allocateCell.parse({
      unit: "region",
      resources: [
        { name: "budget", total: 1000, response: { type: "saturating", a: "revenue", b: 300 } },
        { name: "headcount", total: 6, integer: true, max: 2, response: { type: "linear", rate: "per_head" } },
      ],
      groups: [{ column: "area", maxShare: 0.6 }],
      ratios: [{ unit: "S2", to: "S1", atLeast: 0.5 }],
    });
    const out = await allocateCell.run(input(table), p, nodeContext());
    const spend = getNumeric(out.table, "budget").values;
    expect(spend[0] + spend[1]).toBeLessThanOrEqual(0.6 * 1000 + 1e-6);
    expect(spend[3]).toBeGreaterThanOrEqual(0.5 * spend[2] - 1e-6);
    expect(Array.from(getNumeric(out.table, "headcount").values)).toEqual([2, 2, 2, 0]);
    expect(out.summary.problemType).toBe("MILP");
    expect(out.summary.shadowPrice).toEqual({ budget: null, headcount: null });
    expect(out.summary.dualsNote).toMatch(/not defined/);
    expect(out.summary.binding).toContain('at most 60% of budget to area "north"');
    expect(out.table.columns.map((c) => c.name)).toEqual(["unit", "budget", "headcount", "expected_return", "marginal_return_budget", "marginal_return_headcount"]);
  });

  it("solves named scenarios beside the base with deltas, and sweeps the budget from 0.25× to 2×", async () => {
    // A fixed halfSaturation: by default it follows the budget, which would reshape the curves per scenario.
    const p = allocateCell.parse({
      ...params,
      response: { type: "saturating", liftShare: 0.3, halfSaturation: 7000 },
      scenarios: [
        { name: "more budget", totals: { budget: 30_000 } },
        { name: "North weaker", responseMultiplier: { North: 0.5 } },
        { name: "impossible", overrides: { min: 9000 } },
      ],
      sweep: { from: 0.25, to: 2, points: 10 },
    });
    const ctx = nodeContext();
    const out = await allocateCell.run(input(forecastTable()), p, ctx);
    const sc = out.extras!.scenarios;
    expect(getString(sc, "scenario").values).toEqual(["base", "more budget", "North weaker", "impossible"]);
    const delta = getNumeric(sc, "delta_objective").values;
    expect(delta[0]).toBe(0);
    expect(delta[1]).toBeGreaterThan(0);
    expect(delta[2]).toBeLessThan(0);
    expect(getString(sc, "status").values[3]).toMatch(/minimum spends \(3 units × minimum 9000\) add up to 27000/);
    const units = out.extras!.scenario_units;
    expect(units.nRows).toBe(12);
    const sweep = out.extras!.sweep;
    const mult = Array.from(getNumeric(sweep, "multiplier").values);
    expect(mult[0]).toBe(0.25);
    expect(mult[9]).toBe(2);
    const ret = getNumeric(sweep, "objective").values;
    // 0.25× is 5000, above the 3 × 1000 minimums: every point is feasible, and return rises with budget.
    for (let i = 1; i < 10; i++) expect(ret[i]).toBeGreaterThanOrEqual(ret[i - 1] - 1e-9);
    const price = getNumeric(sweep, "shadow_price").values;
    expect(price[0]).toBeGreaterThan(price[5]);
    expect(ctx.progressLog.length).toBeGreaterThanOrEqual(14);
    expect(ctx.progressLog.at(-1)).toBe(1);
  });

  it("stops between solves when cancelled", async () => {
    const ctrl = new AbortController();
    const ctx = nodeContext({ signal: ctrl.signal });
    const orig = ctx.solveLp.bind(ctx);
    let solves = 0;
    ctx.solveLp = async (lp, o) => {
      if (++solves === 3) ctrl.abort();
      return orig(lp, o);
    };
    const p = allocateCell.parse({ ...params, sweep: { points: 10 } });
    await expect(allocateCell.run(input(forecastTable()), p, ctx)).rejects.toThrow("Cancelled");
    expect(solves).toBe(3);
  });

  it("rejects bad resources, groups, ratios, scenarios and objectives naming the field", () => {
    const res = { name: "budget", total: 100, response: { type: "linear", rate: 1 } };
    const bad: [object, string][] = [
      [{ unit: "u", resources: [{ ...res, total: -1 }] }, "params.resources[0].total"],
      [{ unit: "u", resources: [{ ...res, min: 5, max: 2 }] }, "params.resources[0].min"],
      [{ unit: "u", resources: [{ ...res, integer: true, total: 2.5 }] }, "params.resources[0].total"],
      [{ unit: "u", resources: [res, res] }, "params.resources[1].name"],
      [{ unit: "u", budget: 5, resources: [res] }, "params.budget"],
      [{ unit: "u", resources: [{ ...res, response: { type: "log", a: 1, b: 0 } }] }, "params.resources[0].response.b"],
      [{ unit: "u", resources: [{ ...res, response: { type: "fitted", outcome: "y" } }] }, "params.resources[0].response.spend"],
      [{ unit: "u", resources: [res], groups: [{ column: "g", maxShare: 1.5 }] }, "params.groups[0].maxShare"],
      [{ unit: "u", resources: [res], groups: [{ column: "g", maxShare: 0.5, resource: "people" }] }, "params.groups[0].resource"],
      [{ unit: "u", resources: [res], ratios: [{ unit: "a", to: "b" }] }, "params.ratios[0].atMost"],
      [{ unit: "u", resources: [res], coverage: { atLeast: 0 } }, "params.coverage.atLeast"],
      [{ unit: "u", resources: [res], objective: { type: "minCost" } }, "params.objective.target"],
      [{ unitColumns: ["a", "b"], resources: [{ ...res, response: { type: "linear", rate: "roi" } }] }, "params.resources[0].response.rate"],
      [{ ...params, scenarios: [{ name: "x", totals: { budget: -3 } }] }, "params.scenarios[0].budget"],
      [{ ...params, scenarios: [{ name: "x", totals: { people: 3 } }] }, "params.scenarios[0].totals.people"],
      [{ ...params, sweep: { from: 2, to: 1 } }, "params.sweep.to"],
      [{ ...params, value: undefined }, "params.value"],
    ];
    for (const [p, path] of bad) {
      let err: unknown;
      try {
        allocateCell.parse(p);
      } catch (e) {
        err = e;
      }
      expect(err, path).toBeInstanceOf(ParamError);
      expect((err as ParamError).path, JSON.stringify(p)).toBe(path);
    }
  });

  it("names missing or non-numeric response columns and unknown units at run time", async () => {
    const ctx = nodeContext();
    const table = makeTable([
      { name: "region", type: "string", values: ["A", "B"] },
      { name: "roi", type: "number", values: Float64Array.from([0.5, NaN]) },
      { name: "label", type: "string", values: ["x", "y"] },
    ]);
    const run = (rate: string, extra: object = {}) =>
      allocateCell.run(input(table), allocateCell.parse({ unit: "region", resources: [{ name: "budget", total: 10, response: { type: "linear", rate } }], ...extra }), ctx);
    await expect(run("roi")).rejects.toThrow('Column "roi" is missing on 1 of the rows used (first at row 1)');
    await expect(run("label")).rejects.toThrow('Column "label" is text');
    await expect(run("nope")).rejects.toThrow('Column "nope" not found');
    await expect(allocateCell.run(input(table), allocateCell.parse({ unit: "region", resources: [{ name: "budget", total: 10, response: { type: "linear", rate: 1 } }], ratios: [{ unit: "A", to: "Z", atMost: 1 }] }), ctx)).rejects.toThrow(
      'A ratio names "Z", which is not a unit',
    );
  });
});
