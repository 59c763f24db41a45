// Shared data for the tree tests: the fixtures' deterministic split (test rows: index % 5 == 0).
import { getNumeric, getString, type Table } from "../../../../src/core/frame/table";
import { buildDesignMatrix, type DesignMatrix } from "../../../../src/core/models/design-matrix";
import { advertisingTable, bankTable, fixture } from "../reference";

export const bankRef = fixture("trees_bank.json");
export const advRef = fixture("trees_advertising.json");

/** Train design matrix and test row indices of a table under the fixtures' split. */
export function splitDesign(table: Table, features: string[], y: Float64Array): { train: DesignMatrix; test: Int32Array } {
  const idx = Array.from({ length: table.nRows }, (_, i) => i);
  const train = buildDesignMatrix(table, { features, y, rows: idx.filter((i) => i % 5 !== 0) });
  return { train, test: Int32Array.from(idx.filter((i) => i % 5 === 0)) };
}

/** bank-full's y coded 1 = "yes". */
export function bankY(): Float64Array {
  return Float64Array.from(getString(bankTable(), "y").values, (v) => (v === "yes" ? 1 : 0));
}

/** Advertising's sales. */
export function advY(): Float64Array {
  return getNumeric(advertisingTable(), "sales").values;
}

/** Values at the given rows. */
export const at = (v: Float64Array, rows: ArrayLike<number>) => Float64Array.from(rows as ArrayLike<number>, (r) => v[r]);

/** A fit context that records progress. */
export function fitContext(seed = 0, aborted = false): { seed: number; signal: { aborted: boolean }; progress: (f: number) => void; log: number[] } {
  const log: number[] = [];
  return { seed, signal: { aborted }, progress: (f) => log.push(f), log };
}

/** ROC AUC by the rank-sum (Mann-Whitney) formula, ties counted half. */
export function rocAuc(y: Float64Array, score: Float64Array): number {
  const order = Array.from(score.keys()).sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0, nPos = 0;
  for (let k = 0; k < order.length; ) {
    let e = k;
    while (e + 1 < order.length && score[order[e + 1]] === score[order[k]]) e++;
    const rank = (k + e) / 2 + 1;
    for (let q = k; q <= e; q++) if (y[order[q]] === 1) { rankSumPos += rank; nPos++; }
    k = e + 1;
  }
  const nNeg = y.length - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Coefficient of determination. */
export function r2(y: Float64Array, p: Float64Array): number {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  let sse = 0, sst = 0;
  y.forEach((v, i) => { sse += (v - p[i]) ** 2; sst += (v - m) ** 2; });
  return 1 - sse / sst;
}
