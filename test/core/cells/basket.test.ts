import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { basketCell } from "../../../src/core/cells/basket";
import { CancelledError, ParamError, type CellOutput } from "../../../src/core/cells/types";
import { parseCsv } from "../../../src/core/frame";
import { getNumeric, getString, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext, repoRoot, sharedData } from "../../helpers/node-context";

const input = (table: Table): Record<string, CellOutput> => ({ data: { table, summary: {} } });
const ref = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference/customers_groceries.json"), "utf8"));

// groceries.csv has one basket per line and no header: read as one text column with a delimiter
// that never occurs ("|"), as a data cell would with {header: false, delimiter: "|"}.
function groceries(): Table {
  return parseCsv(readFileSync(path.join(sharedData, "retail/groceries/groceries.csv")), { header: false, delimiter: "|" });
}
const groceryParams = { format: "lines", column: "column_1", minSupport: 0.001, minConfidence: 0.5, maxLength: 10 };

describe("basket cell", () => {
  it("finds arules' 5,668 Groceries rules at support 0.001, confidence 0.5, one-item consequents", async () => {
    const ctx = nodeContext();
    const out = await basketCell.run(input(groceries()), basketCell.parse(groceryParams), ctx);
    expect(out.summary.baskets).toBe(9835);
    expect(out.summary.items).toBe(169);
    expect(out.summary.itemsets).toBe(ref.itemsets); // 13,492
    expect(out.summary.rules).toBe(5668);
    expect(out.table.nRows).toBe(5668);
    // The top rules by lift, with every measure, against the Python Apriori reference.
    const ante = getString(out.table, "antecedents").values, cons = getString(out.table, "consequents").values;
    const cols = ["support", "confidence", "lift", "leverage", "conviction"].map((c) => getNumeric(out.table, c).values);
    ref.top_rules.slice(0, 5).forEach((r: Record<string, number | string[] | string | null>, i: number) => {
      expect(ante[i]).toBe((r.antecedents as string[]).join(", "));
      expect(cons[i]).toBe(r.consequent);
      ["support", "confidence", "lift", "leverage", "conviction"].forEach((m, j) => expect(cols[j][i]).toBeCloseTo((r[m] as number | null) ?? Infinity, 12));
    });
    const lift = cols[2];
    for (let i = 1; i < lift.length; i++) expect(lift[i]).toBeLessThanOrEqual(lift[i - 1]);
    expect(ctx.progressLog.at(-1)).toBe(1);
  });

  it("reads (transaction, item) rows, skips cancellations and filters by lift", async () => {
    const rows = [["1", "milk"], ["1", "bread"], ["2", "milk"], ["2", "bread"], ["2", "eggs"], ["3", "milk"], ["4", "bread"], ["4", "eggs"], ["C5", "milk"], ["C5", "eggs"]];
    const t = makeTable([
      { name: "invoice", type: "string", values: rows.map((r) => r[0]) },
      { name: "product", type: "string", values: rows.map((r) => r[1]) },
    ]);
    const out = await basketCell.run(input(t), basketCell.parse({ transaction: "invoice", item: "product", minSupport: 0.5, minConfidence: 0.6 }), nodeContext());
    expect(out.summary.baskets).toBe(4);
    expect(out.summary.skippedRows).toBe(2);
    // {bread, milk} in 2 of 4 baskets: bread => milk has confidence 2/3, lift (2/3)/(3/4).
    const ante = getString(out.table, "antecedents").values;
    const cons = getString(out.table, "consequents").values;
    const i = ante.findIndex((a, k) => a === "bread" && cons[k] === "milk");
    expect(i).toBeGreaterThanOrEqual(0);
    expect(getNumeric(out.table, "confidence").values[i]).toBeCloseTo(2 / 3, 12);
    expect(getNumeric(out.table, "lift").values[i]).toBeCloseTo(8 / 9, 12);
    const strict = await basketCell.run(input(t), basketCell.parse({ transaction: "invoice", item: "product", minSupport: 0.5, minConfidence: 0.6, minLift: 1.01 }), nodeContext());
    expect([...getNumeric(strict.table, "lift").values].every((l) => l >= 1.01)).toBe(true);
    expect(strict.table.nRows).toBeLessThan(out.table.nRows);
  });

  it("stops with a clear message past the itemset limit, and on cancel", async () => {
    const p = basketCell.parse({ ...groceryParams, maxItemsets: 1000 });
    await expect(basketCell.run(input(groceries()), p, nodeContext())).rejects.toThrow(/More than 1,000 frequent itemsets: raise the minimum support/);
    const controller = new AbortController();
    const ctx = nodeContext({ signal: controller.signal });
    ctx.progress = (f: number) => f > 0.1 && controller.abort();
    await expect(basketCell.run(input(groceries()), basketCell.parse(groceryParams), ctx)).rejects.toBeInstanceOf(CancelledError);
  });

  it("rejects bad parameters and missing columns", async () => {
    expect(() => basketCell.parse({ transaction: "t", item: "i", minSupport: 0 })).toThrow(ParamError);
    expect(() => basketCell.parse({ format: "lines" })).toThrow(/params.column/);
    expect(() => basketCell.parse({ transaction: "t", item: "i", maxItemsets: 3_000_000 })).toThrow(/params.maxItemsets/);
    await expect(basketCell.run(input(groceries()), basketCell.parse({ format: "lines", column: "nope" }), nodeContext())).rejects.toThrow(/Column "nope" not found/);
  });
});
