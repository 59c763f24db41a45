/**
 * Distribution summaries of a numeric column for the profile card: quantiles (linear interpolation,
 * as numpy and pandas `describe` default to), standard deviation and an equal-width histogram.
 */

/** Quartiles, spread and a histogram of the non-missing values. */
export interface NumericStats {
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  /** Sample standard deviation (n - 1), as pandas reports; NaN for fewer than 2 values. */
  readonly std: number;
  /** Counts in `HISTOGRAM_BINS` equal-width bins from min to max (one bin when min = max). */
  readonly histogram: readonly number[];
}

/** Bins of the profile histogram: enough for a shape, small enough for a sparkline. */
export const HISTOGRAM_BINS = 20;

/** The q-quantile of sorted values, interpolating linearly between neighbours. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at), hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Stats of a Float64Array column (NaN = missing); null when every value is missing. */
export function numericStats(values: Float64Array): NumericStats | null {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  if (n === 0) return null;
  const sorted = new Float64Array(n);
  let k = 0, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) (sorted[k++] = v), (sum += v);
  }
  sorted.sort();
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (sorted[i] - mean) ** 2;
  const min = sorted[0], max = sorted[n - 1];
  const bins = min === max ? 1 : HISTOGRAM_BINS;
  const histogram = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < n; i++) histogram[Math.min(bins - 1, width > 0 ? Math.floor((sorted[i] - min) / width) : 0)]++;
  return {
    q25: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    std: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN,
    histogram,
  };
}
