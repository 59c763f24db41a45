/**
 * A small seeded generator for simulated prediction intervals and bootstraps: mulberry32 for
 * uniforms (fast, 32-bit state, good enough for Monte Carlo quantiles) and Box–Muller normals.
 * Seeded so that a notebook re-run gives the same intervals.
 */
import { mulberry32 } from "../random";

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
}

/** A generator whose stream depends only on `seed` (any finite number; its low 32 bits are used). */
export function makeRng(seed: number): Rng {
  const uniform = mulberry32((Math.trunc(seed) ^ 0x9e3779b9) >>> 0);
  let spare = NaN;
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    // 1 − u keeps the log argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const a = 2 * Math.PI * uniform();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
  return { uniform, normal };
}
