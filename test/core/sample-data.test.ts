// The embedded sample CRM dataset (public/data/*.csv): reproducible from
// scripts/generate-sample-data.mjs and carrying the signal that docs/sample-data.md promises.
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DATA = join(ROOT, "public/data");
const SCRIPT = join(ROOT, "scripts/generate-sample-data.mjs");
const FILES = ["opportunities.csv", "order_lines.csv"] as const;

const OPPORTUNITY_COLUMNS = [
  "opportunity_id", "created_date", "close_date", "stage", "won", "amount", "region", "segment",
  "rep", "lead_source", "marketing_touches", "discount", "lead_score",
];
const ORDER_LINE_COLUMNS = ["customer_id", "invoice_id", "invoice_date", "product", "quantity", "unit_price", "region"];

type Row = Record<string, string>;

/** Minimal CSV reader for these files: no quoting, "\n" line ends, trailing newline. */
function readCsv(path: string): { header: string[]; rows: Row[] } {
  const text = readFileSync(path, "utf8");
  expect(text.endsWith("\n")).toBe(true);
  expect(text.includes("\r")).toBe(false);
  expect(text.includes('"')).toBe(false);
  const lines = text.slice(0, -1).split("\n");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(",");
    if (cells.length !== header.length) throw new Error(`${path}: line ${i + 2} has ${cells.length} fields, expected ${header.length}`);
    const row: Row = {};
    header.forEach((h, j) => (row[h] = cells[j]));
    return row;
  });
  return { header, rows };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe("sample data: reproducibility", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "sample-data-"));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("regenerating with the default seed gives byte-identical files", () => {
    execFileSync(process.execPath, [SCRIPT, "--out", tmp, "--quiet"], { cwd: ROOT, stdio: "pipe" });
    for (const f of FILES) {
      const shipped = readFileSync(join(DATA, f));
      const regenerated = readFileSync(join(tmp, f));
      expect(regenerated.length, f).toBe(shipped.length);
      expect(regenerated.equals(shipped), `${f} differs from a fresh run; rerun npm run gen:data`).toBe(true);
    }
  });

  it("another seed gives different data", () => {
    const other = join(tmp, "seed7");
    execFileSync(process.execPath, [SCRIPT, "--seed", "7", "--out", other, "--quiet"], { cwd: ROOT, stdio: "pipe" });
    expect(readFileSync(join(other, "opportunities.csv")).equals(readFileSync(join(DATA, "opportunities.csv")))).toBe(false);
  });

  it("shipped files total at most 2 MB", () => {
    const total = sum(FILES.map((f) => statSync(join(DATA, f)).size));
    expect(total).toBeLessThanOrEqual(2_000_000);
    expect(total).toBeGreaterThan(500_000);
  });
});

describe("sample data: opportunities.csv", () => {
  const { header, rows } = readCsv(join(DATA, "opportunities.csv"));
  const closed = rows.filter((r) => r.stage === "Closed Won" || r.stage === "Closed Lost");
  const won = rows.filter((r) => r.won === "1");

  it("has exactly the documented columns and a plausible row count", () => {
    expect(header).toEqual(OPPORTUNITY_COLUMNS);
    expect(rows.length).toBeGreaterThanOrEqual(6000);
    expect(rows.length).toBeLessThanOrEqual(8000);
    expect(new Set(rows.map((r) => r.opportunity_id)).size).toBe(rows.length);
  });

  it("has valid values in every column", () => {
    for (const r of rows) {
      expect(r.created_date).toMatch(DATE);
      expect(r.close_date).toMatch(DATE);
      expect(r.created_date <= "2025-12-31").toBe(true);
      expect(["North", "South", "East", "West", "Central"]).toContain(r.region);
      expect(["SMB", "Mid-Market", "Enterprise"]).toContain(r.segment);
      expect(["Inbound", "Outbound", "Partner", "Event", "Referral"]).toContain(r.lead_source);
      expect(r.amount).toMatch(/^\d+\.\d{2}$/);
      expect(Number(r.amount)).toBeGreaterThan(0);
      expect(r.marketing_touches).toMatch(/^\d+$/);
      const d = Number(r.discount);
      expect(d >= 0 && d <= 0.35).toBe(true);
      if (r.lead_score !== "") {
        expect(r.lead_score).toMatch(/^\d+$/);
        expect(Number(r.lead_score)).toBeLessThanOrEqual(100);
      }
    }
    const reps = new Map<string, Set<string>>();
    for (const r of rows) (reps.get(r.rep) ?? reps.set(r.rep, new Set()).get(r.rep)!).add(r.region);
    expect(reps.size).toBe(24);
    for (const regions of reps.values()) expect(regions.size).toBe(1); // each rep belongs to one region
  });

  it("closes on or after creation, within the extract window", () => {
    for (const r of rows) expect(r.close_date >= r.created_date, r.opportunity_id).toBe(true);
    for (const r of closed) expect(r.close_date >= "2023-01-01" && r.close_date <= "2025-12-31", r.opportunity_id).toBe(true);
    const created2023on = rows.filter((r) => r.created_date >= "2023-01-01").length;
    expect(created2023on / rows.length).toBeGreaterThan(0.95); // warm-up deals from 2022 are a small minority
  });

  it("has won = 1/0 for closed deals and empty for open ones, open deals only near the snapshot", () => {
    for (const r of rows) {
      if (r.stage === "Closed Won") expect(r.won).toBe("1");
      else if (r.stage === "Closed Lost") expect(r.won).toBe("0");
      else {
        expect(["Prospecting", "Proposal", "Negotiation"]).toContain(r.stage);
        expect(r.won).toBe("");
        expect(r.close_date > "2025-12-31").toBe(true); // expected close date lies after the snapshot
        expect(r.created_date >= "2025-06-01").toBe(true);
      }
    }
    const open = rows.length - closed.length;
    expect(open).toBeGreaterThan(100);
    expect(open).toBeLessThan(600);
    const winRate = won.length / closed.length;
    expect(winRate).toBeGreaterThan(0.3);
    expect(winRate).toBeLessThan(0.55);
  });

  it("leaves 2-6% of lead scores missing", () => {
    const missing = rows.filter((r) => r.lead_score === "").length / rows.length;
    expect(missing).toBeGreaterThanOrEqual(0.02);
    expect(missing).toBeLessThanOrEqual(0.06);
  });

  it("has yearly won revenue growing and Q4 above Q3 on average", () => {
    const byYear = new Map<string, number>();
    const byQuarter = new Map<number, number>(); // quarter 1..4 summed over the three years
    for (const r of won) {
      const year = r.close_date.slice(0, 4);
      const q = Math.ceil(Number(r.close_date.slice(5, 7)) / 3);
      byYear.set(year, (byYear.get(year) ?? 0) + Number(r.amount));
      byQuarter.set(q, (byQuarter.get(q) ?? 0) + Number(r.amount));
    }
    expect([...byYear.keys()].sort()).toEqual(["2023", "2024", "2025"]);
    expect(byYear.get("2024")!).toBeGreaterThan(byYear.get("2023")!);
    expect(byYear.get("2025")!).toBeGreaterThan(byYear.get("2024")!);
    expect(byQuarter.get(4)!).toBeGreaterThan(1.1 * byQuarter.get(3)!);
  });

  it("has more deals created in Q4 than in Q3 and an August dip", () => {
    const byMonth = new Array(12).fill(0);
    for (const r of rows) if (r.created_date >= "2023-01-01") byMonth[Number(r.created_date.slice(5, 7)) - 1]++;
    expect(byMonth[9] + byMonth[10] + byMonth[11]).toBeGreaterThan(byMonth[6] + byMonth[7] + byMonth[8]);
    expect(byMonth[7]).toBe(Math.min(...byMonth));
  });

  it("has regions that differ in win rate by at least 8 percentage points", () => {
    const rate = (region: string) => {
      const c = closed.filter((r) => r.region === region);
      return c.filter((r) => r.won === "1").length / c.length;
    };
    const rates = ["North", "South", "East", "West", "Central"].map(rate);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThanOrEqual(0.08);
    expect(rate("North")).toBeGreaterThan(rate("Central")); // the documented region effects: North +0.25, Central -0.45
  });

  it("carries the documented signs of the win model", () => {
    const rate = (pred: (r: Row) => boolean) => {
      const c = closed.filter(pred);
      return c.filter((r) => r.won === "1").length / c.length;
    };
    const scored = (r: Row) => r.lead_score !== "";
    expect(rate((r) => scored(r) && Number(r.lead_score) >= 60)).toBeGreaterThan(rate((r) => scored(r) && Number(r.lead_score) < 40) + 0.1);
    expect(rate((r) => r.lead_source === "Referral")).toBeGreaterThan(rate((r) => r.lead_source === "Outbound") + 0.15);
    expect(rate((r) => Number(r.marketing_touches) >= 8)).toBeGreaterThan(rate((r) => Number(r.marketing_touches) <= 2));
  });

  it("has segment-ordered amounts and sales cycles", () => {
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const days = (r: Row) => (Date.parse(r.close_date) - Date.parse(r.created_date)) / 86_400_000;
    const seg = (s: string) => closed.filter((r) => r.segment === s);
    const amt = ["SMB", "Mid-Market", "Enterprise"].map((s) => median(seg(s).map((r) => Number(r.amount))));
    const cyc = ["SMB", "Mid-Market", "Enterprise"].map((s) => median(seg(s).map(days)));
    expect(amt[0]).toBeLessThan(amt[1]);
    expect(amt[1]).toBeLessThan(amt[2]);
    expect(cyc[0]).toBeLessThan(cyc[1]);
    expect(cyc[1]).toBeLessThan(cyc[2]);
  });
});

describe("sample data: order_lines.csv", () => {
  const { header, rows } = readCsv(join(DATA, "order_lines.csv"));

  it("has exactly the documented columns and a plausible row count", () => {
    expect(header).toEqual(ORDER_LINE_COLUMNS);
    expect(rows.length).toBeGreaterThanOrEqual(15000);
    expect(rows.length).toBeLessThanOrEqual(25000);
  });

  it("has valid values, ~40 products with one price per product and year", () => {
    const products = new Set<string>();
    const prices = new Map<string, Set<string>>();
    for (const r of rows) {
      expect(r.customer_id).toMatch(/^\d{5}$/);
      expect(r.invoice_id).toMatch(/^C?\d{6}$/);
      expect(r.invoice_date).toMatch(DATE);
      expect(r.invoice_date >= "2023-01-01" && r.invoice_date <= "2025-12-31").toBe(true);
      expect(r.quantity).toMatch(/^-?\d+$/);
      expect(Number(r.quantity)).not.toBe(0);
      expect(r.unit_price).toMatch(/^\d+\.\d{2}$/);
      expect(["North", "South", "East", "West", "Central"]).toContain(r.region);
      products.add(r.product);
      if (r.invoice_id.startsWith("C")) continue; // credit notes refund at the original invoice's price
      const key = r.product + "|" + r.invoice_date.slice(0, 4);
      (prices.get(key) ?? prices.set(key, new Set()).get(key)!).add(r.unit_price);
    }
    expect(products.size).toBe(40);
    for (const set of prices.values()) expect(set.size).toBeLessThanOrEqual(3); // list price x one of three tiers
    const regionsPerCustomer = new Map<string, Set<string>>();
    for (const r of rows) (regionsPerCustomer.get(r.customer_id) ?? regionsPerCustomer.set(r.customer_id, new Set()).get(r.customer_id)!).add(r.region);
    for (const s of regionsPerCustomer.values()) expect(s.size).toBe(1);
  });

  it("has some negative quantities, and only on 'C' credit invoices", () => {
    const negative = rows.filter((r) => Number(r.quantity) < 0);
    expect(negative.length).toBeGreaterThan(20);
    expect(negative.length / rows.length).toBeLessThan(0.03);
    for (const r of negative) expect(r.invoice_id.startsWith("C")).toBe(true);
    for (const r of rows) if (r.invoice_id.startsWith("C")) expect(Number(r.quantity)).toBeLessThan(0);
  });

  it("has heterogeneous customers (RFM / CLV have something to find)", () => {
    const invoices = new Map<string, Set<string>>();
    const spend = new Map<string, number>();
    for (const r of rows) {
      if (!r.invoice_id.startsWith("C")) (invoices.get(r.customer_id) ?? invoices.set(r.customer_id, new Set()).get(r.customer_id)!).add(r.invoice_id);
      spend.set(r.customer_id, (spend.get(r.customer_id) ?? 0) + Number(r.quantity) * Number(r.unit_price));
    }
    const counts = [...invoices.values()].map((s) => s.size);
    expect(counts.filter((c) => c === 1).length / counts.length).toBeGreaterThan(0.1); // one-off buyers
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(30); // loyal heavy buyers
    const s = [...spend.values()].sort((a, b) => b - a);
    expect(sum(s.slice(0, Math.round(s.length * 0.2))) / sum(s)).toBeGreaterThan(0.5); // Pareto-like concentration
  });

  it("has bundles that association rules can find", () => {
    const baskets = new Map<string, Set<string>>();
    for (const r of rows) if (!r.invoice_id.startsWith("C")) (baskets.get(r.invoice_id) ?? baskets.set(r.invoice_id, new Set()).get(r.invoice_id)!).add(r.product);
    const n = baskets.size;
    const support = (...items: string[]) => [...baskets.values()].filter((b) => items.every((i) => b.has(i))).length / n;
    const lift = (a: string, b: string) => support(a, b) / (support(a) * support(b));
    expect(lift("Conference Camera", "Speakerphone")).toBeGreaterThan(3);
    expect(lift("Firewall Appliance", "Security Subscription")).toBeGreaterThan(3);
    expect(lift("Laptop Pro 14", "Docking Station")).toBeGreaterThan(2);
    expect(support("Printer Toner", "Copy Paper Box")).toBeGreaterThan(0.01);
  });
});
