/**
 * Fits a diminishing-returns curve to historical spend x and outcome y by nonlinear least
 * squares: y ≈ c + a·g(x/b), with g(t) = 1 − e^(−t) ("saturating") or ln(1 + t) ("log").
 *
 * Variable projection: for a fixed b the model is linear in (c, a), so both have a closed form
 * and the sum of squares becomes a function of b alone. That one-dimensional profile is scanned
 * on a log grid and refined by golden-section search, which cannot diverge or stall on a bad
 * start the way a three-parameter Gauss–Newton can. b is kept in [max x / 1000, 100·max x]:
 * data that shows no saturation pushes b to the top, where the curve is a straight line of
 * slope a/b; `bAtBound` says so, and the reference (scipy least_squares with the same bounds)
 * ends at the same place.
 */
export type FitForm = "saturating" | "log";

/** A fitted curve and how well it fits. */
export interface ResponseFit {
  readonly form: FitForm;
  /** Return scale of the curve (the lift spend can buy for "saturating"). */
  readonly a: number;
  /** Spend scale. */
  readonly b: number;
  /** Outcome at zero spend (baseline); not part of the return that spend buys. */
  readonly intercept: number;
  /** Residual sum of squares. */
  readonly sse: number;
  readonly rmse: number;
  /** 1 − SSE / total sum of squares. */
  readonly r2: number;
  readonly n: number;
  /** True when b stopped at a search bound (no curvature in the data: effectively linear). */
  readonly bAtBound: boolean;
}

const GRID = 240;

/** Fits `form` to the pairs (x[i], y[i]); both must be finite, x ≥ 0, at least 3 pairs. */
export function fitResponse(x: ArrayLike<number>, y: ArrayLike<number>, form: FitForm): ResponseFit {
  const n = x.length;
  if (n !== y.length) throw new Error("fitResponse: x and y differ in length");
  if (n < 3) throw new Error(`A response curve needs at least 3 observations to fit; got ${n}`);
  let xMax = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new Error(`Spend or outcome is missing or not a number at observation ${i}`);
    if (x[i] < 0) throw new Error(`Spend is negative (${x[i]}) at observation ${i}`);
    xMax = Math.max(xMax, x[i]);
  }
  if (!(xMax > 0)) throw new Error("Every historical spend is 0, so the response to spend cannot be fitted");
  const lo = Math.log(xMax / 1000);
  const hi = Math.log(xMax * 100);
  const profile = (t: number) => project(x, y, form, Math.exp(t));
  let bestK = 0;
  let bestSse = Infinity;
  for (let k = 0; k <= GRID; k++) {
    const sse = profile(lo + ((hi - lo) * k) / GRID).sse;
    if (sse < bestSse) [bestSse, bestK] = [sse, k];
  }
  const step = (hi - lo) / GRID;
  const t = goldenMin((u) => profile(u).sse, Math.max(lo, lo + (bestK - 1) * step), Math.min(hi, lo + (bestK + 1) * step));
  const best = profile(t);
  const b = Math.exp(t);
  let my = 0;
  for (let i = 0; i < n; i++) my += y[i] / n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (y[i] - my) ** 2;
  const bAtBound = t - lo < 1e-6 * (hi - lo) || hi - t < 1e-6 * (hi - lo);
  return { form, a: best.a, b, intercept: best.c, sse: best.sse, rmse: Math.sqrt(best.sse / n), r2: 1 - best.sse / tss, n, bAtBound };
}

/** The curve's shape at spend x for scale b: 1 − e^(−x/b) or ln(1 + x/b). */
export function basis(form: FitForm, x: number, b: number): number {
  return form === "saturating" ? -Math.expm1(-x / b) : Math.log1p(x / b);
}

/** Best (c, a) for a fixed b by ordinary least squares on the basis, and its SSE. */
function project(x: ArrayLike<number>, y: ArrayLike<number>, form: FitForm, b: number): { a: number; c: number; sse: number } {
  const n = x.length;
  let mg = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mg += basis(form, x[i], b) / n;
    my += y[i] / n;
  }
  let sgg = 0;
  let sgy = 0;
  for (let i = 0; i < n; i++) {
    const g = basis(form, x[i], b) - mg;
    sgg += g * g;
    sgy += g * (y[i] - my);
  }
  const a = sgg > 0 ? sgy / sgg : 0;
  const c = my - a * mg;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - c - a * basis(form, x[i], b)) ** 2;
  return { a, c, sse };
}

/** Minimum of a unimodal f on [lo, hi] by golden-section search. */
function goldenMin(f: (t: number) => number, lo: number, hi: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let it = 0; it < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); it++) {
    if (fc <= fd) {
      [b, d, fd] = [d, c, fc];
      c = b - r * (b - a);
      fc = f(c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  // The ends are candidates too: at a bound the minimum sits there, not between c and d.
  const cands = [lo, hi, (a + b) / 2];
  return cands.reduce((best, t) => (f(t) < f(best) ? t : best));
}
