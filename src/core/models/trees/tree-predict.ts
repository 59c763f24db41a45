/** Prediction of tree ensembles on a table's raw feature values. */
import type { Table } from "../../frame/table";
import { featureColumns } from "../design-matrix";
import { leafOfRow, rowMajor, type PredictTree } from "./tree";

/**
 * init + scale · Σ (leaf value of each tree) for every row of `table`; NaN where a feature is
 * missing. Rows go tree by tree so one tree's arrays stay in cache.
 */
export function sumOfTrees(trees: readonly PredictTree[], features: readonly string[], table: Table, init: number, scale: number): Float64Array {
  const cols = featureColumns(table, features).map((c) => c.values);
  const n = table.nRows;
  const p = cols.length;
  const { x, complete } = rowMajor(cols, n);
  const out = new Float64Array(n).fill(init);
  for (const tree of trees) {
    const value = tree.value;
    for (let r = 0; r < n; r++) if (complete[r]) out[r] += scale * value[leafOfRow(tree, x, p, r)];
  }
  for (let r = 0; r < n; r++) if (!complete[r]) out[r] = NaN;
  return out;
}
