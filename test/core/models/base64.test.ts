// Our base64 against Node's Buffer (an independent implementation) on random bytes of every
// length remainder, and refusal of text that is not base64.
import { describe, expect, it } from "vitest";
import { fromBase64, toBase64 } from "../../../src/core/models/base64";
import { mulberry32 } from "../../../src/core/random";

describe("base64", () => {
  it("encodes and decodes as Buffer does", () => {
    const rand = mulberry32(9);
    for (const n of [0, 1, 2, 3, 4, 5, 31, 32, 33, 1000, 100_001]) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64"));
      expect(fromBase64(text)).toEqual(bytes);
    }
  });

  it("refuses what is not base64", () => {
    for (const bad of ["abc", "ab=c", "a===", "ab\u00e9d", "ab d", "====", "%%%%"]) expect(fromBase64(bad)).toBeUndefined();
  });
});
