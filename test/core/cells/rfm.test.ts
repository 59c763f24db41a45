import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { rfmCell } from "../../../src/core/cells/rfm";
import { ParamError, type CellOutput } from "../../../src/core/cells/types";
import { parseCsv } from "../../../src/core/frame";
import { getNumeric, getString, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext, sharedData } from "../../helpers/node-context";

const input = (table: Table): Record<string, CellOutput> => ({ data: { table, summary: {} } });
const retailParams = { customer: "CustomerID", invoice: "InvoiceNo", date: "InvoiceDate", quantity: "Quantity", price: "UnitPrice" };

describe("rfm cell on the full Online Retail file", () => {
  let retail: Table;
  let parseMs = 0;
  beforeAll(() => {
    const t0 = performance.now();
    const bytes = gunzipSync(readFileSync(path.join(sharedData, "retail/online_retail/online_retail_uci_2010-12_2011-12.csv.gz")));
    retail = parseCsv(bytes);
    parseMs = performance.now() - t0;
  });

  it("matches rfm_expected.csv for all 4,338 customers with snapshot 2011-12-10 and the README's cleaning", async () => {
    expect(retail.nRows).toBe(541_909);
    console.info(`online retail: gunzip + parseCsv of 541,909 rows took ${Math.round(parseMs)} ms`);
    const out = await rfmCell.run(input(retail), rfmCell.parse({ ...retailParams, snapshot: "2011-12-10" }), nodeContext());
    expect(out.summary.keptRows).toBe(397_884);
    expect(out.summary.customers).toBe(4338);
    const lines = readFileSync(path.join(sharedData, "retail/online_retail/rfm_expected.csv"), "utf8").trim().split("\n").slice(1);
    const expected = new Map(lines.map((l) => l.split(",")).map(([id, r, f, m]) => [Number(id), [Number(r), Number(f), Number(m)]]));
    const ids = getNumeric(out.table, "CustomerID").values;
    const rec = getNumeric(out.table, "recency").values;
    const freq = getNumeric(out.table, "frequency").values;
    const mon = getNumeric(out.table, "monetary").values;
    expect(ids.length).toBe(expected.size);
    // rfm_expected.csv rounds monetary to cents, so the tolerance is half a cent (plus float noise);
    // for the larger totals that is tighter than 1e-6 relative, for small ones it is the file's precision.
    let worstAbs = 0;
    let worstRel = 0;
    for (let i = 0; i < ids.length; i++) {
      const e = expected.get(ids[i]);
      expect(e, `customer ${ids[i]}`).toBeDefined();
      expect(rec[i]).toBe(e![0]);
      expect(freq[i]).toBe(e![1]);
      worstAbs = Math.max(worstAbs, Math.abs(mon[i] - e![2]));
      worstRel = Math.max(worstRel, Math.abs(mon[i] - e![2]) / Math.abs(e![2]));
    }
    console.info(`monetary: worst absolute difference ${worstAbs.toExponential(3)}, worst relative ${worstRel.toExponential(3)}`);
    expect(worstAbs).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(worstRel).toBeLessThan(1e-5);
  });

  it("defaults the snapshot to the day after the last transaction and counts each cleaning rule", async () => {
    const out = await rfmCell.run(input(retail), rfmCell.parse(retailParams), nodeContext());
    expect(out.summary.snapshot).toBe("2011-12-10");
    // Sequential attribution: 135,080 rows lack a customer; of the rest, 8,905 are cancellations
    // and 40 have a zero price (541,909 - 135,080 - 8,905 - 40 = 397,884).
    expect(out.summary.dropped).toEqual({ missingCustomer: 135_080, cancelled: 8905, nonPositive: 40, missingDateOrValue: 0, afterSnapshot: 0 });
    const segments = out.summary.segments as Record<string, { customers: number; revenueShare: number }>;
    const total = Object.values(segments).reduce((s, g) => s + g.customers, 0);
    expect(total).toBe(4338);
    expect(Object.values(segments).reduce((s, g) => s + g.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(segments.Champions.revenueShare).toBeGreaterThan(segments.Lost.revenueShare);
  });
});

// Six customers with hand-computed RFM values, ties and a text id column.
function small(): Table {
  const rows: [string | null, string, string, number, number][] = [
    ["a", "1", "2024-01-01", 2, 10],
    ["a", "2", "2024-03-01", 1, 5],
    ["a", "2", "2024-03-01", 1, 5],
    ["b", "3", "2024-02-15", 1, 100],
    ["c", "C4", "2024-03-02", -1, 10],
    ["c", "5", "2024-01-10", 3, 1],
    ["d", "6", "2024-03-09", 1, 0],
    ["d", "7", "2024-03-09", 1, 7],
    [null, "8", "2024-03-01", 1, 1],
    ["e", "9", "2024-03-05", 1, 20],
    ["f", "10", "2024-03-05", 1, 20],
  ];
  return makeTable([
    { name: "cust", type: "string", values: rows.map((r) => r[0]) },
    { name: "inv", type: "string", values: rows.map((r) => r[1]) },
    { name: "day", type: "date", values: Float64Array.from(rows, (r) => Date.parse(r[2])) },
    { name: "qty", type: "number", values: Float64Array.from(rows, (r) => r[3]) },
    { name: "price", type: "number", values: Float64Array.from(rows, (r) => r[4]) },
  ]);
}
const smallParams = { customer: "cust", invoice: "inv", date: "day", quantity: "qty", price: "price" };

describe("rfm cell", () => {
  it("computes recency, distinct-invoice frequency, monetary and tie-sharing scores", async () => {
    const out = await rfmCell.run(input(small()), rfmCell.parse({ ...smallParams, snapshot: "2024-03-10" }), nodeContext());
    expect(getString(out.table, "cust").values).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect([...getNumeric(out.table, "recency").values]).toEqual([9, 24, 60, 1, 5, 5]);
    expect([...getNumeric(out.table, "frequency").values]).toEqual([2, 1, 1, 1, 1, 1]);
    expect([...getNumeric(out.table, "monetary").values]).toEqual([30, 100, 3, 7, 20, 20]);
    // e and f tie on recency (midrank 4.5 of 6 -> ceil(5 * 4.5 / 6) = 4; a ranks 3rd -> 3), the four one-time buyers tie on F.
    expect([...getNumeric(out.table, "r").values]).toEqual([3, 2, 1, 5, 4, 4]);
    expect([...getNumeric(out.table, "f").values]).toEqual([5, 3, 3, 3, 3, 3]);
    expect(getString(out.table, "segment").values).toEqual(["Loyal", "At risk", "At risk", "Potential loyalists", "Potential loyalists", "Potential loyalists"]);
    expect(out.summary.dropped).toMatchObject({ missingCustomer: 1, cancelled: 1, nonPositive: 1 });
    const seg = out.extras!.segments;
    expect(getString(seg, "segment").values.length).toBe(10);
  });

  it("keeps rows when the cleaning switches are off", async () => {
    const p = rfmCell.parse({ ...smallParams, snapshot: "2024-03-10", dropCancelled: false, dropNonPositive: false, dropMissingCustomer: false });
    const out = await rfmCell.run(input(small()), p, nodeContext());
    expect(out.summary.customers).toBe(7);
    expect(getNumeric(out.table, "monetary").values[2]).toBe(-10 + 3);
  });

  it("adds seeded k-means clusters chosen by silhouette", async () => {
    const out1 = await rfmCell.run(input(small()), rfmCell.parse({ ...smallParams, clusters: true, k: 2 }), nodeContext({ seed: 3 }));
    const out2 = await rfmCell.run(input(small()), rfmCell.parse({ ...smallParams, clusters: true, k: 2 }), nodeContext({ seed: 3 }));
    expect(getString(out1.table, "cluster").values).toEqual(getString(out2.table, "cluster").values);
    expect(new Set(getString(out1.table, "cluster").values).size).toBe(2);
    const auto = await rfmCell.run(input(small()), rfmCell.parse({ ...smallParams, clusters: true }), nodeContext());
    const sil = (auto.summary.clusters as { silhouette: Record<string, number> }).silhouette;
    expect(Object.keys(sil)).toEqual(["2", "3", "4", "5"]);
  });

  it("rejects bad parameters and bad input with messages naming the problem", async () => {
    expect(() => rfmCell.parse({ customer: "cust", date: "day" })).toThrow(ParamError);
    expect(() => rfmCell.parse({ ...smallParams, snapshot: "10/03/2024" })).toThrow(/params.snapshot: must be a date/);
    expect(() => rfmCell.parse({ ...smallParams, k: 1 })).toThrow(/params.k/);
    await expect(rfmCell.run(input(small()), rfmCell.parse({ ...smallParams, date: "qty" }), nodeContext())).rejects.toThrow(/"qty" is number; a date column/);
    await expect(rfmCell.run(input(small()), rfmCell.parse({ ...smallParams, customer: "nope" }), nodeContext())).rejects.toThrow(/Column "nope" not found/);
    await expect(rfmCell.run(input(small()), rfmCell.parse({ ...smallParams, snapshot: "2023-01-01" }), nodeContext())).rejects.toThrow(/on or after the snapshot 2023-01-01/);
  });
});
