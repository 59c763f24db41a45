/** A central prediction interval at one coverage level. */
export interface Band {
  /** Coverage in (0, 1), e.g. 0.9. */
  readonly level: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Point forecasts with one band per requested level (bounds NaN when none can be estimated). */
export interface MultiForecast {
  readonly point: Float64Array;
  readonly bands: readonly Band[];
}

/** Bands point ± z_level · sd_h, from standard deviations per step. */
export function normalBands(point: Float64Array, sd: ArrayLike<number>, levels: readonly number[], quantile: (p: number) => number): Band[] {
  return levels.map((level) => {
    const z = quantile(0.5 + level / 2);
    const lower = new Float64Array(point.length);
    const upper = new Float64Array(point.length);
    for (let h = 0; h < point.length; h++) {
      lower[h] = point[h] - z * sd[h];
      upper[h] = point[h] + z * sd[h];
    }
    return { level, lower, upper };
  });
}

/** Bands from simulated paths: paths[i][h]; empirical quantiles per step (type 7). */
export function simulatedBands(paths: readonly Float64Array[], horizon: number, levels: readonly number[]): Band[] {
  const bands = levels.map((level) => ({ level, lower: new Float64Array(horizon), upper: new Float64Array(horizon) }));
  const column = new Float64Array(paths.length);
  for (let h = 0; h < horizon; h++) {
    for (let i = 0; i < paths.length; i++) column[i] = paths[i][h];
    column.sort();
    for (const b of bands) {
      b.lower[h] = quantileOfSorted(column, 0.5 - b.level / 2);
      b.upper[h] = quantileOfSorted(column, 0.5 + b.level / 2);
    }
  }
  return bands;
}

/** Maps point and bands through f (e.g. exp after a log fit); quantiles survive monotone maps. */
export function mapForecast(f: MultiForecast, fn: (v: number) => number): MultiForecast {
  return {
    point: f.point.map(fn),
    bands: f.bands.map((b) => ({ level: b.level, lower: b.lower.map(fn), upper: b.upper.map(fn) })),
  };
}

function quantileOfSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
