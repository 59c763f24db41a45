import { describe, expect, it } from "vitest";
import { fpGrowth, generateRules, ItemsetLimitError } from "../../../src/core/customers";
import { mulberry32 } from "../../../src/core/steps/types";

// Brute force: every subset of every basket, counted.
function bruteForce(baskets: Int32Array[], minCount: number, maxLength: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const b of baskets) {
    for (let mask = 1; mask < 1 << b.length; mask++) {
      const s = [...b].filter((_, i) => (mask >> i) & 1);
      if (s.length > maxLength) continue;
      counts.set(s.join(","), (counts.get(s.join(",")) ?? 0) + 1);
    }
  }
  return new Map([...counts].filter(([, c]) => c >= minCount));
}

describe("FP-Growth", () => {
  it("finds exactly the itemsets a brute-force count finds, on random baskets", () => {
    const random = mulberry32(5);
    const baskets = Array.from({ length: 300 }, () => {
      const s = new Set<number>();
      const size = 1 + Math.floor(random() * 7);
      while (s.size < size) s.add(Math.floor(random() * random() * 15));
      return Int32Array.from(s).sort();
    });
    for (const [minCount, maxLength] of [[5, 10], [20, 2], [1, 3]]) {
      const got = fpGrowth(baskets, 15, { minCount, maxLength, maxItemsets: 1e6 });
      const want = bruteForce(baskets, minCount, maxLength);
      expect(new Map(got.itemsets.map((s, i) => [s.join(","), got.counts[i]]))).toEqual(want);
    }
  });

  it("throws ItemsetLimitError instead of running away", () => {
    const baskets = Array.from({ length: 10 }, () => Int32Array.from({ length: 16 }, (_, i) => i));
    expect(() => fpGrowth(baskets, 16, { minCount: 1, maxLength: 16, maxItemsets: 10_000 })).toThrow(ItemsetLimitError);
  });

  it("generates multi-item consequents when asked", () => {
    const baskets = [Int32Array.of(0, 1, 2), Int32Array.of(0, 1, 2), Int32Array.of(0, 1), Int32Array.of(2)];
    const sets = fpGrowth(baskets, 3, { minCount: 1, maxLength: 3, maxItemsets: 100 });
    const rules = generateRules(sets, 4, { minConfidence: 0, minLift: 0, maxConsequent: 2, maxRules: 100 });
    const i = rules.antecedent.findIndex((a, k) => a.join() === "2" && rules.consequent[k].join() === "0,1");
    expect(rules.confidence[i]).toBeCloseTo(2 / 3, 12);
    expect(rules.support[i]).toBe(0.5);
    expect(rules.lift[i]).toBeCloseTo(2 / 3 / 0.75, 12);
    expect(rules.leverage[i]).toBeCloseTo(0.5 - 0.75 * 0.75, 12);
    const single = generateRules(sets, 4, { minConfidence: 0, minLift: 0, maxConsequent: 1, maxRules: 100 });
    expect(single.consequent.every((c) => c.length === 1)).toBe(true);
  });
});
