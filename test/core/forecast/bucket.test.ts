import { describe, expect, it } from "vitest";
import { bucketByPeriod, ordinalStart, periodLabel, periodOrdinal, periodStart } from "../../../src/core/forecast";
import { makeTable } from "../../../src/core/frame/table";

const ms = (iso: string) => Date.parse(iso);

describe("periods and bucketing", () => {
  it("periodStart finds the UTC start of months, ISO weeks (Monday), quarters and years", () => {
    expect(periodStart(ms("2024-02-29T23:59:59Z"), "month")).toBe(ms("2024-02-01T00:00:00Z"));
    expect(periodStart(ms("2024-01-07T12:00:00Z"), "week")).toBe(ms("2024-01-01T00:00:00Z")); // a Sunday
    expect(periodStart(ms("2024-01-08T00:00:00Z"), "week")).toBe(ms("2024-01-08T00:00:00Z"));
    expect(periodStart(ms("1969-12-31T00:00:00Z"), "week")).toBe(ms("1969-12-29T00:00:00Z"));
    expect(periodStart(ms("2023-08-15T00:00:00Z"), "quarter")).toBe(ms("2023-07-01T00:00:00Z"));
    expect(periodStart(ms("2023-08-15T00:00:00Z"), "year")).toBe(ms("2023-01-01T00:00:00Z"));
    expect(ordinalStart(periodOrdinal(ms("2023-12-05Z"), "month") + 1, "month")).toBe(ms("2024-01-01Z"));
    expect(periodLabel(ms("2023-08-01Z"), "quarter")).toBe("2023-Q3");
  });

  it("sums values per month and group, fills empty months with 0 and ends every series at the last month", () => {
    const table = makeTable([
      { name: "date", type: "date", values: Float64Array.from(["2024-01-03", "2024-01-20", "2024-03-02", "2024-02-10", "2024-04-30", "2024-02-01"].map((d) => ms(d))) },
      { name: "amount", type: "number", values: Float64Array.from([1, 2, 4, 8, 16, NaN]) },
      { name: "region", type: "string", values: ["N", "N", "N", "S", "S", "S"] },
    ]);
    const r = bucketByPeriod(table, { time: "date", value: "amount", groupBy: "region", freq: "month" });
    expect(r.skippedValue).toBe(1);
    const [n, s] = r.series;
    expect(n.name).toBe("N");
    expect(Array.from(n.values)).toEqual([3, 0, 4, 0]);
    expect(n.filled).toEqual([ms("2024-02-01"), ms("2024-04-01")]);
    expect(s.name).toBe("S");
    expect(Array.from(s.periods)).toEqual([ms("2024-02-01"), ms("2024-03-01"), ms("2024-04-01")]);
    expect(Array.from(s.values)).toEqual([8, 0, 16]);
  });

  it("reads ISO date text, skips unparseable dates, and refuses a numeric time column", () => {
    const table = makeTable([
      { name: "when", type: "string", values: ["2024-01-05", "not a date", null, "2024-03-09"] },
      { name: "n", type: "number", values: Float64Array.from([1, 1, 1, 1]) },
    ]);
    const r = bucketByPeriod(table, { time: "when", value: "n", freq: "quarter" });
    expect(r.skippedTime).toBe(2);
    expect(r.series[0].name).toBe("all");
    expect(Array.from(r.series[0].values)).toEqual([2]);
    expect(() => bucketByPeriod(table, { time: "n", value: "n", freq: "month" })).toThrow('Column "n" is number; the time column must hold dates');
  });
});
