/**
 * Univariate feature scores used by select_features, matching scikit-learn's definitions:
 *   variance:      population variance (VarianceThreshold.variances_)
 *   f_classif:     one-way ANOVA F of the feature across target classes (sklearn f_classif)
 *   f_regression:  r^2 / (1 - r^2) * (n - 2), r = Pearson correlation with the target (sklearn f_regression)
 *   mutual_info:   plug-in mutual information (nats) after cutting continuous values into up to
 *                  10 equal-frequency bins; NOT scikit-learn's k-nearest-neighbour estimator, so
 *                  its values differ from mutual_info_classif although rankings usually agree.
 * Sums are taken about the mean (two passes), which is at least as accurate as sklearn's formulas.
 */

/** Population variance of `x`. */
export function variance(x: Float64Array): number {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  return ss / x.length;
}

/** ANOVA F of `x` across the classes `cls` (0..nClasses-1); NaN when undefined (constant feature). */
export function fClassif(x: Float64Array, cls: Int32Array, nClasses: number): number {
  const n = x.length;
  const sums = new Float64Array(nClasses), counts = new Float64Array(nClasses);
  let total = 0;
  for (let i = 0; i < n; i++) (sums[cls[i]] += x[i], counts[cls[i]]++, (total += x[i]));
  const mean = total / n;
  const means = sums.map((s, k) => s / counts[k]);
  let between = 0, within = 0;
  for (let k = 0; k < nClasses; k++) if (counts[k]) between += counts[k] * (means[k] - mean) ** 2;
  for (let i = 0; i < n; i++) within += (x[i] - means[cls[i]]) ** 2;
  const groups = counts.filter((c) => c > 0).length;
  return (between / (groups - 1)) / (within / (n - groups));
}

/** F statistic of the univariate linear regression of `y` on `x` (centred, n - 2 degrees of freedom). */
export function fRegression(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) (mx += x[i], (my += y[i]));
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const r = sxy / Math.sqrt(sxx * syy);
  return ((r * r) / (1 - r * r)) * (n - 2);
}

/** Codes 0..m-1 for `x`: its distinct values when there are at most 20, else up to 10 equal-frequency bins. */
export function discretize(x: Float64Array): Int32Array {
  const distinct = new Set(x);
  const sorted = Float64Array.from(distinct).sort();
  if (distinct.size <= 20) {
    const code = new Map(Array.from(sorted, (v, k) => [v, k]));
    return Int32Array.from(x, (v) => code.get(v)!);
  }
  const all = Float64Array.from(x).sort();
  const cuts = Array.from({ length: 9 }, (_, k) => all[Math.floor(((k + 1) * all.length) / 10)]);
  return Int32Array.from(x, (v) => {
    let b = 0;
    while (b < cuts.length && v >= cuts[b]) b++;
    return b;
  });
}

/** Plug-in mutual information (nats) between two code arrays. */
export function mutualInfo(a: Int32Array, b: Int32Array): number {
  const n = a.length;
  const joint = new Map<number, number>(), pa = new Map<number, number>(), pb = new Map<number, number>();
  const nb = Math.max(...b) + 1;
  for (let i = 0; i < n; i++) {
    const key = a[i] * nb + b[i];
    joint.set(key, (joint.get(key) ?? 0) + 1);
    pa.set(a[i], (pa.get(a[i]) ?? 0) + 1);
    pb.set(b[i], (pb.get(b[i]) ?? 0) + 1);
  }
  let mi = 0;
  for (const [key, c] of joint) {
    const i = Math.floor(key / nb), j = key % nb;
    mi += (c / n) * Math.log((c * n) / (pa.get(i)! * pb.get(j)!));
  }
  return Math.max(0, mi);
}

/**
 * Indices of the k best scores, chosen as SelectKBest does: a stable ascending sort (NaN lowest)
 * and the last k, so among tied scores the later feature wins. Returned in feature order.
 */
export function topK(scores: readonly number[], k: number): number[] {
  const key = (s: number) => (Number.isNaN(s) ? -Infinity : s);
  const order = scores.map((_, i) => i).sort((a, b) => key(scores[a]) - key(scores[b]) || a - b);
  return order.slice(order.length - k).sort((a, b) => a - b);
}
