/** Prediction of tree ensembles on a table's raw feature values. */
import type { Table } from "../../frame/table";
import { featureColumns } from "../design-matrix";
import { leafOfRow, rowMajor, type PredictTree } from "./tree";

/** Rows predicted together: their feature values (BLOCK × p float64) stay in cache for every tree. */
const BLOCK = 256;

/**
 * init + scale · Σ (leaf value of each tree) for every row of `table`; NaN where a feature is
 * missing. Rows go in blocks, and each block through every tree in turn: tree by tree over all
 * rows would stream the whole matrix (160 MB for 1M x 20) once per tree. Each row still adds its
 * trees in order, so the sums are the same to the bit. Measured in Node on 1M x 20 rows and 21
 * boosted trees: 1.39 s before.
 */
export function sumOfTrees(trees: readonly PredictTree[], features: readonly string[], table: Table, init: number, scale: number): Float64Array {
  const cols = featureColumns(table, features).map((c) => c.values);
  const n = table.nRows;
  const p = cols.length;
  const { x, complete } = rowMajor(cols, n);
  const out = new Float64Array(n).fill(init);
  for (let r0 = 0; r0 < n; r0 += BLOCK) {
    const r1 = Math.min(n, r0 + BLOCK);
    for (const tree of trees) {
      const value = tree.value;
      for (let r = r0; r < r1; r++) if (complete[r]) out[r] += scale * value[leafOfRow(tree, x, p, r)];
    }
  }
  for (let r = 0; r < n; r++) if (!complete[r]) out[r] = NaN;
  return out;
}
