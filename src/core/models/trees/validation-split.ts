/**
 * The seeded hold-out for early stopping: a fraction of the training rows, stratified by class
 * for classification (as scikit-learn's HistGradientBoosting does), so both parts keep the base rate.
 */
import { mulberry32 } from "../../steps/types";
import type { Task } from "../algorithm";

/** Row indices for fitting and for validation. */
export function validationSplit(y: Float64Array, task: Task, fraction: number, seed: number): { fit: Uint32Array; valid: Uint32Array } {
  const random = mulberry32(seed);
  const groups: number[][] = task === "classification" ? [[], []] : [[]];
  for (let i = 0; i < y.length; i++) groups[task === "classification" ? y[i] : 0].push(i);
  const fit: number[] = [];
  const valid: number[] = [];
  for (const g of groups) {
    for (let a = g.length - 1; a > 0; a--) {
      const b = Math.floor(random() * (a + 1));
      [g[a], g[b]] = [g[b], g[a]];
    }
    const k = Math.round(g.length * fraction);
    valid.push(...g.slice(0, k));
    fit.push(...g.slice(k));
  }
  const asc = (a: number, b: number) => a - b;
  return { fit: Uint32Array.from(fit.sort(asc)), valid: Uint32Array.from(valid.sort(asc)) };
}

/** The rows `rows` of a row-major n×p matrix, and of y. */
export function subsetRows(x: Float64Array, y: Float64Array, p: number, rows: Uint32Array): { x: Float64Array; y: Float64Array } {
  const xs = new Float64Array(rows.length * p);
  const ys = new Float64Array(rows.length);
  rows.forEach((r, k) => {
    xs.set(x.subarray(r * p, r * p + p), k * p);
    ys[k] = y[r];
  });
  return { x: xs, y: ys };
}
