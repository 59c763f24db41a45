/**
 * Text encodings of input files. The parser works on UTF-8 bytes, so a Latin-1 / Windows-1252 file
 * is transcoded once up front (pure TypeScript: core has no TextDecoder), and invalid UTF-8 is found
 * before parsing so the message can name the line and suggest the right encoding.
 */

/** Encodings a data cell accepts; "auto" reads UTF-8 and falls back to Windows-1252 when the bytes are not UTF-8. */
export type Encoding = "auto" | "utf-8" | "windows-1252";

/** Encoding names accepted in documents, mapped to ours (Latin-1 is read as its superset Windows-1252, as browsers do). */
export const ENCODING_ALIASES: Readonly<Record<string, Exclude<Encoding, "auto">>> = {
  "utf-8": "utf-8", utf8: "utf-8", "windows-1252": "windows-1252", cp1252: "windows-1252", "latin-1": "windows-1252",
  latin1: "windows-1252", "iso-8859-1": "windows-1252",
};

/** The offset of the first byte that breaks UTF-8 (a bad lead, a missing continuation, an overlong form), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  const n = bytes.length;
  // ASCII runs are skipped four bytes at a time where the view is word-aligned.
  const words = (bytes.byteOffset & 3) === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, n >> 2) : null;
  for (let i = from; i < n; ) {
    if (words !== null && (i & 3) === 0) {
      let w = i >> 2;
      const m = words.length;
      while (w < m && (words[w] & 0x80808080) === 0) w++;
      i = w << 2;
      if (i >= n) break;
    }
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    // A sequence cut by the end of the buffer is invalid too.
    if (len === 0 || i + len > n) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    if ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] > 0x8f)) return i;
    i += len;
  }
  return -1;
}

// Windows-1252's 0x80-0x9F differ from Latin-1 (curly quotes, euro sign, dashes); the rest is Latin-1.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 (and so Latin-1) bytes as UTF-8 bytes. ASCII-only input is returned as is. */
export function windows1252ToUtf8(bytes: Uint8Array): Uint8Array {
  let extra = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) extra += bytes[i] < 0xa0 ? 2 : 1;
  if (extra === 0) return bytes;
  const out = new Uint8Array(bytes.length + extra);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const cp = b < 0x80 ? b : b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
    if (cp < 0x80) out[o++] = cp;
    else if (cp < 0x800) (out[o++] = 0xc0 | (cp >> 6)), (out[o++] = 0x80 | (cp & 0x3f));
    else (out[o++] = 0xe0 | (cp >> 12)), (out[o++] = 0x80 | ((cp >> 6) & 0x3f)), (out[o++] = 0x80 | (cp & 0x3f));
  }
  return out.subarray(0, o);
}

/** The 1-based line of byte `offset`. */
export function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
