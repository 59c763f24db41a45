import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clvCell } from "../../../src/core/cells/clv";
import { CancelledError, ParamError, type CellOutput } from "../../../src/core/cells/types";
import { getNumeric, getString, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext, repoRoot, sharedData } from "../../helpers/node-context";

const input = (table: Table): Record<string, CellOutput> => ({ data: { table, summary: {} } });
const ref = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference/customers_cdnow.json"), "utf8"));
const published = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };

// CDNOW_sample.txt (2,357 customers of the 1997 cohort): sample id, yyyymmdd date, dollar value.
function cdnowTransactions(): Table {
  const rows = readFileSync(path.join(sharedData, "retail/cdnow/CDNOW_sample.txt"), "utf8").trim().split("\n").map((l) => l.trim().split(/\s+/));
  return makeTable([
    { name: "customer", type: "string", values: rows.map((r) => r[1]) },
    { name: "date", type: "date", values: Float64Array.from(rows, (r) => Date.UTC(+r[2].slice(0, 4), +r[2].slice(4, 6) - 1, +r[2].slice(6, 8))) },
    { name: "amount", type: "number", values: Float64Array.from(rows, (r) => Number(r[4])) },
  ]);
}
// Zero-value purchases are real CDNOW purchases (Fader & Hardie count them), so they are kept.
const cdnowParams = { customer: "customer", date: "date", amount: "amount", dropNonPositive: false, calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30", timeUnit: "week" };

function tiny(rows: [string, string, number][]): Table {
  return makeTable([
    { name: "customer", type: "string", values: rows.map((r) => r[0]) },
    { name: "date", type: "date", values: Float64Array.from(rows, (r) => Date.parse(r[1])) },
    { name: "amount", type: "number", values: Float64Array.from(rows, (r) => r[2]) },
  ]);
}

describe("clv cell", () => {
  it("fits BG/NBD and Gamma-Gamma on the CDNOW calibration period to the published parameters", async () => {
    const ctx = nodeContext();
    const out = await clvCell.run(input(cdnowTransactions()), clvCell.parse(cdnowParams), ctx);
    const cal = out.summary.calibration as { customers: number; bgnbd: Record<string, number>; gammaGamma: Record<string, number> };
    expect(cal.customers).toBe(2357);
    for (const [k, v] of Object.entries(published)) expect(Math.abs(cal.bgnbd[k] / v - 1), k).toBeLessThan(0.005);
    expect(cal.bgnbd.negLogLik).toBeCloseTo(9582.43, 1);
    expect(Math.abs(cal.gammaGamma.p / 6.25 - 1)).toBeLessThan(0.01);
    expect(Math.abs(cal.gammaGamma.q / 3.74 - 1)).toBeLessThan(0.01);
    expect(Math.abs(cal.gammaGamma.v / 15.44 - 1)).toBeLessThan(0.01);
    // Holdout: actual purchase days counted from the raw file, predictions from the scipy reference.
    const holdout = out.summary.holdout as { actualPurchases: number; predictedPurchases: number };
    expect(holdout.actualPurchases).toBe(ref.holdout_total_actual);
    // The reference used the published summary (t_x, T rounded to 0.01 week); ours has exact days: 1e-4 relative.
    expect(Math.abs(holdout.predictedPurchases / ref.holdout_total_predicted - 1)).toBeLessThan(1e-4);
    const h = out.extras!.holdout;
    const actual = getNumeric(h, "actual").values, predicted = getNumeric(h, "predicted").values;
    ref.holdout_by_frequency.forEach((g: { actual: number; predicted: number }, i: number) => {
      expect(actual[i]).toBeCloseTo(g.actual, 10);
      expect(Math.abs(predicted[i] / g.predicted - 1)).toBeLessThan(1e-4);
    });
    // The per-customer table comes from the refit on all data up to the holdout end.
    expect(out.table.nRows).toBe(2357);
    const pAlive = getNumeric(out.table, "p_alive").values;
    expect(Math.min(...pAlive)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pAlive)).toBeLessThanOrEqual(1);
    expect(ctx.progressLog.length).toBeGreaterThan(5);
  });

  it("stops fitting when cancelled", async () => {
    const controller = new AbortController();
    const ctx = nodeContext({ signal: controller.signal });
    ctx.progress = () => controller.abort();
    await expect(clvCell.run(input(cdnowTransactions()), clvCell.parse(cdnowParams), ctx)).rejects.toBeInstanceOf(CancelledError);
  });

  it("computes the simple discounted CLV from average monthly revenue", async () => {
    const t = tiny([["a", "2024-01-01", 100], ["a", "2024-03-01", 100], ["b", "2024-05-31", 30]]);
    const out = await clvCell.run(input(t), clvCell.parse({ customer: "customer", date: "date", amount: "amount", method: "simple", horizonMonths: 3, discountRate: 0.1 }), nodeContext());
    expect(getString(out.table, "customer").values).toEqual(["a", "b"]);
    const months = getNumeric(out.table, "months_observed").values;
    expect(months[0]).toBeCloseTo(152 / (365.25 / 12), 12); // 2024-01-01..2024-05-31 inclusive
    expect(months[1]).toBe(1);
    const m = 30; // b: one month floor
    expect(getNumeric(out.table, "clv").values[1]).toBeCloseTo(m / 1.1 + m / 1.21 + m / 1.331, 10);
  });

  it("explains bad input: no repeat buyers, one customer, dates out of order, bad params", async () => {
    const oneTimers = tiny([["a", "2024-01-01", 10], ["b", "2024-01-05", 20], ["c", "2024-02-01", 5]]);
    const p = { customer: "customer", date: "date", amount: "amount" };
    await expect(clvCell.run(input(oneTimers), clvCell.parse(p), nodeContext())).rejects.toThrow(/No customer made a repeat purchase.*method "simple"/);
    const single = tiny([["a", "2024-01-01", 10], ["a", "2024-01-05", 20], ["a", "2024-02-01", 5]]);
    await expect(clvCell.run(input(single), clvCell.parse(p), nodeContext())).rejects.toThrow(/many customers; found 1/);
    await expect(clvCell.run(input(single), clvCell.parse({ ...p, calibrationEnd: "2024-03-01", holdoutEnd: "2024-02-01" }), nodeContext())).rejects.toThrow(/Dates out of order/);
    expect(() => clvCell.parse({ ...p, method: "magic" })).toThrow(ParamError);
    expect(() => clvCell.parse({ ...p, discountRate: -0.1 })).toThrow(/params.discountRate/);
    expect(() => clvCell.parse({ customer: "customer", date: "date" })).toThrow(/params.amount/);
  });
});
