// Loads the reference fixtures written by test/reference/models_reference.py, and the data sets.
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot, sharedData } from "../../helpers/node-context";
import { readSimpleCsv } from "../../helpers/simple-csv";
import type { Table } from "../../../src/core/frame/table";

/** A fixture JSON from test/fixtures/reference (regenerate with the reference script). */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference", name), "utf8")) as T;
}

let advertising: Table | undefined;
/** ISLR Advertising (200 rows; the first, unnamed column is R's row index). */
export function advertisingTable(): Table {
  return (advertising ??= readSimpleCsv(path.join(sharedData, "crm/advertising/Advertising.csv")));
}

let bank: Table | undefined;
/** UCI bank-full (45,211 rows, semicolon separated, y = "yes"/"no"). */
export function bankTable(): Table {
  return (bank ??= readSimpleCsv(path.join(sharedData, "crm/bank_marketing/bank-full.csv"), ";"));
}

/** Largest relative difference |a − b| / |b| over paired values. */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  return worst;
}
