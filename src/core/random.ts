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
