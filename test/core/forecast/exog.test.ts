import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { forecastCell } from "../../../src/core/cells/forecast";
import { ParamError, type CellOutput } from "../../../src/core/cells/types";
import { fitLinearSeasonalExog, linearSeasonalExogForecast, forecastSeries, type ExogData } from "../../../src/core/forecast";
import { getNumeric, getString, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext, repoRoot } from "../../helpers/node-context";

// statsmodels OLS on y = AirPassengers + 2.5·x to 1958 with a synthetic regressor x (test/reference/forecast_exog_reference.py).
const ref = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference/forecast_exog.json"), "utf8"));
const n: number = ref.n;
const H: number = ref.horizon;
const x = Float64Array.from(ref.x as number[]);
const y = Float64Array.from(ref.y as number[]);

function close(actual: ArrayLike<number>, expected: readonly number[], rel = 1e-6) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(e))));
}

const exog = (known: boolean): ExogData => ({ names: ["touches"], history: [x.slice(0, n)], future: [x.slice(n)], known: [known] });

/** Monthly rows: two per month (the value and the regressor split across them); future months carry only the regressor. */
function table(opts: { future: boolean; agg: "sum" | "mean" }): Table {
  const month: number[] = [];
  const value: number[] = [];
  const touches: number[] = [];
  const months = opts.future ? n + H : n;
  for (let t = 0; t < months; t++) {
    const split = opts.agg === "sum" ? [x[t] - 10, 10] : [x[t], x[t]];
    month.push(Date.UTC(1949, t, 5), Date.UTC(1949, t, 20));
    value.push(t < n ? y[t] : NaN, t < n ? 0 : NaN);
    touches.push(...split);
  }
  return makeTable([
    { name: "month", type: "date", values: Float64Array.from(month) },
    { name: "passengers", type: "number", values: Float64Array.from(value) },
    { name: "marketing_touches", type: "number", values: Float64Array.from(touches) },
  ]);
}

const input = (t: Table): Record<string, CellOutput> => ({ data: { table: t, summary: {} } });

async function runCell(t: Table, extra: Record<string, unknown> = {}) {
  const p = forecastCell.parse({ time: "month", value: "passengers", horizon: H, method: "linear_seasonal", interval: ref.level, regressors: ["marketing_touches"], ...extra });
  const out = await forecastCell.run(input(t), p, nodeContext());
  const kind = getString(out.table, "kind").values;
  const idx = [...kind.keys()].filter((i) => kind[i] === "forecast");
  const col = (name: string) => idx.map((i) => getNumeric(out.table, name).values[i]);
  return { out, value: col("value"), lower: col("lower"), upper: col("upper") };
}

describe("linear_seasonal with exogenous regressors", () => {
  it("matches statsmodels OLS coefficients, standard errors and intervals (future regressor known)", () => {
    const f = fitLinearSeasonalExog(y, ref.m, exog(true));
    close(f.fit.beta, ref.params);
    close(Array.from(f.fit.beta, (_, j) => Math.sqrt(f.fit.sigma2 * f.fit.xtxInv[j * f.fit.p + j])), ref.bse);
    expect(f.fit.sigma2).toBeCloseTo(ref.sigma2, 6);
    expect(f.fit.df).toBe(ref.df);
    const fc = linearSeasonalExogForecast(f, H, [ref.level]);
    close(fc.point, ref.known.mean);
    close(fc.bands[0].lower, ref.known.lower);
    close(fc.bands[0].upper, ref.known.upper);
  });

  it("holds the regressor at its last value when no future values are given", () => {
    const fc = linearSeasonalExogForecast(fitLinearSeasonalExog(y, ref.m, exog(false)), H, [ref.level]);
    close(fc.point, ref.held.mean);
    close(fc.bands[0].lower, ref.held.lower);
    close(fc.bands[0].upper, ref.held.upper);
  });

  it("the forecast cell sums the regressor per period and reads future rows from the table", async () => {
    const r = await runCell(table({ future: true, agg: "sum" }));
    close(r.value, ref.known.mean);
    close(r.lower, ref.known.lower);
    close(r.upper, ref.known.upper);
    const params = (r.out.summary.params as Record<string, Record<string, Record<string, number | string>>>).all;
    expect(params.regressors.marketing_touches).toBeCloseTo(ref.params[ref.params.length - 1], 6);
    expect(params.se.marketing_touches).toBeCloseTo(ref.bse[ref.bse.length - 1], 6);
    expect(params.future.marketing_touches).toBe("table");
    expect((r.out.summary.model as Record<string, string>).all).toContain("marketing_touches");
    expect(r.out.summary.backtest).toHaveProperty("all.mae");
  });

  it("the forecast cell holds the last value without future rows, and averages with regressorAgg mean", async () => {
    const held = await runCell(table({ future: false, agg: "sum" }));
    close(held.value, ref.held.mean);
    close(held.upper, ref.held.upper);
    expect((held.out.summary.params as Record<string, Record<string, Record<string, string>>>).all.future.marketing_touches).toBe("held at last value");
    const mean = await runCell(table({ future: true, agg: "mean" }), { regressorAgg: "mean" });
    close(mean.value, ref.known.mean);
    close(mean.lower, ref.known.lower);
  });

  it("backtests refit on the training prefix of the regressors", async () => {
    const r = await forecastSeries("s", y, ref.m, H, ref.level, "linear_seasonal", { exog: exog(true), folds: 2 });
    expect(r.backtest?.folds).toBe(2);
    expect(r.model).toContain("touches");
    close(r.forecast.point, ref.known.mean);
  });

  it("rejects bad regressor parameters and reports a constant regressor per series", async () => {
    expect(() => forecastCell.parse({ time: "month", value: "passengers", regressors: "marketing_touches" })).toThrow(ParamError);
    expect(() => forecastCell.parse({ time: "month", value: "passengers", regressors: ["a", "a"] })).toThrow(ParamError);
    expect(() => forecastCell.parse({ time: "month", value: "passengers", regressorAgg: "max" })).toThrow(ParamError);
    const t = table({ future: false, agg: "mean" });
    const flat = makeTable([...t.columns.filter((c) => c.name !== "marketing_touches"), { name: "marketing_touches", type: "number", values: new Float64Array(t.nRows).fill(3) }]);
    const r = await runCell(flat, { regressorAgg: "mean" });
    expect((r.out.summary.errors as Record<string, string>).all).toMatch(/constant/);
  });
});
