// The profile's quantiles and the ROC and PR curves sort with sortNumbers (counting for few distinct
// values, else a radix sort); it must order exactly as the typed-array sort.
import { describe, expect, it } from "vitest";
import { quantileSorted, quantilesByBuckets, sortNumbers, summarizeNumeric } from "../../../src/core/frame/column-stats";
import { mulberry32 } from "../../../src/core/steps/types";

function same(values: Float64Array): void {
  const expected = Float64Array.from(values).sort();
  const got = Float64Array.from(values);
  sortNumbers(got);
  // Object.is per element: −0 and +0 in the same places too.
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], expected[i])) expect([i, got[i]]).toEqual([i, expected[i]]);
}

describe("sortNumbers", () => {
  it("orders probabilities with many ties as the typed-array sort does", () => {
    const rand = mulberry32(1);
    same(Float64Array.from({ length: 100_000 }, () => Math.round(rand() * 1000) / 1000));
    same(Float64Array.from({ length: 50_000 }, () => rand()));
  });

  it("orders negative and positive values, ±0, ±Infinity, subnormals and huge values", () => {
    const rand = mulberry32(2);
    const specials = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 2 ** 52 + 1];
    const values = Float64Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? specials[i % specials.length] : (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20)));
    same(values);
  });

  it("sorts a subarray in place without touching its neighbours, and short arrays too", () => {
    const rand = mulberry32(3);
    const all = Float64Array.from({ length: 32_000 }, () => rand() - 0.5);
    const before = all.slice();
    const part = all.subarray(1000, 31_000);
    sortNumbers(part);
    expect(all.subarray(0, 1000)).toEqual(before.subarray(0, 1000));
    expect(all.subarray(31_000)).toEqual(before.subarray(31_000));
    expect(part).toEqual(before.subarray(1000, 31_000).sort());
    same(Float64Array.of(3, -0, 0, -2));
    same(new Float64Array(0));
  });
});

// A column with few distinct values is summarised from its counts (no sorted copy); the result must
// be what the sorted values give: the same quantiles, histogram and distinct count, std to rounding.
describe("summarizeNumeric from counts", () => {
  function fromSorted(values: Float64Array) {
    const sorted = values.filter((v) => v === v).sort();
    const n = sorted.length;
    let distinct = n > 0 ? 1 : 0;
    for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
    const quantile = (q: number) => {
      const at = (n - 1) * q, lo = Math.floor(at), hi = Math.ceil(at);
      return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    };
    let sum = 0;
    for (const v of values) if (v === v) sum += v;
    const mean = sum / n;
    let squares = 0;
    for (const v of sorted) squares += (v - mean) ** 2;
    const min = sorted[0], max = sorted[n - 1], bins = min === max ? 1 : 20, width = (max - min) / bins;
    const histogram = new Array<number>(bins).fill(0);
    for (const v of sorted) histogram[Math.min(bins - 1, width > 0 ? Math.floor((v - min) / width) : 0)]++;
    return { distinct, q25: quantile(0.25), median: quantile(0.5), q75: quantile(0.75), std: Math.sqrt(squares / (n - 1)), histogram };
  }

  function agrees(values: Float64Array): void {
    const { stats, distinct } = summarizeNumeric(values, 10_000);
    const want = fromSorted(values);
    // The count stops one past the cap (10,000) where the sort is used.
    expect(distinct).toBe(Math.min(want.distinct, 10_001));
    expect([stats!.q25, stats!.median, stats!.q75]).toEqual([want.q25, want.median, want.q75]);
    expect(stats!.histogram).toEqual(want.histogram);
    // Sums of squares taken by value rather than in sorted order: equal to rounding.
    if (Number.isNaN(want.std)) expect(stats!.std).toBeNaN();
    else expect(Math.abs(stats!.std - want.std)).toBeLessThanOrEqual(1e-12 * Math.max(1, want.std));
  }

  it("agrees with the sorted values on codes, scores, dates and flags with missing values", () => {
    const rand = mulberry32(4);
    const day = 86_400_000;
    agrees(Float64Array.from({ length: 60_000 }, () => (rand() < 0.05 ? NaN : Math.floor(rand() * 2))));
    agrees(Float64Array.from({ length: 60_000 }, () => Math.round(rand() * 1000) / 10));
    agrees(Float64Array.from({ length: 60_000 }, () => 1.7e12 + Math.floor(rand() * 1500) * day));
    agrees(Float64Array.from({ length: 60_000 }, () => (rand() < 0.5 ? -0 : rand() < 0.5 ? 0 : Math.floor(rand() * 40) - 20)));
    agrees(Float64Array.from({ length: 999 }, (_, i) => (i % 3 === 0 ? -Infinity : i % 3 === 1 ? 7 : Infinity)));
    agrees(Float64Array.of(5, NaN, 5, 5));
  });

  it("past 4,096 distinct values (no sort: buckets of the bits), and reports nothing for an all-missing column", () => {
    const rand = mulberry32(5);
    agrees(Float64Array.from({ length: 60_000 }, () => Math.round(rand() * 1e6) / 100));
    agrees(Float64Array.from({ length: 60_000 }, () => Math.floor(rand() * 9000)));
    agrees(Float64Array.from({ length: 30_001 }, (_, i) => (i % 4 === 0 ? NaN : i % 9 === 0 ? -Infinity : (rand() - 0.5) * 1e9)));
    // -0 and 0 side by side among many values, and values crowded into one bucket.
    agrees(Float64Array.from({ length: 40_000 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : rand() - 0.5)));
    agrees(Float64Array.from({ length: 40_000 }, () => 0.5 + rand() * 1e-9));
    expect(summarizeNumeric(Float64Array.of(NaN, NaN), 10)).toEqual({ stats: null, distinct: 0 });
  });
});

describe("quantilesByBuckets", () => {
  it("reads the sorted array's values at each quantile's places, on ties, skew, signs and tiny inputs", () => {
    const rand = mulberry32(6);
    const cases = [
      Float64Array.from({ length: 100_001 }, () => rand() ** 4),
      Float64Array.from({ length: 50_000 }, () => Math.floor(rand() * 3)),
      Float64Array.from({ length: 50_000 }, (_, i) => i - 25_000),
      Float64Array.from({ length: 50_000 }, (_, i) => (i % 2 ? -0 : 0)),
      Float64Array.from({ length: 5_000 }, (_, i) => (i % 10 === 0 ? NaN : (rand() - 0.5) * 10 ** Math.floor(rand() * 10))),
      Float64Array.of(7),
      Float64Array.of(2, NaN, 1),
    ];
    for (const values of cases) {
      const sorted = values.filter((v) => v === v).sort();
      const qs = [0, 0.1, 0.25, 0.5, 0.75, 0.99, 1];
      const got = quantilesByBuckets(values, sorted.length, qs);
      expect(got).toEqual(qs.map((q) => quantileSorted(sorted, q)));
    }
  });
});
