// Parity of the newer steps with scikit-learn and pandas: fixtures from
// test/reference/preprocess_more_reference.py (see its header to regenerate). Tolerance: 1e-6 relative
// (1e-12 absolute near zero) for fitted numbers; counts, categories and chosen features must be equal.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { parseCsv } from "../../../src/core/frame/csv";
import { getColumn, takeRows, withColumn, type Table } from "../../../src/core/frame/table";
import { aggregate, bin, clip, dateParts, dropMissing, join, ordinal, select, selectFeatures, timeBucket } from "../../../src/core/steps";
import { formatDate } from "../../../src/core/frame/to-csv";
import { repoRoot, sharedData } from "../../helpers/node-context";

const ref = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/reference/preprocess_more.json`, "utf8"));
const NUMERIC = ["age", "balance", "day", "duration", "campaign", "pdays", "previous"];
const TEXT = ["job", "marital", "education", "contact", "month", "poutcome"];
const REL = 1e-6;
let worst = 0;
function close(actual: number, expected: number, what: string): void {
  const diff = Math.abs(actual - expected);
  const rel = diff / Math.max(Math.abs(expected), 1e-12);
  if (diff > 1e-12) worst = Math.max(worst, rel);
  expect(rel <= REL || diff <= 1e-12, `${what}: ${actual} vs reference ${expected}`).toBe(true);
}
afterAll(() => console.log(`preprocess (more) parity: worst relative difference ${worst.toExponential(2)}`));

const values = (t: Table, name: string) => Array.from(getColumn(t, name).values as ArrayLike<number | string | null>);
const bank = parseCsv(new Uint8Array(readFileSync(`${sharedData}/crm/bank_marketing/bank-full.csv`)));
const bankTrain = withColumn(bank, { name: "split", type: "string", values: Array.from({ length: bank.nRows }, (_, i) => (i % 5 ? "train" : "test")) });

describe("bank-full vs scikit-learn", () => {
  test("OrdinalEncoder categories (all rows and train rows) and codes", () => {
    expect(bank.nRows).toBe(ref.bank.rows);
    const all = ordinal(bank, { op: "ordinal", columns: TEXT, order: {}, unknown: "missing" });
    expect(all.fitted.categories).toEqual(ref.bank.ordinal_all.categories);
    expect(ordinal(bankTrain, { op: "ordinal", columns: TEXT, order: {}, unknown: "missing" }).fitted.categories).toEqual(ref.bank.ordinal_train.categories);
    for (let r = 0; r < 5; r++) expect(TEXT.map((c) => values(all.table, c)[r])).toEqual(ref.bank.ordinal_first_rows[r]);
  });

  test.each(["uniform", "quantile"] as const)("KBinsDiscretizer %s: bin edges and per-bin counts (fitted on all rows and on train rows)", (method) => {
    for (const [table, fit] of [[bank, ref.bank.kbins_all], [bankTrain, ref.bank.kbins_train]] as const) {
      const out = bin(table, { op: "bin", columns: NUMERIC, method, bins: 5, labels: "index" });
      const edges = out.fitted.edges as Record<string, number[]>;
      for (const c of NUMERIC) {
        expect(edges[c].length, `${method} ${c} edges`).toBe(fit[method].edges[c].length);
        edges[c].forEach((e, k) => close(e, fit[method].edges[c][k], `${method} ${c} edge ${k}`));
        const counts = new Array(edges[c].length - 1).fill(0);
        for (const v of values(out.table, c)) counts[v as number]++;
        expect(counts, `${method} ${c} counts`).toEqual(fit[method].counts[c]);
      }
    }
  });

  test("VarianceThreshold(10): variances and kept features", () => {
    const out = selectFeatures(bank, { op: "select_features", method: "variance", columns: NUMERIC, k: 10, threshold: 10 });
    for (const c of NUMERIC) close((out.fitted.scores as Record<string, number>)[c], ref.bank.variance.variances[c], `variance ${c}`);
    expect(out.fitted.selected).toEqual(ref.bank.variance.selected);
    expect(out.table.columns.some((c) => c.name === "day")).toBe(ref.bank.variance.selected.includes("day"));
  });

  test.each([
    ["f_classif", "f_classif_all", bank],
    ["f_classif", "f_classif_train", bankTrain],
    ["f_regression", "f_regression_all", bank],
  ] as const)("SelectKBest(%s, k=3) scores and chosen features (%s)", (method, key, table) => {
    const fit = ref.bank[key];
    const out = selectFeatures(table, { op: "select_features", method, target: fit.target, columns: fit.features, k: 3, threshold: 0 });
    fit.features.forEach((c: string, i: number) => close((out.fitted.scores as Record<string, number>)[c], fit.scores[i], `${key} ${c}`));
    expect([...(out.fitted.selected as string[])].sort()).toEqual([...fit.selected].sort());
    expect(out.fitted.fittedOn).toBe(table === bank ? ref.bank.rows : ref.bank.train_rows);
  });

  test("clip bounds equal pandas' quantile(0.01) / quantile(0.99) on the train rows", () => {
    const out = clip(bankTrain, { op: "clip", columns: NUMERIC, lower: 0.01, upper: 0.99 });
    for (const c of NUMERIC) {
      close((out.fitted.lower as Record<string, number>)[c], ref.bank.clip_train.lower[c], `clip lower ${c}`);
      close((out.fitted.upper as Record<string, number>)[c], ref.bank.clip_train.upper[c], `clip upper ${c}`);
    }
  });

  test("groupby(job, marital) aggregates equal pandas", () => {
    const fns = [["balance", "sum"], ["balance", "mean"], ["balance", "median"], ["balance", "min"], ["balance", "max"], ["age", "distinct"], ["duration", "first"], ["duration", "last"], ["education", "first"]] as const;
    const out = aggregate(bank, { op: "aggregate", by: ["job", "marital"], aggregations: [...fns.map(([column, fn]) => ({ column, fn, as: `${column}_${fn}` })), { fn: "count", as: "count" }] });
    const rows = ref.bank.groupby.rows as Record<string, number | string>[];
    expect(out.table.nRows).toBe(rows.length);
    rows.forEach((expected, g) => {
      expect([values(out.table, "job")[g], values(out.table, "marital")[g]]).toEqual([expected.job, expected.marital]);
      for (const [column, fn] of fns) {
        const name = `${column}_${fn}`;
        const got = values(out.table, name)[g];
        if (typeof expected[name] === "string") expect(got).toBe(expected[name]);
        else close(got as number, expected[name] as number, `group ${g} ${name}`);
      }
      expect(values(out.table, "count")[g]).toBe(expected.count);
    });
  });

  test("join row counts equal pandas merge (one-to-one lookup and many-to-many keys)", () => {
    const lookup = aggregate(bank, { op: "aggregate", by: ["job"], aggregations: [{ column: "balance", fn: "mean", as: "job_balance" }] }).table;
    const kept = values(lookup, "job_balance").flatMap((v, i) => ((v as number) > 1300 ? [i] : []));
    const small = takeRows(lookup, kept);
    expect(small.nRows).toBe(ref.bank.merge.lookup_keys);
    expect(join(bank, small, { op: "join", on: ["job"], rightOn: ["job"], how: "inner", suffix: "_right" }).table.nRows).toBe(ref.bank.merge.lookup_inner);
    expect(join(bank, small, { op: "join", on: ["job"], rightOn: ["job"], how: "left", suffix: "_right" }).table.nRows).toBe(ref.bank.merge.lookup_left);
    const ages = getColumn(bank, "age").values as Float64Array;
    const youngRows = Array.from(ages).flatMap((a, i) => (a < 25 ? [i] : []));
    const young = takeRows(select(bank, { op: "select", columns: ["job", "marital", "age"] }).table, youngRows);
    const head = takeRows(bank, Array.from({ length: 2000 }, (_, i) => i));
    const inner = join(head, young, { op: "join", on: ["job", "marital"], rightOn: ["job", "marital"], how: "inner", suffix: "_right" });
    expect(inner.table.nRows).toBe(ref.bank.merge.many_inner);
    expect(inner.fitted.renamed).toEqual({ age: "age_right" });
    expect(join(head, young, { op: "join", on: ["job", "marital"], rightOn: ["job", "marital"], how: "left", suffix: "_right" }).table.nRows).toBe(ref.bank.merge.many_left);
  });
});

describe("Telco vs scikit-learn and pandas", () => {
  const telco = parseCsv(new Uint8Array(readFileSync(`${sharedData}/crm/telco_churn/Telco-Customer-Churn.csv`)));
  const present = dropMissing(telco, { op: "drop_missing", columns: ["TotalCharges"], how: "any" }).table;

  test.each(["f_classif", "f_regression"] as const)("SelectKBest(%s) on the rows with TotalCharges", (method) => {
    expect(present.nRows).toBe(ref.telco.rows_present);
    const fit = ref.telco[method];
    const out = selectFeatures(present, { op: "select_features", method, target: fit.target, columns: fit.features, k: 3, threshold: 0 });
    fit.features.forEach((c: string, i: number) => close((out.fitted.scores as Record<string, number>)[c], fit.scores[i], `${method} ${c}`));
    expect([...(out.fitted.selected as string[])].sort()).toEqual([...fit.selected].sort());
  });

  test("groupby(Contract) skips missing TotalCharges as pandas does", () => {
    const out = aggregate(telco, {
      op: "aggregate", by: ["Contract"],
      aggregations: [{ column: "TotalCharges", fn: "mean", as: "TotalCharges_mean" }, { column: "TotalCharges", fn: "count", as: "TotalCharges_count" }, { column: "TotalCharges", fn: "sum", as: "TotalCharges_sum" }, { column: "tenure", fn: "median", as: "tenure_median" }],
    });
    (ref.telco.groupby as Record<string, number | string>[]).forEach((expected, g) => {
      expect(values(out.table, "Contract")[g]).toBe(expected.Contract);
      for (const name of ["TotalCharges_mean", "TotalCharges_count", "TotalCharges_sum", "tenure_median"]) close(values(out.table, name)[g] as number, expected[name] as number, `${expected.Contract} ${name}`);
    });
  });
});

describe("Online Retail dates vs pandas dt accessors", () => {
  const retail = parseCsv(new Uint8Array(readFileSync(`${sharedData}/retail/online_retail/online_retail_sample_2010-12_2011-02.csv`)));

  test("year, quarter, month, day, ISO week, dayofweek and days_since: sums and sampled rows", () => {
    expect(getColumn(retail, "InvoiceDate").type).toBe("date");
    const parts = ["year", "quarter", "month", "day", "week", "dayofweek", "days_since"] as const;
    const out = dateParts(retail, { op: "date_parts", column: "InvoiceDate", parts: [...parts], since: Date.UTC(2010, 11, 15), dropColumn: false });
    for (const p of parts) {
      const v = values(out.table, `InvoiceDate_${p}`) as number[];
      expect(v.reduce((a, b) => a + b, 0), `${p} sum`).toBe(ref.retail.parts[p].sum);
      expect(ref.retail.stride_rows.map((r: number) => v[r]), `${p} rows`).toEqual(ref.retail.parts[p].at_stride);
    }
  });

  test.each(["day", "week", "month", "quarter", "year"] as const)("time_bucket %s equals pandas' to_period start_time", (unit) => {
    const out = timeBucket(retail, { op: "time_bucket", column: "InvoiceDate", unit });
    const counts = new Map<string, number>();
    for (const v of values(out.table, "InvoiceDate")) counts.set(formatDate(v as number), (counts.get(formatDate(v as number)) ?? 0) + 1);
    const keys = [...counts.keys()].sort();
    expect(keys).toEqual(ref.retail.buckets[unit].starts);
    expect(keys.map((k) => counts.get(k))).toEqual(ref.retail.buckets[unit].counts);
  });
});
