/**
 * Base64 (RFC 4648, with padding) for model files. Written out because the core targets ES2022
 * without the DOM's btoa/atob, and because those work on "binary strings" one character per byte,
 * which for a model of tens of megabytes is a detour.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const CODES = Uint8Array.from(ALPHABET, (ch) => ch.charCodeAt(0));
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < CODES.length; i++) VALUES[CODES[i]] = i;
const PAD = 61; // "="

/** The base64 text of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0, i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = CODES[v >> 18]; out[o++] = CODES[(v >> 12) & 63]; out[o++] = CODES[(v >> 6) & 63]; out[o++] = CODES[v & 63];
  }
  if (i < bytes.length) {
    const two = i + 1 < bytes.length;
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out[o++] = CODES[v >> 18]; out[o++] = CODES[(v >> 12) & 63];
    out[o++] = two ? CODES[(v >> 6) & 63] : PAD; out[o++] = PAD;
  }
  return asciiText(out);
}

/** The bytes of base64 `text`, or undefined when it is not base64 (wrong length, alphabet or padding). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0) return undefined;
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = value(text, i), b = value(text, i + 1);
    const c = last && pad === 2 ? 0 : value(text, i + 2);
    const d = last && pad >= 1 ? 0 : value(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

function value(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? VALUES[code] : -1;
}

/** Text from bytes known to be ASCII, in slices (String.fromCharCode takes a bounded argument list). */
export function asciiText(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let s = 0; s < bytes.length; s += 8192) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(s, s + 8192) as unknown as number[]));
  }
  return parts.join("");
}
