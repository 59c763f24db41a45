// The profile's quantiles and the ROC and PR curves sort with sortNumbers (counting for few distinct
// values, else a radix sort); it must order exactly as the typed-array sort.
import { describe, expect, it } from "vitest";
import { sortNumbers } from "../../../src/core/frame/column-stats";
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
