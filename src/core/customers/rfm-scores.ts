/**
 * RFM scores and segments.
 *
 * Scores 1-5 are quintiles of rank: a customer's score is ceil(5 · midrank / n), where midrank is
 * the average 1-based rank of the values tied with theirs. Tied values therefore always share a
 * score (unlike pandas' qcut on rank(method="first"), which splits ties by row order), and a
 * large tie group (e.g. the many one-time buyers) takes the score of its middle. Recency is
 * ranked in reverse, so the most recent buyers score 5.
 */

/** Scores 1..5 for `values` (NaN gets 0); `higherIsBetter` false reverses the ranking. */
export function quintileScores(values: Float64Array, higherIsBetter: boolean): Uint8Array {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) idx.push(i);
  const sign = higherIsBetter ? 1 : -1;
  idx.sort((i, j) => sign * (values[i] - values[j]));
  const n = idx.length;
  const scores = new Uint8Array(values.length);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[idx[end]] === values[idx[start]]) end++;
    const midrank = (start + 1 + end) / 2;
    const score = Math.min(5, Math.max(1, Math.ceil((5 * midrank) / n)));
    for (let k = start; k < end; k++) scores[idx[k]] = score;
    start = end;
  }
  return scores;
}

/** Segment names, best first. */
export const SEGMENTS = [
  "Champions",
  "Loyal",
  "Potential loyalists",
  "New",
  "Promising",
  "Need attention",
  "At risk",
  "Cannot lose them",
  "Hibernating",
  "Lost",
] as const;

/** One of SEGMENTS. */
export type Segment = (typeof SEGMENTS)[number];

/**
 * The segment of an (R, F) score pair, on the common 5 × 5 RFM grid (M is reported, not used):
 *
 * | R \ F | 1 | 2-3 | 4 | 5 |
 * |---|---|---|---|---|
 * | 5 | New | Potential loyalists | Champions | Champions |
 * | 4 | Promising | Potential loyalists | Loyal | Loyal |
 * | 3 | Need attention | Need attention | Loyal | Loyal |
 * | 2 | Hibernating (F 1-2) | At risk (F 3) | At risk | Cannot lose them |
 * | 1 | Lost (F 1-2) | At risk (F 3) | At risk | Cannot lose them |
 */
export function segmentOf(r: number, f: number): Segment {
  if (r >= 4) {
    if (f >= 4) return r === 5 ? "Champions" : "Loyal";
    if (f >= 2) return "Potential loyalists";
    return r === 5 ? "New" : "Promising";
  }
  if (r === 3) return f >= 4 ? "Loyal" : "Need attention";
  if (f === 5) return "Cannot lose them";
  if (f >= 3) return "At risk";
  return r === 2 ? "Hibernating" : "Lost";
}
