/**
 * Lag-polynomial helpers for (seasonal) ARIMA. Sign conventions follow statsmodels and R:
 * AR polynomial φ(B) = 1 − Σ φ_i Bⁱ, MA polynomial θ(B) = 1 + Σ θ_i Bⁱ. Arrays hold the
 * coefficients φ_1… or θ_1… (the leading 1 is implicit).
 */

/** Coefficients c_1.. of (1 ± Σ a_i Bⁱ)(1 ± Σ b_j B^{jm}) in the same sign convention. */
export function multiplySeasonal(a: ArrayLike<number>, b: ArrayLike<number>, m: number, sign: 1 | -1): Float64Array {
  // Write both as 1 + Σ u_i Bⁱ with u = sign·coef, multiply, then map back.
  const order = a.length + m * b.length;
  const u = new Float64Array(order + 1);
  u[0] = 1;
  for (let i = 0; i < a.length; i++) u[i + 1] = sign * a[i];
  const out = Float64Array.from(u);
  for (let j = 0; j < b.length; j++) {
    const bj = sign * b[j];
    for (let i = 0; i <= a.length; i++) out[i + (j + 1) * m] += bj * u[i];
  }
  return out.subarray(1).map((v) => sign * v);
}

/**
 * Maps unconstrained reals to the coefficients of a stationary AR polynomial (Jones 1980):
 * tanh gives partial autocorrelations in (−1, 1), Durbin–Levinson turns them into φ. Used for
 * MA polynomials too (with a sign flip), which keeps θ(B) invertible.
 */
export function pacfToAr(x: ArrayLike<number>): Float64Array {
  const p = x.length;
  const phi = new Float64Array(p);
  const prev = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const r = Math.tanh(x[k]);
    prev.set(phi);
    phi[k] = r;
    for (let j = 0; j < k; j++) phi[j] = prev[j] - r * prev[k - 1 - j];
  }
  return phi;
}

/** Inverse of {@link pacfToAr} (for warm starts); NaN when φ is not stationary. */
export function arToPacf(phi: ArrayLike<number>): Float64Array {
  const p = phi.length;
  const out = new Float64Array(p);
  let cur = Float64Array.from(phi);
  for (let k = p - 1; k >= 0; k--) {
    const r = cur[k];
    if (!(Math.abs(r) < 1)) return out.fill(NaN);
    out[k] = Math.atanh(r);
    const next = new Float64Array(k);
    for (let j = 0; j < k; j++) next[j] = (cur[j] + r * cur[k - 1 - j]) / (1 - r * r);
    cur = next;
  }
  return out;
}

/** The differencing polynomial (1−B)^d (1−B^m)^D as AR-convention coefficients δ: y_t − Σ δ_k y_{t−k}. */
export function differencingPoly(d: number, D: number, m: number): Float64Array {
  let poly: Float64Array = new Float64Array(0);
  for (let i = 0; i < d; i++) poly = multiplySeasonal(poly, [1], 1, -1);
  for (let i = 0; i < D; i++) poly = multiplySeasonal(poly, [1], m, -1);
  return poly;
}

/** Applies the differencing δ to y: w_t = y_t − Σ δ_k y_{t−k}, for t ≥ len(δ). */
export function difference(y: ArrayLike<number>, delta: ArrayLike<number>): Float64Array {
  const k = delta.length;
  const w = new Float64Array(Math.max(0, y.length - k));
  for (let t = k; t < y.length; t++) {
    let v = y[t];
    for (let i = 0; i < k; i++) v -= delta[i] * y[t - 1 - i];
    w[t - k] = v;
  }
  return w;
}

/** ψ-weights ψ_0..ψ_{h−1} of the MA(∞) form of the AR poly `ar` (φ convention) and MA poly `ma`. */
export function psiWeights(ar: ArrayLike<number>, ma: ArrayLike<number>, h: number): Float64Array {
  const psi = new Float64Array(h);
  psi[0] = 1;
  for (let j = 1; j < h; j++) {
    let s = j <= ma.length ? ma[j - 1] : 0;
    for (let i = 1; i <= Math.min(j, ar.length); i++) s += ar[i - 1] * psi[j - i];
    psi[j] = s;
  }
  return psi;
}
