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
  return summarizeNumeric(values, 0).stats;
}

/**
 * `numericStats` plus the number of distinct non-missing values, counted up to `cap` (+1 beyond
 * it, so `distinct > cap` says the cap was passed); cap 0 skips the count. No copy of the column is
 * sorted: few distinct values are counted, more go through `quantilesByBuckets`.
 */
export function summarizeNumeric(values: Float64Array, cap: number): { stats: NumericStats | null; distinct: number } {
  const counted = countFewDistinct(values);
  if (counted !== null) {
    const summary = summarizeCounts(counted);
    return cap > 0 ? summary : { ...summary, distinct: 0 };
  }
  let n = 0, sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { stats: null, distinct: 0 };
  if (!LITTLE_ENDIAN) return summarizeSorted(values, n, sum, cap);
  // Past FEW distinct values: no sort. Each pass below reads the values in row order.
  let distinct = 0;
  if (cap > 0) {
    const seen = new Set<number>();
    for (let i = 0; i < values.length && seen.size <= cap; i++) if (values[i] === values[i]) seen.add(values[i]);
    distinct = seen.size;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) squares += (v - mean) ** 2;
  }
  const bins = min === max ? 1 : HISTOGRAM_BINS;
  const histogram = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) histogram[Math.min(bins - 1, width > 0 ? Math.floor((v - min) / width) : 0)]++;
  }
  const [q25, median, q75] = quantilesByBuckets(values, n, [0.25, 0.5, 0.75]);
  return { stats: { q25, median, q75, std: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN, histogram }, distinct };
}

/** The summary from a sorted copy (big-endian platforms, where the bucket pass reads the wrong word). */
function summarizeSorted(values: Float64Array, n: number, sum: number, cap: number): { stats: NumericStats; distinct: number } {
  const sorted = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) sorted[k++] = values[i];
  sorted.sort();
  let distinct = 0;
  if (cap > 0) {
    distinct = 1;
    for (let i = 1; i < n && distinct <= cap; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (sorted[i] - mean) ** 2;
  const min = sorted[0], max = sorted[n - 1];
  const bins = min === max ? 1 : HISTOGRAM_BINS;
  const histogram = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < n; i++) histogram[Math.min(bins - 1, width > 0 ? Math.floor((sorted[i] - min) / width) : 0)]++;
  const q = (p: number) => quantileSorted(sorted, p);
  return { stats: { q25: q(0.25), median: q(0.5), q75: q(0.75), std: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN, histogram }, distinct };
}

/** Bits of the order-preserving key that pick a bucket (the top 20 of 64: sign, exponent, 8 of the fraction). */
const BUCKET_BITS = 20;

/**
 * Quantiles (linear interpolation, as `quantileSorted`) of the `n` non-NaN values of a column,
 * without sorting it: one pass counts the values per bucket of their order-preserving bits, which
 * says in which bucket each needed order statistic lies; a second pass gathers only those buckets'
 * values, which are sorted. The order (-0 before 0 included) is the typed-array sort's, so the
 * results are the sorted array's to the bit.
 */
export function quantilesByBuckets(values: Float64Array, n: number, qs: readonly number[]): number[] {
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  const shift = 32 - BUCKET_BITS;
  const bucketOf = (i: number) => {
    const h = words[2 * i + 1];
    return (h & 0x80000000 ? ~h : h | 0x80000000) >>> shift;
  };
  const counts = new Uint32Array(1 << BUCKET_BITS);
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) counts[bucketOf(i)]++;
  // The order statistics needed, and for each the bucket holding it and its place there.
  const places = qs.flatMap((q) => [Math.floor((n - 1) * q), Math.ceil((n - 1) * q)]);
  const found = places.map(() => ({ bucket: -1, offset: 0 }));
  const order = places.map((_, k) => k).sort((x, y) => places[x] - places[y]);
  let before = 0, next = 0;
  for (let b = 0; b < counts.length && next < order.length; b++) {
    const c = counts[b];
    while (next < order.length && places[order[next]] < before + c) {
      found[order[next]] = { bucket: b, offset: places[order[next]] - before };
      next++;
    }
    before += c;
  }
  const wanted = new Map<number, number[]>();
  const marked = new Uint8Array(1 << BUCKET_BITS);
  for (const f of found) wanted.set(f.bucket, []), (marked[f.bucket] = 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    const b = bucketOf(i);
    if (marked[b] === 1) wanted.get(b)!.push(v);
  }
  const sortedBuckets = new Map([...wanted].map(([b, list]) => [b, Float64Array.from(list).sort()]));
  const at = (k: number) => sortedBuckets.get(found[k].bucket)![found[k].offset];
  return qs.map((q, j) => {
    const position = (n - 1) * q;
    const low = at(2 * j), high = at(2 * j + 1);
    return low + (high - low) * (position - Math.floor(position));
  });
}

/**
 * The summary from a column's distinct values in order and their counts: the same quantiles,
 * histogram and distinct count as from the sorted values (each value lands in the same bin; -0
 * and 0 count as one value, as `!==` sees them), with the sums taken value by value.
 */
export function summarizeCounts({ keys, counts, present: n, sum }: CountedValues): { stats: NumericStats | null; distinct: number } {
  if (n === 0) return { stats: null, distinct: 0 };
  const k = keys.length;
  let distinct = k;
  for (let j = 1; j < k; j++) if (keys[j] === keys[j - 1]) distinct--;
  const mean = sum / n;
  let squares = 0;
  for (let j = 0; j < k; j++) squares += counts[j] * (keys[j] - mean) ** 2;
  const min = keys[0], max = keys[k - 1];
  const bins = min === max ? 1 : HISTOGRAM_BINS;
  const histogram = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let j = 0; j < k; j++) histogram[Math.min(bins - 1, width > 0 ? Math.floor((keys[j] - min) / width) : 0)] += counts[j];
  // The value at sorted position `at`: the first key whose cumulative count passes it.
  const valueAt = (at: number) => {
    let seen = 0;
    for (let j = 0; j < k; j++) if ((seen += counts[j]) > at) return keys[j];
    return keys[k - 1];
  };
  const quantile = (q: number) => {
    const at = (n - 1) * q;
    const lo = Math.floor(at), hi = Math.ceil(at);
    const low = valueAt(lo), high = valueAt(hi);
    return low + (high - low) * (at - lo);
  };
  const stats = { q25: quantile(0.25), median: quantile(0.5), q75: quantile(0.75), std: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN, histogram };
  return { stats, distinct };
}

// Typed arrays use the platform's byte order; the radix sort reads a double's high word at [1].
const LITTLE_ENDIAN = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000;

const FEW = 4096;

/** A column's distinct values (by bit pattern) in ascending order, with how often each occurs. */
export interface CountedValues {
  readonly keys: Float64Array;
  readonly counts: Int32Array;
  /** Values counted (NaN left out) and their sum, in the column's order. */
  readonly present: number;
  readonly sum: number;
}

/**
 * Counts of a number column's values by bit pattern, while there are at most FEW distinct ones
 * (codes, scores, dates, flags: most columns of a sales table): one hash lookup per value. Rows
 * can be added in runs as they are read (a helper thread tallies its columns during a CSV read);
 * min, max and sum are taken in row order, as the profile's own loop does.
 */
export class NumericTally {
  private readonly keyHi = new Uint32Array(TALLY_SLOTS);
  private readonly keyLo = new Uint32Array(TALLY_SLOTS);
  private readonly slotCounts = new Int32Array(TALLY_SLOTS);
  private distinct = 0;
  /** Rows added so far, and of them the values present (not NaN), their sum, min and max. */
  rows = 0;
  present = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** True once more than FEW distinct values were seen: the counts are then incomplete. */
  overflowed = false;

  /** Adds rows [from, to) of `a`; false (and overflowed) once past FEW distinct values. */
  add(a: Float64Array, from: number, to: number): boolean {
    if (this.overflowed) return false;
    const words = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
    const keyHi = this.keyHi, keyLo = this.keyLo, slotCounts = this.slotCounts, mask = TALLY_SLOTS - 1;
    let distinct = this.distinct, present = this.present, sum = this.sum, min = this.min, max = this.max;
    for (let i = from; i < to; i++) {
      const v = a[i];
      if (v !== v) continue;
      present++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
      const lo = words[2 * i], hi = words[2 * i + 1];
      let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
      h ^= h >>> 15;
      let at = h & mask;
      for (;;) {
        if (slotCounts[at] === 0) {
          if (++distinct > FEW) {
            this.overflowed = true;
            return false;
          }
          (keyHi[at] = hi), (keyLo[at] = lo), (slotCounts[at] = 1);
          break;
        }
        if (keyLo[at] === lo && keyHi[at] === hi) {
          slotCounts[at]++;
          break;
        }
        at = (at + 1) & mask;
      }
    }
    Object.assign(this, { distinct, present, sum, min, max, rows: this.rows + (to - from) });
    return true;
  }

  /** The distinct values in ascending order with their counts (Float64Array's sort order: -0 before 0). */
  counted(): CountedValues {
    const distinct = this.distinct, keyHi = this.keyHi, keyLo = this.keyLo, slotCounts = this.slotCounts;
    const found = new Float64Array(distinct), foundWords = new Uint32Array(found.buffer), slotOf = new Int32Array(distinct);
    for (let at = 0, k = 0; at < TALLY_SLOTS; at++) {
      if (slotCounts[at] === 0) continue;
      (foundWords[2 * k] = keyLo[at]), (foundWords[2 * k + 1] = keyHi[at]), (slotOf[k] = at);
      k++;
    }
    const order = Array.from(slotOf.keys()).sort((x, y) => found[x] - found[y] || (Object.is(found[x], -0) ? -1 : Object.is(found[y], -0) ? 1 : 0));
    const keys = new Float64Array(distinct), counts = new Int32Array(distinct);
    order.forEach((k, j) => ((keys[j] = found[k]), (counts[j] = slotCounts[slotOf[k]])));
    return { keys, counts, present: this.present, sum: this.sum };
  }
}

const TALLY_SLOTS = 4 * FEW;

/** The counts of a whole column (NaN left out), or null past FEW distinct values. */
function countFewDistinct(a: Float64Array): CountedValues | null {
  if (!LITTLE_ENDIAN) return null;
  const tally = new NumericTally();
  return tally.add(a, 0, a.length) ? tally.counted() : null;
}

/** Sorts in place by counting (see countFewDistinct); false, with `a` untouched, past FEW distinct values. */
function sortFewDistinct(a: Float64Array): boolean {
  const counted = countFewDistinct(a);
  if (counted === null) return false;
  let i = 0;
  for (let j = 0; j < counted.keys.length; j++) {
    const v = counted.keys[j];
    for (let c = counted.counts[j]; c > 0; c--) a[i++] = v;
  }
  return true;
}

/**
 * Sorts NaN-free numbers ascending in place, in the same order as `Float64Array.prototype.sort`
 * (-0 before 0). Large arrays use an LSD radix sort on the IEEE bits (16-bit digits, a digit
 * shared by every value skipped), which is several times faster than the comparison sort.
 */
export function sortNumbers(a: Float64Array): void {
  if (a.length < RADIX_MIN || !LITTLE_ENDIAN) a.sort();
  else if (!sortFewDistinct(a)) radixSort(a);
}

/** Below this many values the comparison sort wins. */
const RADIX_MIN = 20_000;

/** The LSD radix sort of `sortNumbers` (little-endian platforms). */
function radixSort(a: Float64Array): void {
  const n = a.length;
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  let hi = new Uint32Array(n), lo = new Uint32Array(n);
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + 1], l = words[2 * i];
    // Order-preserving bits: negatives flip every bit, positives flip the sign bit.
    if (h & 0x80000000) (h = ~h >>> 0), (l = ~l >>> 0);
    else h = (h | 0x80000000) >>> 0;
    hi[i] = h, lo[i] = l;
    counts[l & 0xffff]++, counts[65536 + (l >>> 16)]++, counts[131072 + (h & 0xffff)]++, counts[196608 + (h >>> 16)]++;
  }
  let hi2 = new Uint32Array(n), lo2 = new Uint32Array(n);
  const offsets = new Uint32Array(65536);
  for (let d = 0; d < 4; d++) {
    const base = d * 65536;
    let skip = false, pos = 0;
    for (let k = 0; k < 65536; k++) {
      const c = counts[base + k];
      if (c === n) skip = true;
      offsets[k] = pos;
      pos += c;
    }
    if (skip) continue;
    const src = d < 2 ? lo : hi, shift = (d & 1) * 16;
    for (let i = 0; i < n; i++) {
      const at = offsets[(src[i] >>> shift) & 0xffff]++;
      hi2[at] = hi[i], lo2[at] = lo[i];
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  for (let i = 0; i < n; i++) {
    let h = hi[i], l = lo[i];
    if (h & 0x80000000) h = (h & 0x7fffffff) >>> 0;
    else (h = ~h >>> 0), (l = ~l >>> 0);
    words[2 * i + 1] = h, words[2 * i] = l;
  }
}
