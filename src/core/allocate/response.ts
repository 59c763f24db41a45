/**
 * Response curves: expected extra return as a function of spend on one unit.
 * Saturating a·(1 − e^(−x/b)) is concave, so its piecewise-linear chords have decreasing
 * slopes; a maximising LP then fills segment k before k+1 on its own, and no integer variables
 * are needed to keep the pieces in order.
 */
export type ResponseCurve =
  | { readonly type: "saturating"; /** Most extra return spend can buy. */ readonly a: number; /** Scale: a·(1−1/e) is reached at x = b. */ readonly b: number }
  | { readonly type: "log"; /** Scale of the return: a·ln 2 is reached at x = b. */ readonly a: number; /** Spend scale. */ readonly b: number }
  | { readonly type: "linear"; /** Return per unit of spend. */ readonly rate: number };

/** The concave (non-linear) curves, cut into chords by {@link curveSegments}. */
export type ConcaveCurve = Extract<ResponseCurve, { type: "saturating" | "log" }>;

/** The curve's value at spend x. */
export function responseAt(curve: ResponseCurve, x: number): number {
  if (curve.type === "linear") return curve.rate * x;
  if (curve.type === "log") return curve.a * Math.log1p(x / curve.b);
  return curve.a * -Math.expm1(-x / curve.b);
}

/** The curve's slope at spend x: the return of the next unit of spend. */
export function responseSlope(curve: ResponseCurve, x: number): number {
  if (curve.type === "linear") return curve.rate;
  if (curve.type === "log") return curve.a / (curve.b + x);
  return (curve.a / curve.b) * Math.exp(-x / curve.b);
}

/** b from the spend at which half of the lift is bought: a·(1 − e^(−h/b)) = a/2 ⇔ b = h / ln 2. */
export function scaleFromHalfSaturation(halfSaturation: number): number {
  return halfSaturation / Math.LN2;
}

/** Piecewise-linear pieces of a curve over [0, upTo]: equal widths, slope of each chord. */
export interface Segments {
  readonly width: number;
  readonly slopes: Float64Array;
}

/**
 * K equal-width chords of a saturating curve over [0, upTo]. Equal widths keep the builder
 * and its reference (test/reference/allocate_reference.py) trivially identical; the chord
 * error is largest near 0, where it is at most a·(width/b)²/8.
 */
export function saturatingSegments(a: number, b: number, upTo: number, k: number): Segments {
  const width = upTo / k;
  const slopes = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    // f(x1) − f(x0) = a·(e^(−x0/b) − e^(−x1/b)), written to avoid cancelling two values near a.
    slopes[j] = (a * (Math.exp((-j * width) / b) - Math.exp((-(j + 1) * width) / b))) / width;
  }
  return { width, slopes };
}

/**
 * K equal-width chords of any concave curve over [0, upTo]. For the log curve the chord rise is
 * a·ln(1 + w/(b + x0)), the same quantity written without subtracting two close logarithms.
 */
export function curveSegments(curve: ConcaveCurve, upTo: number, k: number): Segments {
  if (curve.type === "saturating") return saturatingSegments(curve.a, curve.b, upTo, k);
  const width = upTo / k;
  const slopes = new Float64Array(k);
  for (let j = 0; j < k; j++) slopes[j] = (curve.a * Math.log1p(width / (curve.b + j * width))) / width;
  return { width, slopes };
}

/** Multiplies a curve's return by `m` (scenarios: "TV returns 10% more"). */
export function scaleCurve(curve: ResponseCurve, m: number): ResponseCurve {
  return curve.type === "linear" ? { type: "linear", rate: curve.rate * m } : { ...curve, a: curve.a * m };
}
