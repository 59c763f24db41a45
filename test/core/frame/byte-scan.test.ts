// The tokeniser finds where unquoted fields end with a WebAssembly SIMD index of the delimiters,
// LFs and CRs (byte-scan-wasm.ts). Records, lines, cut points and errors must be exactly those of
// the byte-by-byte loop, on inputs large enough to use it and across its window boundaries.
import { afterEach, describe, expect, it } from "vitest";
import { CsvError, decodeUtf8, scanRecords, type RecordBuffer } from "../../../src/core/frame/csv-records";
import { enableStopFinder, NO_STOP, STOP_WINDOW, stopFinder } from "../../../src/core/frame/byte-scan-wasm";
import { mulberry32 } from "../../../src/core/steps/types";

afterEach(() => enableStopFinder(true));

type Scan = { records: number[][]; stop: number; line: number; stopped: boolean } | { error: string };

function scan(bytes: Uint8Array, from: number, delim: number, final: boolean, indexed: boolean, maxRecords = Infinity): Scan {
  enableStopFinder(indexed);
  const records: number[][] = [];
  const state = { line: 1, stopped: false };
  try {
    const stop = scanRecords(bytes, from, delim, (rec: RecordBuffer) => {
      const r = [rec.line, rec.end, rec.count];
      for (let f = 0; f < rec.count; f++) r.push(rec.starts[f], rec.ends[f], rec.escaped[f]);
      records.push(r);
      return records.length < maxRecords;
    }, final, state);
    return { records, stop, ...state };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return { error: e.message };
  } finally {
    enableStopFinder(true);
  }
}

/** A delimited file with every hard case: quoted delimiters and newlines, "" escapes, CRLF, blank lines, spaces after quotes, empty fields, UTF-8. */
function trickyCsv(rows: number, delim: string, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  const cell = () => {
    const r = rand();
    if (r < 0.1) return "";
    if (r < 0.2) return `"a${delim}b"`;
    if (r < 0.27) return `"line\nbreak"`;
    if (r < 0.32) return `"say ""hi"""  `;
    if (r < 0.36) return "naïve €";
    if (r < 0.4) return `x"y`; // a quote inside an unquoted field is text
    return String(Math.floor(rand() * 1e6) / 100);
  };
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    lines.push(Array.from({ length: 5 }, cell).join(delim) + (rand() < 0.3 ? "\r\n" : "\n"));
    if (rand() < 0.03) lines.push(rand() < 0.5 ? "\n" : "\r\n");
  }
  return new TextEncoder().encode(lines.join(""));
}

describe("the stop index (WebAssembly SIMD)", () => {
  it("lists every delimiter, LF and CR of a window, in order, then NO_STOP", () => {
    const finder = stopFinder();
    expect(finder, "WebAssembly SIMD is available in Node and Chromium").not.toBeNull();
    const rand = mulberry32(7);
    for (const delim of [0x2c, 0x3b, 0x09, 0x7c, 0xa7]) {
      for (const length of [0, 1, 15, 16, 17, 31, 100, 4097, STOP_WINDOW + 33]) {
        const bytes = Uint8Array.from({ length }, () => (rand() < 0.3 ? [delim, 0x0a, 0x0d, 0x22][Math.floor(rand() * 4)] : Math.floor(rand() * 256)));
        for (const from of [0, Math.min(length, 5)]) {
          const end = finder!.index(bytes, from, length, delim);
          expect(end).toBe(Math.min(length, from + STOP_WINDOW));
          const want: number[] = [];
          for (let i = from; i < end; i++) if (bytes[i] === delim || bytes[i] === 0x0a || bytes[i] === 0x0d) want.push(i);
          expect(Array.from(finder!.positions.subarray(0, want.length + 1))).toEqual([...want, NO_STOP]);
        }
      }
    }
  });

  it("finds the first NUL or non-ASCII byte, in the first block, across windows and at the end", () => {
    const finder = stopFinder()!;
    const rand = mulberry32(8);
    const ascii = (n: number) => Uint8Array.from({ length: n }, () => 1 + Math.floor(rand() * 127));
    const plainPrefixJs = (b: Uint8Array) => {
      let i = 0;
      while (i < b.length && b[i] !== 0 && b[i] < 0x80) i++;
      return i;
    };
    expect(finder.plainPrefix(new Uint8Array(0))).toBe(0);
    for (const length of [1, 15, 16, 17, 100, STOP_WINDOW - 1, STOP_WINDOW, 2 * STOP_WINDOW + 5]) {
      const clean = ascii(length);
      expect(finder.plainPrefix(clean)).toBe(length);
      for (const at of new Set([0, 1, 15, 16, length >> 1, STOP_WINDOW - 1, STOP_WINDOW, length - 1].filter((k) => k < length))) {
        for (const special of [0x00, 0x80, 0xc3, 0xff]) {
          const bytes = clean.slice();
          bytes[at] = special;
          if (at + 7 < length) bytes[at + 7] = 0; // a later special byte must not matter
          expect(finder.plainPrefix(bytes)).toBe(plainPrefixJs(bytes));
          expect(finder.plainPrefix(bytes.subarray(1))).toBe(plainPrefixJs(bytes.subarray(1)));
        }
      }
    }
  });

  it("tokenises large files with quotes, CRLF and blank lines exactly as the byte loop", () => {
    for (const [delim, seed] of [[",", 1], [";", 2], ["\t", 3], ["|", 4]] as const) {
      const bytes = trickyCsv(12_000, delim, seed);
      expect(bytes.length).toBeGreaterThan(2 * STOP_WINDOW / 8);
      const d = delim.charCodeAt(0);
      const whole = scan(bytes, 0, d, true, true);
      expect("records" in whole && whole.records.length).toBe(12_000);
      expect(whole).toEqual(scan(bytes, 0, d, true, false));
      // A chunk of a longer input (cut anywhere), from an offset, and a scan stopped early.
      for (const cut of [20_000, 65_537, bytes.length - 3]) {
        expect(scan(bytes.subarray(0, cut), 0, d, false, true)).toEqual(scan(bytes.subarray(0, cut), 0, d, false, false));
      }
      expect(scan(bytes, 4321, d, true, true)).toEqual(scan(bytes, 4321, d, true, false));
      expect(scan(bytes, 0, d, true, true, 500)).toEqual(scan(bytes, 0, d, true, false, 500));
    }
  });

  it("spans window boundaries: a file of several megabytes, and a quoted field longer than a window", () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},${i % 7},"q,${i}",${(i * 1.5).toFixed(1)},end`).join("\n");
    const long = `"${"x,".repeat(STOP_WINDOW)}"`;
    const bytes = new TextEncoder().encode(`id,a,b,c,d\n${rows}\n1,2,${long},4,5\n${rows}\n`);
    expect(bytes.length).toBeGreaterThan(3 * STOP_WINDOW);
    expect(scan(bytes, 0, 0x2c, true, true)).toEqual(scan(bytes, 0, 0x2c, true, false));
  });

  it("reports the same errors on the same lines deep in a large file", () => {
    const good = trickyCsv(8_000, ",", 9);
    const text = new TextDecoder().decode(good);
    for (const bad of [`1,"never closed,3\n`, `1,"closed" then text,3\n`]) {
      const bytes = new TextEncoder().encode(text + bad + text);
      const indexed = scan(bytes, 0, 0x2c, true, true);
      expect(indexed).toHaveProperty("error");
      expect(indexed).toEqual(scan(bytes, 0, 0x2c, true, false));
    }
  });
});

describe("decodeUtf8", () => {
  it("decodes short and long ASCII, UTF-8 and escaped quotes as TextDecoder does", () => {
    const rand = mulberry32(10);
    const alphabet = ["a", "Z", "0", " ", "-", "é", "€", "😀", '"'];
    for (let length = 0; length <= 70; length++) {
      for (let trial = 0; trial < 4; trial++) {
        const text = Array.from({ length }, () => (trial === 0 ? "x" : alphabet[Math.floor(rand() * (trial === 1 ? 5 : alphabet.length))])).join("");
        const bytes = new TextEncoder().encode(`#${text}#`);
        expect(decodeUtf8(bytes, 1, bytes.length - 1)).toBe(text);
      }
    }
    const quoted = new TextEncoder().encode('say ""hi""');
    expect(decodeUtf8(quoted, 0, quoted.length, true)).toBe('say "hi"');
  });
});
