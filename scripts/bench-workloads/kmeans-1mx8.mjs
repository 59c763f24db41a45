// kmeans_1Mx8: 1,000,000 generated points in 8 dimensions (8 blobs) → cluster cell, k = 8,
// one k-means++ start, 50 Lloyd iterations at most, tol 0, no standardising.
import path from "node:path";
import { writeBlobsCsv } from "../make-bench-data.mjs";
import { fileCell, generate, notebook } from "./common.mjs";

const FILE = "blobs.csv";
export const KMEANS_PARAMS = { features: ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"], k: 8, nInit: 1, maxIter: 50, tol: 0, seed: 42, scale: false };

export default {
  name: "kmeans_1Mx8",
  defaultRows: 1_000_000,
  baseline: "kmeans_1Mx8",
  async prepare({ tmp, opts, log }) {
    const rows = opts.rows ?? this.defaultRows;
    const csv = path.join(tmp, FILE);
    await generate(log, `${rows.toLocaleString("en-US")} × 8 points (kmeans_1Mx8)`, writeBlobsCsv, csv, rows, 8, 8, 11);
    const doc = notebook("kmeans_1Mx8", [fileCell("points", FILE), { id: "km", kind: "cluster", inputs: { data: "points" }, params: KMEANS_PARAMS }], opts.backend);
    return { doc, files: [{ name: FILE, file: csv }], baselineCsv: csv, baselineParams: KMEANS_PARAMS, focus: "km" };
  },
};
