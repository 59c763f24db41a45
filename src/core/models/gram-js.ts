/**
 * The O(n·p²) products of the linear models in float64 JavaScript, for the backends where they
 * beat TF.js (wasm and cpu: see docs/models.md, "Linear and logistic regression: where the time
 * goes"). Rows are taken a block at a time into a small column-major buffer that stays in the L1
 * cache; the callers fill it (centred columns, a target column, √w-scaled rows) and `blockGram`
 * adds the block's products in 4×4 register tiles, so each pass reads the n×p matrix once.
 *
 * Every loop over rows lives in a small function called once per block rather than in one long
 * loop: a page runs this code cold, and in Chromium a long loop first runs as on-stack-replaced
 * code that was about three times slower than the same loop in a function the engine has
 * optimised after a few calls (measured on the 1M-row hash, which works the same way).
 */

/** Rows per block: 128 rows × 21 columns of float64 is 21 KiB, inside a 32 KiB L1 cache. */
export const GRAM_BLOCK = 128;

/** Column means of a row-major n×p matrix, each summed in row order. */
export function columnMeans(x: Float64Array, n: number, p: number): Float64Array {
  const sums = new Float64Array(p);
  for (let start = 0; start < n; start += GRAM_BLOCK) addRowSums(x, p, start, Math.min(n, start + GRAM_BLOCK), sums);
  for (let j = 0; j < p; j++) sums[j] = n ? sums[j] / n : 0;
  return sums;
}

function addRowSums(x: Float64Array, p: number, from: number, to: number, sums: Float64Array): void {
  for (let o = from * p; o < to * p; o += p) for (let j = 0; j < p; j++) sums[j] += x[o + j];
}

/**
 * Adds the products of one block to `gram` (width×width, row-major): gram[j][k] += Σᵢ t[j][i]·t[k][i]
 * over the block's m rows, for the entries on or above the diagonal (`symmetricFromUpper` copies
 * them below). `t` is column-major with column j at t[j·stride … j·stride + m).
 */
export function blockGram(t: Float64Array, stride: number, m: number, width: number, gram: Float64Array): void {
  for (let J = 0; J < width; J += 4) {
    for (let K = J; K < width; K += 4) {
      if (J + 4 <= width && K + 4 <= width) {
        if (J === K) diagonalTile4(t, stride, m, J, width, gram);
        else tile4(t, stride, m, J, K, width, gram);
      }
      else edgeTile(t, stride, m, J, Math.min(J + 4, width), K, Math.min(K + 4, width), width, gram);
    }
  }
}

/** Sixteen sums in local variables: eight loads per sixteen multiply-adds, no stores in the loop. */
function tile4(t: Float64Array, stride: number, m: number, J: number, K: number, width: number, gram: Float64Array): void {
  const a0 = J * stride, a1 = a0 + stride, a2 = a1 + stride, a3 = a2 + stride;
  const b0 = K * stride, b1 = b0 + stride, b2 = b1 + stride, b3 = b2 + stride;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let i = 0; i < m; i++) {
    const z0 = t[b0 + i], z1 = t[b1 + i], z2 = t[b2 + i], z3 = t[b3 + i];
    let v = t[a0 + i];
    s00 += v * z0; s01 += v * z1; s02 += v * z2; s03 += v * z3;
    v = t[a1 + i];
    s10 += v * z0; s11 += v * z1; s12 += v * z2; s13 += v * z3;
    v = t[a2 + i];
    s20 += v * z0; s21 += v * z1; s22 += v * z2; s23 += v * z3;
    v = t[a3 + i];
    s30 += v * z0; s31 += v * z1; s32 += v * z2; s33 += v * z3;
  }
  let g = J * width + K;
  gram[g] += s00; gram[g + 1] += s01; gram[g + 2] += s02; gram[g + 3] += s03;
  g += width;
  gram[g] += s10; gram[g + 1] += s11; gram[g + 2] += s12; gram[g + 3] += s13;
  g += width;
  gram[g] += s20; gram[g + 1] += s21; gram[g + 2] += s22; gram[g + 3] += s23;
  g += width;
  gram[g] += s30; gram[g + 1] += s31; gram[g + 2] += s32; gram[g + 3] += s33;
}

/** A tile on the diagonal: its ten entries on or above the diagonal only, from four loads a row. */
function diagonalTile4(t: Float64Array, stride: number, m: number, J: number, width: number, gram: Float64Array): void {
  const a0 = J * stride, a1 = a0 + stride, a2 = a1 + stride, a3 = a2 + stride;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s11 = 0, s12 = 0, s13 = 0, s22 = 0, s23 = 0, s33 = 0;
  for (let i = 0; i < m; i++) {
    const v0 = t[a0 + i], v1 = t[a1 + i], v2 = t[a2 + i], v3 = t[a3 + i];
    s00 += v0 * v0; s01 += v0 * v1; s02 += v0 * v2; s03 += v0 * v3;
    s11 += v1 * v1; s12 += v1 * v2; s13 += v1 * v3;
    s22 += v2 * v2; s23 += v2 * v3;
    s33 += v3 * v3;
  }
  let g = J * width + J;
  gram[g] += s00; gram[g + 1] += s01; gram[g + 2] += s02; gram[g + 3] += s03;
  g += width;
  gram[g + 1] += s11; gram[g + 2] += s12; gram[g + 3] += s13;
  g += width;
  gram[g + 2] += s22; gram[g + 3] += s23;
  g += width;
  gram[g + 3] += s33;
}

/**
 * A tile cut by the matrix edge (width not a multiple of 4, e.g. 20 features and the target or
 * the intercept): four rows against one column at a time where it can, so four independent sums
 * run side by side instead of one sum waiting on its own additions.
 */
function edgeTile(
  t: Float64Array, stride: number, m: number, j0: number, j1: number, k0: number, k1: number, width: number, gram: Float64Array,
): void {
  for (let k = k0; k < k1; k++) {
    const b = k * stride;
    if (j1 - j0 === 4 && k >= j1) {
      const a0 = j0 * stride, a1 = a0 + stride, a2 = a1 + stride, a3 = a2 + stride;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let i = 0; i < m; i++) {
        const z = t[b + i];
        s0 += t[a0 + i] * z; s1 += t[a1 + i] * z; s2 += t[a2 + i] * z; s3 += t[a3 + i] * z;
      }
      gram[j0 * width + k] += s0;
      gram[(j0 + 1) * width + k] += s1;
      gram[(j0 + 2) * width + k] += s2;
      gram[(j0 + 3) * width + k] += s3;
      continue;
    }
    for (let j = j0; j < Math.min(j1, k + 1); j++) {
      const a = j * stride;
      let s0 = 0, s1 = 0;
      let i = 0;
      for (; i + 1 < m; i += 2) {
        s0 += t[a + i] * t[b + i];
        s1 += t[a + i + 1] * t[b + i + 1];
      }
      if (i < m) s0 += t[a + i] * t[b + i];
      gram[j * width + k] += s0 + s1;
    }
  }
}

/** Copies the upper triangle over the lower one, so the result is exactly symmetric. */
export function symmetricFromUpper(gram: Float64Array, width: number): Float64Array {
  for (let j = 0; j < width; j++) for (let k = j + 1; k < width; k++) gram[k * width + j] = gram[j * width + k];
  return gram;
}

/**
 * [X − 1mᵀ | extra − c]ᵀ[X − 1mᵀ | extra − c] in one pass over the rows, float64: the centred Gram
 * matrix with, when `extra` is given, the products with the centred extra column (e.g. the target)
 * in its last row and column. Returns (p + 1)×(p + 1) (or p×p), row-major and symmetric.
 */
export function centredGram(
  x: Float64Array, n: number, p: number, means: Float64Array, extra?: { readonly values: Float64Array; readonly centre: number },
): Float64Array {
  const width = extra ? p + 1 : p;
  const B = GRAM_BLOCK;
  const t = new Float64Array(width * B);
  const gram = new Float64Array(width * width);
  for (let start = 0; start < n; start += B) {
    const m = Math.min(B, n - start);
    centredBlock(x, p, means, start, m, t, B);
    if (extra) {
      const v = extra.values;
      const c = extra.centre;
      for (let i = 0; i < m; i++) t[p * B + i] = v[start + i] - c;
    }
    blockGram(t, B, m, width, gram);
  }
  return symmetricFromUpper(gram, width);
}

/** Rows start … start + m of x, centred, into the column-major block t (column j at t[j·stride]). */
export function centredBlock(x: Float64Array, p: number, means: Float64Array, start: number, m: number, t: Float64Array, stride: number): void {
  for (let i = 0, o = start * p; i < m; i++, o += p) {
    for (let j = 0; j < p; j++) t[j * stride + i] = x[o + j] - means[j];
  }
}

/**
 * As centredBlock, and out[i] = offset + Σⱼ (xᵢⱼ − mⱼ)·coef[j] for each row of the block, formed
 * while the row is read (the linear predictor of a fit on the centred columns).
 */
export function centredBlockDot(
  x: Float64Array, p: number, means: Float64Array, start: number, m: number, t: Float64Array, stride: number,
  coef: Float64Array, offset: number, out: Float64Array,
): void {
  for (let i = 0, o = start * p; i < m; i++, o += p) {
    let e = offset;
    for (let j = 0; j < p; j++) {
      const v = x[o + j] - means[j];
      t[j * stride + i] = v;
      e += v * coef[j];
    }
    out[i] = e;
  }
}
