import { describe, expect, test } from "vitest";
import { parseCsvWithReport } from "../../../src/core/frame/csv";
import { profileAsTable, profileTable } from "../../../src/core/frame/profile";
import { getColumn, makeTable } from "../../../src/core/frame/table";
import { countDuplicateRows, xorNumberHashes } from "../../../src/core/frame/profile-checks";
import { mulberry32 } from "../../../src/core/steps/types";

describe("profileTable", () => {
  const ids = Array.from({ length: 30 }, (_, i) => `C-${i}`);
  const table = makeTable([
    { name: "customer", type: "string", values: ids },
    { name: "region", type: "string", values: ids.map((_, i) => (i % 3 === 0 ? "North" : i % 3 === 1 ? "South" : null)) },
    { name: "amount", type: "number", values: Float64Array.from(ids, (_, i) => (i < 20 ? NaN : i)) },
    { name: "flag", type: "boolean", values: new Float64Array(30).fill(1) },
  ]);
  const profile = profileTable(table);

  test("counts missing and distinct values and summarises numbers and text", () => {
    const [customer, region, amount] = profile.columns;
    expect(customer).toMatchObject({ type: "string", missing: 0, distinct: 30, min: null });
    expect(region).toMatchObject({ missing: 10, distinct: 2, top: [{ value: "North", count: 10 }, { value: "South", count: 10 }] });
    expect(amount).toMatchObject({ missing: 20, distinct: 10, min: 20, max: 29, mean: 24.5 });
  });

  test("warns about constant, mostly-missing and id-like columns", () => {
    expect(profile.warnings).toEqual([
      'column "customer" looks like an id (every value is different); leave it out of models',
      'column "amount" is mostly missing (66.7% of rows)',
      'column "flag" is constant (every value is the same); it carries no information',
    ]);
  });

  test("carries invalid counts and parse warnings from the CSV report, e.g. a header-only file", () => {
    const { table: empty, report } = parseCsvWithReport(new TextEncoder().encode("a,b\n"));
    expect(profileTable(empty, report).warnings).toEqual(["the file has a header but no data rows"]);
    const parsed = parseCsvWithReport(new TextEncoder().encode("x\n1\nsoon\n"), { types: { x: "number" } });
    expect(profileTable(parsed.table, parsed.report).columns[0]).toMatchObject({ invalid: 1, missing: 1 });
  });

  test("profileAsTable has one row per column", () => {
    const t = profileAsTable(profile);
    expect(t.nRows).toBe(4);
    expect(getColumn(t, "column").values).toEqual(["customer", "region", "amount", "flag"]);
    expect(Array.from(getColumn(t, "missing").values as Float64Array)).toEqual([0, 10, 20, 0]);
  });
});

describe("profile statistics and checks", () => {
  test("quartiles, std and a histogram match numpy's linear interpolation", () => {
    const t = makeTable([{ name: "x", type: "number", values: Float64Array.from([1, 2, 3, 4, 100, NaN]) }]);
    const [x] = profileTable(t).columns;
    expect(x).toMatchObject({ q25: 2, median: 3, q75: 4, kind: "numeric" });
    expect(x.std).toBeCloseTo(43.617657, 5); // numpy.std(ddof=1)
    expect(x.histogram.length).toBe(20);
    expect(x.histogram.reduce((a, b) => a + b)).toBe(5);
  });

  test("duplicate rows, CRM smells and future dates are reported", () => {
    const day = 86_400_000;
    const t = makeTable([
      { name: "quantity", type: "number", values: Float64Array.from([1, -2, 1]) },
      { name: "unit_price", type: "number", values: Float64Array.from([0, 5, 0]) },
      { name: "created_date", type: "date", values: Float64Array.from([10 * day, 10 * day, 10 * day]) },
      { name: "close_date", type: "date", values: Float64Array.from([5 * day, 20 * day, 5 * day]) },
    ]);
    const p = profileTable(t, undefined, { now: 15 * day });
    expect(p.duplicateRows).toBe(1);
    expect(p.warnings).toEqual([
      'column "created_date" is constant (every value is the same); it carries no information',
      "1 rows are exact duplicates of an earlier row",
      'column "quantity": 1 negative quantities (returns or cancellations?)',
      'column "unit_price": 2 zero and 0 negative prices',
      '2 rows have "close_date" before "created_date"',
      'column "close_date": 1 dates are in the future (expected close dates of open deals?)',
    ]);
  });
});

describe("id-like columns past the distinct cap", () => {
  test("a text column of 30,000 different values is id-like; one whose later values repeat earlier ones, or each other early, is not", () => {
    const n = 30_000;
    const ids = Array.from({ length: n }, (_, i) => `OPP-${String(i).padStart(7, "0")}`);
    const laterRepeat = ids.map((v, i) => (i >= 20_000 ? ids[i - 20_000] : v));
    const earlyPairs = ids.map((_, i) => `C-${i >> 1}`);
    const p = profileTable(makeTable([
      { name: "opportunity_id", type: "string", values: ids },
      { name: "customer", type: "string", values: laterRepeat },
      { name: "pairs", type: "string", values: earlyPairs },
    ]));
    expect(p.columns.map((c) => [c.kind, c.flags, c.distinctCapped, c.noRepeats])).toEqual([
      ["id", ["id-like"], true, true],
      ["text", ["high-cardinality"], true, false],
      ["text", ["high-cardinality"], true, false],
    ]);
    expect(p.warnings).toContain('column "opportunity_id" looks like an id (over 10,000 distinct values, and none of the first 10,000 repeats); leave it out of models');
  });
});

describe("duplicate rows from row hashes taken elsewhere", () => {
  // A split read's helper hashes its number columns as it reads (in runs of rows, and may take a
  // column back out); the count must be the same as hashing everything in one place.
  test("hashes taken column by column, in runs, with a column taken back out, give the same count", () => {
    const rand = mulberry32(12);
    const n = 20_000;
    const pick = (k: number) => Math.floor(rand() * k);
    const a = Float64Array.from({ length: n }, () => pick(3));
    const b = Float64Array.from({ length: n }, () => (rand() < 0.1 ? NaN : pick(4)));
    const c = Float64Array.from({ length: n }, () => pick(2));
    const t = Array.from({ length: n }, () => (rand() < 0.05 ? null : ["x", "y"][pick(2)]));
    const table = makeTable([
      { name: "a", type: "number", values: a },
      { name: "t", type: "string", values: t },
      { name: "b", type: "number", values: b },
      { name: "c", type: "number", values: c },
    ]);
    const whole = countDuplicateRows(table);
    // By brute force: rows as keys (every NaN alike).
    const seen = new Set<string>();
    let expected = 0;
    for (let r = 0; r < n; r++) {
      const key = JSON.stringify([a[r], t[r], Number.isNaN(b[r]) ? "NaN" : b[r], c[r]]);
      if (seen.has(key)) expected++;
      else seen.add(key);
    }
    expect(whole).toBe(expected);
    expect(whole).toBeGreaterThan(1000);
    const hashes = new Int32Array(n);
    for (let from = 0; from < n; from += 777) xorNumberHashes(hashes, 0, a, from, Math.min(n, from + 777));
    const wrong = Float64Array.from(b, (v) => v + 1);
    xorNumberHashes(hashes, 2, wrong, 0, 5000);
    xorNumberHashes(hashes, 2, wrong, 0, 5000); // taken back out
    xorNumberHashes(hashes, 2, b, 0, n);
    const before = hashes.slice();
    expect(countDuplicateRows(table, { hashes, columns: [0, 2] })).toBe(whole);
    // The hashes are left as they were: a second count from them is the same.
    expect(hashes).toEqual(before);
    expect(countDuplicateRows(table, { hashes, columns: [0, 2] })).toBe(whole);
    // Hashes of the wrong length are ignored (everything is hashed again).
    expect(countDuplicateRows(table, { hashes: new Int32Array(5), columns: [0, 2, 3] })).toBe(whole);
  });
});
