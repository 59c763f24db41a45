import { describe, expect, it } from "vitest";
import { backtest, forecastSeries, naiveForecast, seasonalNaiveForecast } from "../../../src/core/forecast";

// 4 years of a strongly seasonal monthly series with a mild trend and a little noise.
const seasonal = Float64Array.from({ length: 48 }, (_, t) => 100 + t + 40 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7) % 5));

describe("method selection", () => {
  it("auto picks a seasonal method on a seasonal series by holdout MAE, and reports that backtest", async () => {
    const simple = await forecastSeries("s", seasonal, 12, 6, 0.9, "auto", { candidates: ["naive", "seasonal_naive", "linear_seasonal"] });
    expect(simple.method).toBe("linear_seasonal");
    const r = await forecastSeries("s", seasonal, 12, 6, 0.9, "auto");
    expect(r.method).not.toBe("naive");
    // The winner has the lowest MAE among all five candidates' backtests.
    const scores = Object.values(r.candidates!).filter((v): v is number => v !== null);
    expect(scores.length).toBe(5);
    expect(r.backtest!.mae).toBe(Math.min(...scores));
    expect(r.warning).toBeUndefined();
    const naive = backtest("naive", seasonal, 12, 12)!;
    expect(r.backtest!.mae).toBeLessThan(naive.mae);
    expect(r.backtest!.holdout).toBe(12);
    expect(r.forecast.point.length).toBe(6);
    for (let h = 0; h < 6; h++) expect(r.forecast.lower[h]).toBeLessThan(r.forecast.upper[h]);
  });

  it("falls back to naive with a warning on a series shorter than two seasons", async () => {
    const r = await forecastSeries("West", seasonal.subarray(0, 15), 12, 3, 0.9, "linear_seasonal");
    expect(r.method).toBe("naive");
    expect(r.warning).toBe('Series "West" has 15 periods, fewer than the 24 (two seasons) that linear_seasonal needs; forecast with naive (last value) instead');
    expect(Array.from(r.forecast.point)).toEqual([seasonal[14], seasonal[14], seasonal[14]]);
    const one = await forecastSeries("tiny", Float64Array.of(5), 12, 2, 0.9, "auto");
    expect(Array.from(one.forecast.point)).toEqual([5, 5]);
    expect(one.forecast.lower[0]).toBeNaN();
    expect(one.backtest).toBeNull();
  });

  it("naive and seasonal naive intervals widen with the horizon as in FPP3 §5.5", () => {
    const y = Float64Array.of(1, 3, 2, 4, 3, 5, 4, 6);
    const n = naiveForecast(y, 4, 0.95);
    const w1 = n.upper[0] - n.point[0];
    expect(n.upper[3] - n.point[3]).toBeCloseTo(2 * w1, 12);
    const s = seasonalNaiveForecast(y, 2, 4, 0.95);
    expect(Array.from(s.point)).toEqual([4, 6, 4, 6]);
    expect(s.upper[2] - s.point[2]).toBeCloseTo(Math.SQRT2 * (s.upper[0] - s.point[0]), 12);
  });
});
