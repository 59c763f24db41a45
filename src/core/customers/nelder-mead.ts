/**
 * Nelder-Mead minimisation (Nelder & Mead 1965, with the adaptive coefficients of Gao & Han 2012)
 * with restarts. The customer models optimise over log-parameters, so the search is unconstrained;
 * a non-finite objective counts as +Infinity, which steers the simplex back.
 */

/** Options for `nelderMead`. */
export interface NelderMeadOptions {
  /** Stop when the spread of values in the simplex falls below this (absolute + relative). */
  readonly fTolerance?: number;
  /** Stop when every vertex is this close to the best one (per coordinate). */
  readonly xTolerance?: number;
  readonly maxIterations?: number;
  /** Full restarts from the best point: a restart un-sticks a collapsed simplex. */
  readonly restarts?: number;
  /** Initial step per coordinate. */
  readonly step?: number;
  /** Called every iteration; may throw (e.g. CancelledError) to stop the search. */
  readonly onIteration?: (iteration: number, best: number) => void;
}

/** The result of a minimisation. */
export interface Minimum {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** False when the iteration limit was reached before the tolerances. */
  readonly converged: boolean;
}

/** Minimises `f` starting from `x0`. */
export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: NelderMeadOptions = {}): Minimum {
  const { restarts = 2, maxIterations = 5000 } = options;
  let best: Float64Array = Float64Array.from(x0);
  let total = 0;
  let value = safe(f(best));
  let converged = false;
  for (let round = 0; round <= restarts; round++) {
    const r = search(f, best, options, maxIterations - total, total);
    total += r.iterations;
    const improved = r.value < value - 1e-12 * (1 + Math.abs(value));
    best = r.x;
    value = r.value;
    converged = r.converged;
    // A restart that finds nothing better confirms the minimum.
    if (round > 0 && !improved) break;
    if (total >= maxIterations) break;
  }
  return { x: best, value, iterations: total, converged };
}

function safe(v: number): number {
  return Number.isFinite(v) ? v : Infinity;
}

function search(f: (x: Float64Array) => number, x0: Float64Array, options: NelderMeadOptions, budget: number, offset: number): Minimum {
  const { fTolerance = 1e-12, xTolerance = 1e-9, step = 0.1, onIteration } = options;
  const n = x0.length;
  // Adaptive coefficients keep the method effective beyond 2-3 dimensions.
  const alpha = 1, beta = 1 + 2 / n, gamma = 0.75 - 1 / (2 * n), delta = 1 - 1 / n;
  const points: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(x0);
    p[i] += p[i] === 0 ? step : step * Math.max(1, Math.abs(p[i]));
    points.push(p);
  }
  const values = points.map((p) => safe(f(p)));
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, towards: Float64Array, t: number) => {
    const p = new Float64Array(n);
    for (let j = 0; j < n; j++) p[j] = from[j] + t * (towards[j] - from[j]);
    return p;
  };
  let it = 0;
  for (; it < budget; it++) {
    order.sort((i, j) => values[i] - values[j]);
    const bestI = order[0], worstI = order[n], secondI = order[n - 1];
    onIteration?.(offset + it, values[bestI]);
    const spread = Math.abs(values[worstI] - values[bestI]);
    let size = 0;
    for (const i of order) for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(points[i][j] - points[bestI][j]));
    if (spread <= fTolerance * (1 + Math.abs(values[bestI])) && size <= xTolerance) {
      return { x: points[bestI], value: values[bestI], iterations: it, converged: true };
    }
    centroid.fill(0);
    for (const i of order.slice(0, n)) for (let j = 0; j < n; j++) centroid[j] += points[i][j] / n;
    const worst = points[worstI];
    const reflected = trial(centroid, worst, -alpha);
    const fr = safe(f(reflected));
    if (fr < values[bestI]) {
      const expanded = trial(centroid, worst, -beta);
      const fe = safe(f(expanded));
      if (fe < fr) replace(worstI, expanded, fe);
      else replace(worstI, reflected, fr);
      continue;
    }
    if (fr < values[secondI]) {
      replace(worstI, reflected, fr);
      continue;
    }
    // Contract outside (towards the reflection) or inside (towards the worst point).
    const outside = fr < values[worstI];
    const contracted = trial(centroid, worst, outside ? -gamma : gamma);
    const fc = safe(f(contracted));
    if (fc < (outside ? fr : values[worstI])) {
      replace(worstI, contracted, fc);
      continue;
    }
    // Shrink everything towards the best point.
    for (const i of order.slice(1)) {
      points[i] = trial(points[bestI], points[i], delta);
      values[i] = safe(f(points[i]));
    }
  }
  order.sort((i, j) => values[i] - values[j]);
  return { x: points[order[0]], value: values[order[0]], iterations: it, converged: false };

  function replace(i: number, p: Float64Array, v: number): void {
    points[i] = p;
    values[i] = v;
  }
}
