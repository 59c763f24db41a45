/**
 * Ordinary least squares in float64 by Householder QR. QR rather than the normal equations
 * because X'X squares the condition number: a trend column next to an intercept is already
 * ill-conditioned enough to lose digits we compare against statsmodels at 1e-6.
 */
export interface OlsFit {
  /** Coefficients, one per column of X. */
  readonly beta: Float64Array;
  /** (X'X)^-1, p×p row-major: the coefficient covariance is sigma2 times this. */
  readonly xtxInv: Float64Array;
  /** Residual variance RSS / (n − p). NaN when n = p. */
  readonly sigma2: number;
  /** Residual degrees of freedom n − p. */
  readonly df: number;
  readonly n: number;
  readonly p: number;
}

/** Thrown when the design matrix has (numerically) dependent columns. */
export class RankDeficientError extends Error {
  override readonly name = "RankDeficientError";
}

/**
 * Fits y ≈ X·beta. `x` is n×p row-major. Requires n ≥ p and full column rank.
 */
export function ols(x: Float64Array, y: Float64Array, n: number, p: number): OlsFit {
  if (n < p) throw new RankDeficientError(`Need at least ${p} observations, got ${n}`);
  // Work on column-major copies: Householder reflections sweep columns.
  const a = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) a[j * n + i] = x[i * p + j];
  const qty = Float64Array.from(y);
  const v = new Float64Array(n);
  let maxDiag = 0;
  for (let k = 0; k < p; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm += a[k * n + i] ** 2;
    norm = Math.sqrt(norm);
    const alpha = a[k * n + k] > 0 ? -norm : norm;
    for (let i = k; i < n; i++) v[i] = a[k * n + i];
    v[k] -= alpha;
    let vnorm2 = 0;
    for (let i = k; i < n; i++) vnorm2 += v[i] ** 2;
    if (vnorm2 > 0) {
      for (let j = k; j < p; j++) reflect(a, j * n, v, k, n, vnorm2);
      reflect(qty, 0, v, k, n, vnorm2);
    }
    maxDiag = Math.max(maxDiag, Math.abs(a[k * n + k]));
  }
  for (let k = 0; k < p; k++) {
    if (Math.abs(a[k * n + k]) <= 1e-10 * maxDiag) {
      throw new RankDeficientError(`Design matrix column ${k} is a combination of the others`);
    }
  }
  // R is upper-triangular in a[j*n + i], i ≤ j.
  const r = (i: number, j: number) => a[j * n + i];
  const beta = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = qty[i];
    for (let j = i + 1; j < p; j++) s -= r(i, j) * beta[j];
    beta[i] = s / r(i, i);
  }
  // R^-1 by back substitution, then (X'X)^-1 = R^-1 R^-T.
  const rInv = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    for (let i = c; i >= 0; i--) {
      let s = i === c ? 1 : 0;
      for (let j = i + 1; j <= c; j++) s -= r(i, j) * rInv[j * p + c];
      rInv[i * p + c] = s / r(i, i);
    }
  }
  const xtxInv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < p; k++) s += rInv[i * p + k] * rInv[j * p + k];
      xtxInv[i * p + j] = s;
    }
  }
  // The tail of Q'y holds the residuals in the orthogonal complement, so RSS is its square norm;
  // this avoids forming y − Xβ, which cancels badly when the fit is close.
  let rss = 0;
  for (let i = p; i < n; i++) rss += qty[i] ** 2;
  const df = n - p;
  return { beta, xtxInv, sigma2: df > 0 ? rss / df : NaN, df, n, p };
}

/** x0'·beta for one row of regressors. */
export function predictRow(fit: OlsFit, x0: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < fit.p; j++) s += x0[j] * fit.beta[j];
  return s;
}

/** Standard error of a new observation at x0: sqrt(sigma2 · (1 + x0' (X'X)^-1 x0)). */
export function predictionSe(fit: OlsFit, x0: ArrayLike<number>): number {
  let q = 0;
  for (let i = 0; i < fit.p; i++) {
    let s = 0;
    for (let j = 0; j < fit.p; j++) s += fit.xtxInv[i * fit.p + j] * x0[j];
    q += x0[i] * s;
  }
  return Math.sqrt(fit.sigma2 * (1 + q));
}

function reflect(col: Float64Array, off: number, v: Float64Array, k: number, n: number, vnorm2: number): void {
  let dot = 0;
  for (let i = k; i < n; i++) dot += v[i] * col[off + i];
  const f = (2 * dot) / vnorm2;
  for (let i = k; i < n; i++) col[off + i] -= f * v[i];
}
