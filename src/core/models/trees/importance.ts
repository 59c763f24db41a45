/** Impurity-based (gain-based) feature importance: summing, normalising and tabulating. */
import { makeTable, type Table } from "../../frame/table";
import type { JsonObject } from "../../json";

/** Scales to sum 1 (all zeros stay zeros: a tree with no split uses no feature). */
export function normalized(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x;
  return s > 0 ? v.map((x) => x / s) : new Float64Array(v.length);
}

/** The "importance" extra: feature and importance, most important first. */
export function importanceTable(features: readonly string[], importance: Float64Array): Table {
  const order = features.map((_, j) => j).sort((a, b) => importance[b] - importance[a] || a - b);
  return makeTable([
    { name: "feature", type: "string", values: order.map((j) => features[j]) },
    { name: "importance", type: "number", values: Float64Array.from(order, (j) => importance[j]) },
  ]);
}

/** Importance as a JSON object for the summary (feature → share). */
export function importanceJson(features: readonly string[], importance: Float64Array): JsonObject {
  const out: JsonObject = {};
  features.forEach((f, j) => (out[f] = importance[j]));
  return out;
}
