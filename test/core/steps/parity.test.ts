// Parity with scikit-learn: fixtures from test/reference/preprocess_reference.py (see its header
// to regenerate). Our parser reads the same files and our steps fit the same statistics.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { parseCsv } from "../../../src/core/frame/csv";
import { getColumn, withColumn, type Table } from "../../../src/core/frame/table";
import { impute, onehot, scale } from "../../../src/core/steps";
import { repoRoot, sharedData } from "../../helpers/node-context";

type Stats = Record<string, number>;
interface Fit {
  impute_mean: Stats; impute_median: Stats; impute_most_frequent: Stats; impute_most_frequent_text: Record<string, string>;
  standard: { mean: Stats; scale: Stats; first_rows: number[][] };
  minmax: { data_min: Stats; data_max: Stats; first_rows: number[][] };
  robust: { columns: string[]; center: Stats; scale: Stats; first_rows: number[][] };
  onehot: { categories: Record<string, string[]>; feature_names: string[]; first_rows: number[][] };
}
interface Reference { rows: number; file: string; all: Fit; train_subset: Fit & { rows: number } }

const REL = 1e-6;
let worst = 0;
function close(actual: number, expected: number, what: string): void {
  const rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
  if (Math.abs(actual - expected) > 1e-12) worst = Math.max(worst, rel);
  expect(rel <= REL || Math.abs(actual - expected) <= 1e-12, `${what}: ${actual} vs sklearn ${expected}`).toBe(true);
}
afterAll(() => console.log(`preprocess parity: worst relative difference from scikit-learn ${worst.toExponential(2)}`));

function row(table: Table, columns: string[], r: number): number[] {
  return columns.map((c) => (getColumn(table, c).values as Float64Array)[r]);
}

function checkFit(table: Table, fit: Fit, shownRows: number[], label: string): void {
  const numeric = Object.keys(fit.standard.mean);
  const text = Object.keys(fit.onehot.categories);
  for (const strategy of ["mean", "median", "most_frequent"] as const) {
    const expected = fit[`impute_${strategy}`] as Stats;
    const got = impute(table, { op: "impute", columns: numeric, strategy }).fitted.values as Stats;
    for (const c of numeric) close(got[c], expected[c], `${label} impute ${strategy} ${c}`);
  }
  const modes = impute(table, { op: "impute", columns: text, strategy: "most_frequent" }).fitted.values as Record<string, string>;
  for (const c of text) expect(modes[c], `${label} most_frequent ${c}`).toBe(fit.impute_most_frequent_text[c]);

  const std = scale(table, { op: "scale", columns: numeric, method: "standard" });
  const mm = scale(table, { op: "scale", columns: numeric, method: "minmax" });
  const rb = scale(table, { op: "scale", columns: fit.robust.columns, method: "robust" });
  const [stdCenter, stdScale] = [std.fitted.center as Stats, std.fitted.scale as Stats];
  for (const c of numeric) {
    close(stdCenter[c], fit.standard.mean[c], `${label} standard mean ${c}`);
    close(stdScale[c], fit.standard.scale[c], `${label} standard scale ${c}`);
    close((mm.fitted.center as Stats)[c], fit.minmax.data_min[c], `${label} minmax min ${c}`);
    close((mm.fitted.center as Stats)[c] + (mm.fitted.scale as Stats)[c], fit.minmax.data_max[c], `${label} minmax max ${c}`);
  }
  for (const c of fit.robust.columns) {
    close((rb.fitted.center as Stats)[c], fit.robust.center[c], `${label} robust center ${c}`);
    close((rb.fitted.scale as Stats)[c], fit.robust.scale[c], `${label} robust scale ${c}`);
  }
  shownRows.slice(0, 3).forEach((r, k) => {
    row(std.table, numeric, r).forEach((v, j) => close(v, fit.standard.first_rows[k][j], `${label} standard row ${r}`));
    row(mm.table, numeric, r).forEach((v, j) => close(v, fit.minmax.first_rows[k][j], `${label} minmax row ${r}`));
    row(rb.table, fit.robust.columns, r).forEach((v, j) => close(v, fit.robust.first_rows[k][j], `${label} robust row ${r}`));
  });

  const enc = onehot(table, { op: "onehot", columns: text, dropFirst: false });
  expect(enc.fitted.categories, `${label} onehot categories`).toEqual(fit.onehot.categories);
  // sklearn names features col_value; ours are col=value, in the same (sorted) order per column.
  const names = text.flatMap((c) => fit.onehot.categories[c].map((v) => `${c}=${v}`));
  expect(names.length).toBe(fit.onehot.feature_names.length);
  shownRows.slice(0, 5).forEach((r, k) => expect(row(enc.table, names, r), `${label} onehot row ${r}`).toEqual(fit.onehot.first_rows[k]));
}

describe.each([
  ["bank", "crm/bank_marketing/bank-full.csv"],
  ["telco", "crm/telco_churn/Telco-Customer-Churn.csv"],
])("%s matches scikit-learn", (name, file) => {
  const ref: Reference = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/reference/${name}.json`, "utf8"));
  const table = parseCsv(new Uint8Array(readFileSync(`${sharedData}/${file}`)));

  test("fitted on the whole file", () => {
    expect(table.nRows).toBe(ref.rows);
    checkFit(table, ref.all, [0, 1, 2, 3, 4], "all");
  });

  test('fitted on the "train" rows only (index % 5 != 0), applied to every row', () => {
    const labels = Array.from({ length: table.nRows }, (_, i) => (i % 5 === 0 ? "test" : "train"));
    const withSplit = withColumn(table, { name: "split", type: "string", values: labels });
    expect(labels.filter((l) => l === "train").length).toBe(ref.train_subset.rows);
    checkFit(withSplit, ref.train_subset, [1, 2, 3, 4, 6], "train");
  });
});

test("Telco: the 11 blank TotalCharges are the rows pandas finds, and impute fills them with sklearn's mean", () => {
  const ref = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/reference/telco.json`, "utf8"));
  const table = parseCsv(new Uint8Array(readFileSync(`${sharedData}/crm/telco_churn/Telco-Customer-Churn.csv`)));
  const total = getColumn(table, "TotalCharges").values as Float64Array;
  const missing = Array.from(total).flatMap((v, i) => (Number.isNaN(v) ? [i] : []));
  expect(missing).toEqual(ref.total_charges_missing_rows);
  const filled = getColumn(impute(table, { op: "impute", columns: ["TotalCharges"], strategy: "mean" }).table, "TotalCharges").values as Float64Array;
  for (const r of missing) close(filled[r], ref.all.impute_mean.TotalCharges, `TotalCharges row ${r}`);
});
