// The store's hashes decide whether a kept model is reused, so their values must not drift by
// accident: a changed value means every kept model trains again. hashText (the store key) still
// gives the values of the original single-loop hash; hashDesign moved to a four-lane hash once, on
// purpose (docs/models.md, "Linear and logistic regression"), and is pinned to that.
import { describe, expect, it } from "vitest";
import { hashDesign, hashText, hashWords } from "../../../src/core/models/model-record";
import type { DesignMatrix } from "../../../src/core/models/design-matrix";

function design(): DesignMatrix {
  // 200,000 × 3 (600,000 values, 1.2 million words: several chunks of the hash loop).
  const n = 200_000, p = 3;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n * p; i++) x[i] = Math.sin(i) * 1e3 - (i % 7);
  for (let i = 0; i < n; i++) y[i] = i % 3 === 0 ? 1 : -2.5;
  return { features: ["a", "b", "c"], n, p, x, y, rows: new Int32Array(0), droppedRows: 0, constantFeatures: [] };
}

describe("model store hashes", () => {
  it("hashDesign keeps its (four-lane) values", () => {
    expect(hashDesign(design())).toBe("10bd21b9bb3a1aa3");
  });

  it("hashText and empty inputs keep the values of the original one-loop hash", () => {
    expect(hashText('linear:[1,"x","ÿ€"]')).toBe("f0099e494a7900eb");
    expect(hashWords([])).toBe("c223ada32c0db523");
    expect(hashWords([new Int32Array(0)])).toBe("8702f5ba0464f825");
  });

  it("tells matrices apart that differ in one bit of either word of a value, or in where the target starts", () => {
    const a = design();
    for (const word of [123_456, 123_457, 0, 2 * a.x.length - 1]) {
      const x = Float64Array.from(a.x);
      new Uint32Array(x.buffer)[word] ^= 1 << (word % 32);
      expect(hashDesign({ ...a, x })).not.toBe(hashDesign(a));
    }
    const y = Float64Array.from(a.y);
    new Uint32Array(y.buffer)[7] ^= 1;
    expect(hashDesign({ ...a, y })).not.toBe(hashDesign(a));
    // Swapping two values changes it too (the lanes are order-dependent).
    const swapped = Float64Array.from(a.x);
    [swapped[10], swapped[11]] = [swapped[11], swapped[10]];
    expect(hashDesign({ ...a, x: swapped })).not.toBe(hashDesign(a));
    const shifted = new Float64Array(a.n + 1);
    shifted[0] = a.x[a.x.length - 1];
    shifted.set(a.y, 1);
    const moved = { ...a, x: a.x.subarray(0, a.x.length - 1), y: shifted };
    expect(hashDesign(moved)).not.toBe(hashDesign(a));
  });
});
