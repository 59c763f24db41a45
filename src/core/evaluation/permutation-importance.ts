import { throwIfCancelled, type CancelSignal } from "../cells/types";
import { getNumeric, takeRows, withColumn, type Table } from "../frame/table";
import { mulberry32 } from "../steps/types";

/** Importance of one feature: how much the score drops when its values are shuffled. */
export interface FeatureImportance {
  readonly feature: string;
  readonly mean: number;
  readonly std: number;
}

/**
 * Permutation feature importance (Breiman 2001; sklearn.inspection.permutation_importance): on the
 * given rows, shuffle one feature at a time (seeded, `repeats` times), re-score the fitted model,
 * and report the mean and population standard deviation of baseline − permuted score. Model
 * agnostic, so every algorithm gets it; sorted by mean, largest first.
 */
export async function permutationImportance(
  predict: (table: Table) => Promise<Float64Array>, table: Table, rows: Int32Array, features: readonly string[],
  score: (scores: Float64Array) => number, o: { repeats: number; seed: number; signal: CancelSignal; onFeature?: (done: number) => void },
): Promise<FeatureImportance[]> {
  const base = takeRows(table, rows);
  const baseline = score(await predict(base));
  const rand = mulberry32(o.seed);
  const out: FeatureImportance[] = [];
  for (const [f, feature] of features.entries()) {
    const values = getNumeric(base, feature).values;
    const drops: number[] = [];
    for (let r = 0; r < o.repeats; r++) {
      throwIfCancelled(o.signal);
      const shuffled = Float64Array.from(values);
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        const t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      const col = base.columns.find((c) => c.name === feature)!;
      drops.push(baseline - score(await predict(withColumn(base, { name: feature, type: col.type === "string" ? "number" : col.type, values: shuffled }))));
    }
    const mean = drops.reduce((s, d) => s + d, 0) / drops.length;
    const std = Math.sqrt(drops.reduce((s, d) => s + (d - mean) ** 2, 0) / drops.length);
    out.push({ feature, mean, std });
    o.onFeature?.(f + 1);
  }
  return out.sort((a, b) => b.mean - a.mean);
}
