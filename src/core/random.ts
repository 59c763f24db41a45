/**
 * The one seeded uniform generator of the core: mulberry32 (Tommy Ettinger's 32-bit generator),
 * floats in [0, 1). Small, fast and identical on every JS engine, so a seed reproduces the same
 * split, bootstrap or initialisation everywhere (the .ipynb export re-implements it in Python).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0..n−1 in a random order drawn from `rand` (Fisher–Yates, last position first). */
export function shuffledIndices(n: number, rand: () => number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
