// The store's hash of a training matrix decides whether a kept model is reused, so its values must
// not drift when its code is made faster: these were computed by the original single-loop version
// (unsigned words, one pass), and every stored record carries such a value.
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
  it("hashDesign gives the values the original one-loop hash gave", () => {
    expect(hashDesign(design())).toBe("0dc0954c3e726ea3");
  });

  it("hashText and empty inputs keep their values", () => {
    expect(hashText('linear:[1,"x","ÿ€"]')).toBe("f0099e494a7900eb");
    expect(hashWords([])).toBe("c223ada32c0db523");
    expect(hashWords([new Int32Array(0)])).toBe("8702f5ba0464f825");
  });

  it("tells matrices apart that differ in one bit or in where the target starts", () => {
    const a = design();
    const x = Float64Array.from(a.x);
    const bits = new Uint32Array(x.buffer);
    bits[123_457] ^= 1;
    expect(hashDesign({ ...a, x })).not.toBe(hashDesign(a));
    const y = new Float64Array(a.n + 1);
    y[0] = a.x[a.x.length - 1];
    y.set(a.y, 1);
    const moved = { ...a, x: a.x.subarray(0, a.x.length - 1), y };
    expect(hashDesign(moved)).not.toBe(hashDesign(a));
  });
});
