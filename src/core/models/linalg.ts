/**
 * Small dense linear algebra in float64 for the p×p systems the models solve (p = number of
 * features, so these are tiny next to the n×p work done by TF.js). Matrices are row-major
 * Float64Array of size p*p.
 */

/** A Cholesky factor, plus the ridge that had to be added to the diagonal to obtain it. */
export interface CholeskyFactor {
  readonly p: number;
  /** Lower-triangular L (row-major), with A + ridge·mean(diag A)·I = L Lᵀ. */
  readonly lower: Float64Array;
  /** Relative ridge added (0 when A was factorised as given). */
  readonly ridge: number;
}

/**
 * A pivot below this fraction of its diagonal entry counts as singular. The Gram matrices are
 * accumulated in float32 (relative rounding ~1e-7), so anything closer to singular than this is
 * rounding noise, not information: such a column is (numerically) a combination of the others.
 */
const PIVOT_TOLERANCE = 1e-6;

function tryCholesky(a: Float64Array, p: number, shift: number): Float64Array | undefined {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const ajj = a[j * p + j] + shift;
    let d = ajj;
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    if (!(d > PIVOT_TOLERANCE * Math.abs(ajj)) || !(d > 0)) return undefined;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

/**
 * Cholesky factorisation of a symmetric positive (semi)definite matrix. When a pivot is
 * (numerically) zero — collinear or constant features — a growing ridge is added to the diagonal
 * (1e-10, 1e-9, … 1e-2 times the mean diagonal entry) and the ridge used is reported, so the
 * caller can warn instead of failing. Throws only when even the largest ridge fails (NaN input).
 */
export function cholesky(a: Float64Array, p: number): CholeskyFactor {
  if (a.length !== p * p) throw new Error(`cholesky: expected ${p}×${p} matrix`);
  const plain = tryCholesky(a, p, 0);
  if (plain) return { p, lower: plain, ridge: 0 };
  let meanDiag = 0;
  for (let j = 0; j < p; j++) meanDiag += a[j * p + j] / p;
  for (let ridge = 1e-10; ridge <= 1.01e-2; ridge *= 10) {
    const l = tryCholesky(a, p, ridge * (meanDiag > 0 ? meanDiag : 1));
    if (l) return { p, lower: l, ridge };
  }
  throw new Error("cholesky: matrix is not positive definite (does the data contain NaN or Infinity?)");
}

/** Solves (L Lᵀ) x = b by forward and back substitution. */
export function choleskySolve(f: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  const { p, lower: l } = f;
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * z[k];
    z[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** The inverse (L Lᵀ)⁻¹, column by column; p is small, so the O(p³) cost is nothing. */
export function choleskyInverse(f: CholeskyFactor): Float64Array {
  const { p } = f;
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(f, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  return inv;
}
