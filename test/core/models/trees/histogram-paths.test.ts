// The shortcuts in histogram building and bin fitting give what the general paths give: a tree
// grown with unit weights flagged equals one grown summing the weights, and bins fitted on a
// list of rows equal bins fitted on those rows copied out.
import { describe, expect, it } from "vitest";
import { applyBins, binOf, fitBins } from "../../../../src/core/models/trees/binning";
import { growTree } from "../../../../src/core/models/trees/grow-tree";
import { newton } from "../../../../src/core/models/trees/criteria";
import { mulberry32 } from "../../../../src/core/random";

describe("histogram and binning shortcuts", () => {
  const n = 5000, p = 6, rand = mulberry32(3);
  const x = Float64Array.from({ length: n * p }, () => Math.round(rand() * 1000) / 10);
  const g = Float64Array.from({ length: n }, (_, i) => Math.sin(x[i * p]) + x[i * p + 1] / 50 - rand());

  it("unit weights: the same tree whether W is summed or copied from the counts", () => {
    const bm = applyBins(fitBins(x, n, p, 255), x, n, p);
    const grow = (unitWeights: boolean) => growTree(
      bm, { w: new Float64Array(n).fill(1), s: g, unitWeights }, Uint32Array.from({ length: n }, (_, i) => i),
      { criterion: newton(0), maxDepth: Infinity, minSamplesSplit: 2, minSamplesLeaf: 20, minWeightLeaf: 1e-3, minGain: 0, maxLeafNodes: 31, maxFeatures: p, random: () => 0 },
      new Float64Array(p),
    ).tree;
    const a = grow(true), b = grow(false);
    expect(a.nLeaves).toBe(31);
    expect(Array.from(a.feature)).toEqual(Array.from(b.feature));
    expect(Array.from(a.threshold)).toEqual(Array.from(b.threshold));
    expect(Array.from(a.value)).toEqual(Array.from(b.value));
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
