/** Out-of-bag score of a bagged ensemble: accuracy (classification) or R² (regression). */
import type { Task } from "../algorithm";

/** The OOB score over rows that at least one tree left out. */
export function oobScore(
  task: Task, y: Float64Array, sum: Float64Array, count: Int32Array,
): { metric: "accuracy" | "r2"; score: number; covered: number } {
  let covered = 0;
  let mean = 0;
  for (let i = 0; i < y.length; i++) if (count[i] > 0) { covered++; mean += y[i]; }
  if (covered === 0) return { metric: task === "regression" ? "r2" : "accuracy", score: NaN, covered };
  mean /= covered;
  if (task === "classification") {
    let right = 0;
    // P = 0.5 counts as class 0, as scikit-learn's argmax over [P(0), P(1)] does.
    for (let i = 0; i < y.length; i++) if (count[i] > 0) right += (sum[i] / count[i] > 0.5 ? 1 : 0) === y[i] ? 1 : 0;
    return { metric: "accuracy", score: right / covered, covered };
  }
  let sse = 0, sst = 0;
  for (let i = 0; i < y.length; i++) {
    if (count[i] === 0) continue;
    sse += (y[i] - sum[i] / count[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return { metric: "r2", score: 1 - sse / sst, covered };
}
