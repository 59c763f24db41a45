/**
 * Ascending sort of float64 values without NaN, in place, with the result of the typed-array sort
 * (Float64Array.prototype.sort: −0 before +0, ±Infinity at the ends) but by a least-significant-
 * digit radix sort on the values' bits: four passes of 16 bits. ROC AUC sorts a million scores; in
 * Chromium the typed sort took 130-190 ms for 1M values and this 20-60 ms.
 */

/** Below this many values the comparison sort is as quick and needs no buffers. */
const SMALL = 4096;

/** Typed arrays use the platform's byte order; the two words of a float64 are [low, high] on little-endian ones. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export function sortFloat64(values: Float64Array): void {
  const n = values.length;
  if (n < SMALL || !LITTLE_ENDIAN) {
    values.sort();
    return;
  }
  let src: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  toOrderedKeys(src);
  let dst: Uint32Array = new Uint32Array(2 * n);
  const counts = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    radixPass(src, dst, pass >> 1, (pass & 1) * 16, counts);
    const t = src;
    src = dst;
    dst = t;
  }
  // Four passes: the sorted keys are back in the values' own buffer.
  fromOrderedKeys(src);
}

/**
 * Bits of a float64 as an unsigned 64-bit key in the same order as the numbers: negative values
 * have every bit flipped, the others only the sign bit.
 */
function toOrderedKeys(words: Uint32Array): void {
  for (let i = 0; i < words.length; i += 2) {
    const hi = words[i + 1];
    if (hi & 0x80000000) {
      words[i] = ~words[i];
      words[i + 1] = ~hi;
    } else {
      words[i + 1] = hi | 0x80000000;
    }
  }
}

function fromOrderedKeys(words: Uint32Array): void {
  for (let i = 0; i < words.length; i += 2) {
    const hi = words[i + 1];
    if (hi & 0x80000000) {
      words[i + 1] = hi & 0x7fffffff;
    } else {
      words[i] = ~words[i];
      words[i + 1] = ~hi;
    }
  }
}

/** One stable counting pass on the 16-bit digit at `shift` of word `word` (0 low, 1 high) of each key. */
function radixPass(src: Uint32Array, dst: Uint32Array, word: number, shift: number, counts: Int32Array): void {
  counts.fill(0);
  for (let i = word; i < src.length; i += 2) counts[(src[i] >>> shift) & 0xffff]++;
  let sum = 0;
  for (let d = 0; d < 65536; d++) {
    const c = counts[d];
    counts[d] = sum;
    sum += c;
  }
  for (let i = 0; i < src.length; i += 2) {
    const o = 2 * counts[(src[i + word] >>> shift) & 0xffff]++;
    dst[o] = src[i];
    dst[o + 1] = src[i + 1];
  }
}
