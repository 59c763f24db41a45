/**
 * Nelder–Mead simplex minimiser (Lagarias et al. 1998 coefficients, adaptive to the dimension as
 * Gao & Han 2012 suggest, which helps with the 10–17 parameters of a seasonal ETS model).
 * Unconstrained: callers map bounded parameters through transforms (logistic, PACF) and return
 * Infinity for points they reject.
 */
export interface MinimizeOptions {
  /** Stop after this many function evaluations. */
  readonly maxEval?: number;
  /** Stop when the simplex's function values differ by less than this (absolute + relative). */
  readonly tol?: number;
  /** Initial step per coordinate (default 0.1·max(1, |x0_i|)). */
  readonly step?: number | readonly number[];
  /** Restarts from the best point, which rescues a simplex that collapsed early. */
  readonly restarts?: number;
}

/** Where the minimiser stopped. */
export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly evaluations: number;
}

/** Minimises f from x0. */
export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, opts: MinimizeOptions = {}): MinimizeResult {
  const maxEval = opts.maxEval ?? 2000 * Math.max(1, x0.length);
  const restarts = opts.restarts ?? 1;
  let best = runSimplex(f, Float64Array.from(x0), opts, maxEval);
  let used = best.evaluations;
  for (let r = 0; r < restarts && used < maxEval; r++) {
    const again = runSimplex(f, best.x, opts, maxEval - used);
    used += again.evaluations;
    const improved = again.value < best.value - 1e-10 * (1 + Math.abs(best.value));
    if (again.value <= best.value) best = again;
    if (!improved) break;
  }
  return { x: best.x, value: best.value, evaluations: used };
}

function runSimplex(f: (x: Float64Array) => number, x0: Float64Array, opts: MinimizeOptions, maxEval: number): MinimizeResult {
  const n = x0.length;
  const tol = opts.tol ?? 1e-10;
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  const eval_ = (x: Float64Array) => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const pts: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(x0);
    const s = opts.step === undefined ? 0.1 * Math.max(1, Math.abs(x0[i])) : typeof opts.step === "number" ? opts.step : opts.step[i];
    p[i] += s;
    pts.push(p);
  }
  const vals = pts.map(eval_);
  let evals = n + 1;
  const centroid = new Float64Array(n);
  const along = (c: number) => {
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) x[j] = centroid[j] + c * (centroid[j] - pts[n][j]);
    return x;
  };
  while (evals < maxEval) {
    const order = vals.map((v, i) => i).sort((a, b) => vals[a] - vals[b]);
    const sp = order.map((i) => pts[i]);
    const sv = order.map((i) => vals[i]);
    for (let i = 0; i <= n; i++) {
      pts[i] = sp[i];
      vals[i] = sv[i];
    }
    if (Math.abs(vals[n] - vals[0]) <= tol * (1 + Math.abs(vals[0]))) break;
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const xr = along(alpha);
    const fr = eval_(xr);
    evals++;
    if (fr < vals[0]) {
      const xe = along(alpha * beta);
      const fe = eval_(xe);
      evals++;
      [pts[n], vals[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < vals[n - 1]) {
      [pts[n], vals[n]] = [xr, fr];
    } else {
      const outside = fr < vals[n];
      const xc = along(outside ? alpha * gamma : -gamma);
      const fc = eval_(xc);
      evals++;
      if (fc < (outside ? fr : vals[n])) {
        [pts[n], vals[n]] = [xc, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          for (let j = 0; j < n; j++) pts[i][j] = pts[0][j] + delta * (pts[i][j] - pts[0][j]);
          vals[i] = eval_(pts[i]);
        }
        evals += n;
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i] < vals[bi]) bi = i;
  return { x: pts[bi], value: vals[bi], evaluations: evals };
}
