// The shortcuts in histogram building and bin fitting give what the general paths give: a tree
// grown with unit weights flagged equals one grown summing the weights, and bins fitted on a
// list of rows equal bins fitted on those rows copied out.
import { describe, expect, it } from "vitest";
import { applyBins, binOf, fitBins } from "../../../../src/core/models/trees/binning";
import { growTree } from "../../../../src/core/models/trees/grow-tree";
import { accumulateColumns, accumulateRootSums, accumulateRows, binCountHistogram, histogramLayout } from "../../../../src/core/models/trees/histogram";
import { newton } from "../../../../src/core/models/trees/criteria";
import { mulberry32 } from "../../../../src/core/random";

describe("histogram and binning shortcuts", () => {
  const n = 5000, p = 6, rand = mulberry32(3);
  const x = Float64Array.from({ length: n * p }, () => Math.round(rand() * 1000) / 10);
  const g = Float64Array.from({ length: n }, (_, i) => Math.sin(x[i * p]) + x[i * p + 1] / 50 - rand());

  it("unit weights: the same tree whether W is summed or copied from the counts", async () => {
    const bm = applyBins(fitBins(x, n, p, 255), x, n, p);
    const grow = (unitWeights: boolean) => growTree(
      bm, { w: new Float64Array(n).fill(1), s: g, unitWeights }, Uint32Array.from({ length: n }, (_, i) => i),
      { criterion: newton(0), maxDepth: Infinity, minSamplesSplit: 2, minSamplesLeaf: 20, minWeightLeaf: 1e-3, minGain: 0, maxLeafNodes: 31, maxFeatures: p, random: () => 0 },
      new Float64Array(p),
    ).then((grown) => grown.tree);
    const a = await grow(true), b = await grow(false);
    expect(a.nLeaves).toBe(31);
    expect(Array.from(a.feature)).toEqual(Array.from(b.feature));
    expect(Array.from(a.threshold)).toEqual(Array.from(b.threshold));
    expect(Array.from(a.value)).toEqual(Array.from(b.value));
  });

  it("the every-feature histogram loop gives what the listed-features loop gives, with and without unit weights", () => {
    const bm = applyBins(fitBins(x, n, p, 255), x, n, p);
    const { offsets, size } = histogramLayout(bm.mapper.nBins);
    const idx = Uint32Array.from({ length: n }, (_, i) => (i * 7) % n);
    const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
    for (const stats of [{ w, s: g }, { w: new Float64Array(n).fill(1), s: g, unitWeights: true }]) {
      const all = new Float64Array(size), parts = new Float64Array(size);
      accumulateRows(all, offsets, bm, Int32Array.from({ length: p }, (_, j) => j), stats, idx, 100, 4000);
      accumulateRows(parts, offsets, bm, Int32Array.of(0, 2, 4), stats, idx, 100, 4000);
      accumulateRows(parts, offsets, bm, Int32Array.of(1, 3, 5), stats, idx, 100, 4000);
      expect(Array.from(all)).toEqual(Array.from(parts));
    }
  });

  it("without the row-major codes (applyBins rowMajor false), the same codes and the same histograms to the bit", () => {
    const mapper = fitBins(x, n, p, 255);
    const both = applyBins(mapper, x, n, p), columnsOnly = applyBins(mapper, x, n, p, undefined, false);
    expect(columnsOnly.rowCodes.length).toBe(0);
    expect(Array.from(columnsOnly.codes)).toEqual(Array.from(both.codes));
    const { offsets, size } = histogramLayout(mapper.nBins);
    const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
    // Dense and thinly spread rows (one in 100: the row loop where rowCodes exist), all features and a subset.
    for (const step of [1, 100]) {
      const idx = Uint32Array.from({ length: Math.floor(n / step) }, (_, k) => k * step);
      for (const stats of [{ w, s: g }, { w: new Float64Array(n).fill(1), s: g, unitWeights: true }]) {
        for (const features of [Int32Array.from({ length: p }, (_, j) => j), Int32Array.of(1, 4, 5)]) {
          const a = new Float64Array(size), b = new Float64Array(size);
          accumulateRows(a, offsets, both, features, stats, idx, 0, idx.length);
          accumulateRows(b, offsets, columnsOnly, features, stats, idx, 0, idx.length);
          expect(Array.from(b)).toEqual(Array.from(a));
        }
      }
    }
  });

  it("by columns (four features a pass) and by rows give the same histograms to the bit, dense or thinly spread", () => {
    const m = 60_000, q = 7, r = mulberry32(9); // 7 features: a group of four, a pair and a single
    const xs = Float64Array.from({ length: m * q }, () => Math.round(r() * 1e5) / 7);
    const s = Float64Array.from({ length: m }, () => r() - 0.5), w = Float64Array.from({ length: m }, () => 0.5 + r());
    const bm = applyBins(fitBins(xs, m, q, 255), xs, m, q);
    const { offsets, size } = histogramLayout(bm.mapper.nBins);
    // One row in 100 makes accumulateRows go row by row (see ROWS_BELOW_DENSITY); one in 3, by columns.
    for (const step of [100, 3]) {
      const idx = Uint32Array.from({ length: Math.floor(m / step) }, (_, k) => k * step + (k % step));
      for (const weights of [w, null]) {
        const byRows = new Float64Array(size), byColumns = new Float64Array(size);
        // The listed-features loop (feature subsets) is always row by row.
        accumulateRows(byRows, offsets, bm, Int32Array.of(0, 1, 2, 3, 4, 5), { w: weights ?? new Float64Array(m).fill(1), s }, idx, 10, idx.length - 5);
        accumulateRows(byRows, offsets, bm, Int32Array.of(6), { w: weights ?? new Float64Array(m).fill(1), s }, idx, 10, idx.length - 5);
        accumulateColumns(byColumns, offsets, bm.codes, m, weights ?? new Float64Array(m).fill(1), s, idx, 10, idx.length - 5, null, 0, q);
        expect(Array.from(byColumns)).toEqual(Array.from(byRows));
        const all = new Float64Array(size);
        accumulateRows(all, offsets, bm, Int32Array.from({ length: q }, (_, j) => j), { w: weights ?? new Float64Array(m).fill(1), s }, idx, 10, idx.length - 5);
        expect(Array.from(all)).toEqual(Array.from(byRows));
      }
    }
  });

  it("a boosting root from the cached bin counts grows the tree the general path grows, to the bit", async () => {
    const bm = applyBins(fitBins(x, n, p, 255), x, n, p);
    const { offsets, size } = histogramLayout(bm.mapper.nBins);
    const rootCounts = binCountHistogram(bm.codes, n, offsets, bm.mapper.nBins, size);
    const grow = (counts?: Float64Array) => growTree(
      bm, { w: new Float64Array(n).fill(1), s: g, unitWeights: true }, Uint32Array.from({ length: n }, (_, i) => i),
      { criterion: newton(0), maxDepth: Infinity, minSamplesSplit: 2, minSamplesLeaf: 20, minWeightLeaf: 1e-3, minGain: 0, maxLeafNodes: 31, maxFeatures: p, random: () => 0, rootCounts: counts },
      new Float64Array(p),
    ).then((grown) => grown.tree);
    const [a, b] = [await grow(rootCounts), await grow()];
    expect(a.nLeaves).toBe(31);
    for (const key of ["feature", "threshold", "value", "left", "right"] as const) expect(Array.from(a[key])).toEqual(Array.from(b[key]));
    // The root histogram itself: counts from the cache, sums in row order.
    const direct = new Float64Array(size), fromCounts = Float64Array.from(rootCounts);
    accumulateColumns(direct, offsets, bm.codes, n, null, g, Uint32Array.from({ length: n }, (_, i) => i), 0, n, null, 0, p);
    for (let b = 0; b < size; b += 3) direct[b + 1] = direct[b];
    accumulateRootSums(fromCounts, offsets, bm.codes, n, g, 0, p);
    expect(Array.from(fromCounts)).toEqual(Array.from(direct));
  });

  it("every leaf's rows stay ascending, and the leaves share out every row once", async () => {
    const bm = applyBins(fitBins(x, n, p, 255), x, n, p);
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 !== 0).reverse();
    const grown = await growTree(
      bm, { w: new Float64Array(n).fill(1), s: g, unitWeights: true }, rows,
      { criterion: newton(0), maxDepth: Infinity, minSamplesSplit: 2, minSamplesLeaf: 20, minWeightLeaf: 1e-3, minGain: 0, maxLeafNodes: 31, maxFeatures: p, random: () => 0 },
      new Float64Array(p),
    );
    const seen: number[] = [];
    for (let k = 0; k < grown.segStart.length; k++) {
      if (grown.tree.feature[k] >= 0) continue;
      const seg = Array.from(grown.idx.subarray(grown.segStart[k], grown.segEnd[k]));
      expect(seg).toEqual([...seg].sort((a, b) => a - b));
      seen.push(...seg);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from(rows).sort((a, b) => a - b));
  });

  it("applyBins gives binOf's bin for every value: thresholds themselves, edges, ties, outside, NaN", () => {
    const r = mulberry32(11);
    for (const scale of [1e-9, 1, 1e6]) {
      const m = 3000, q = 3;
      // Heavy ties (rounded values) and a long tail, so buckets hold from zero to many thresholds.
      const xs = Float64Array.from({ length: m * q }, () => Math.round(Math.exp(4 * r()) * 10) * scale * (r() < 0.5 ? -1 : 1));
      const mapper = fitBins(xs, m, q, 255);
      const probes = new Float64Array(m * q);
      for (let k = 0; k < probes.length; k++) {
        const t = mapper.thresholds[k % q];
        const pick = r();
        probes[k] = pick < 0.3 && t.length ? t[Math.floor(r() * t.length)] : pick < 0.35 ? NaN : pick < 0.4 ? (r() - 0.5) * 1e9 * scale : xs[k];
      }
      const bm = applyBins(mapper, probes, m, q);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < q; j++) expect(bm.codes[j * m + i]).toBe(binOf(mapper.thresholds[j], probes[i * q + j]));
      }
    }
  });

  it("bins fitted on listed rows equal bins fitted on a copy of those rows", () => {
    const rows = Int32Array.from({ length: 1200 }, (_, k) => (k * 7919) % n).sort();
    const copy = new Float64Array(rows.length * p);
    rows.forEach((r, k) => copy.set(x.subarray(r * p, r * p + p), k * p));
    expect(fitBins(x, n, p, 64, rows)).toEqual(fitBins(copy, rows.length, p, 64));
  });
});
