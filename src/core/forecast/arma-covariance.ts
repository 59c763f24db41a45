import { psiWeights } from "./arima-poly";

/**
 * Stationary covariance (σ² = 1) of Harvey's ARMA state, from the process's autocovariances.
 * State element i is α_t[i] = Σ_{j≥i} φ_{j+1} y_{t−1−j+i} + Σ_{j≥i} θ_j ε_{t−j+i} (θ_0 = 1), so
 * each entry is a double sum over the non-zero coefficients of γ(·) (autocovariances of y),
 * ψ (E[y_s ε_u] = ψ_{s−u}) and δ terms. Seasonal polynomials are sparse (a few non-zero
 * coefficients spread over r ≈ 13–40 lags), which makes this far cheaper than the O(r³ log)
 * doubling of T P T' — it runs once per likelihood evaluation.
 */
export function armaStateCovariance(phi: Float64Array, theta: Float64Array, r: number): Float64Array {
  const th = new Float64Array(r);
  th[0] = 1;
  for (let i = 0; i < Math.min(theta.length, r - 1); i++) th[i + 1] = theta[i];
  const ph = new Float64Array(r + 1); // ph[j+1] = φ_{j+1}
  for (let i = 0; i < Math.min(phi.length, r); i++) ph[i + 1] = phi[i];
  const psi = psiWeights(phi, theta, 2 * r + 2);
  const gamma = autocovariances(phi, theta, psi, r + 1);
  const nzPhi: number[] = [];
  const nzTh: number[] = [];
  for (let j = 0; j < r; j++) {
    if (ph[j + 1] !== 0) nzPhi.push(j);
    if (th[j] !== 0) nzTh.push(j);
  }
  const g = (h: number) => gamma[Math.abs(h)];
  const P = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let k = i; k < r; k++) {
      let s = 0;
      for (const j of nzPhi) {
        if (j < i) continue;
        for (const l of nzPhi) if (l >= k) s += ph[j + 1] * ph[l + 1] * g(l - k - (j - i));
        // A_i with B_k: E[y_{t−1−j+i} ε_{t−l+k}] = ψ_{l−k−1−j+i} when ≥ 0.
        for (const l of nzTh) if (l >= k && l - k - 1 - j + i >= 0) s += ph[j + 1] * th[l] * psi[l - k - 1 - j + i];
      }
      for (const l of nzPhi) {
        if (l < k) continue;
        for (const j of nzTh) if (j >= i && j - i - 1 - l + k >= 0) s += ph[l + 1] * th[j] * psi[j - i - 1 - l + k];
      }
      for (const j of nzTh) {
        const l = j - i + k;
        if (j >= i && l < r) s += th[j] * th[l];
      }
      P[i * r + k] = P[k * r + i] = s;
    }
  }
  return P;
}

/**
 * γ(0..maxLag) of a causal ARMA with σ² = 1: solve the first p+1 Yule–Walker-type equations
 * γ(k) − Σ φ_i γ(|k−i|) = Σ_{j≥k} θ_j ψ_{j−k}, then recurse.
 */
export function autocovariances(phi: Float64Array, theta: Float64Array, psi: Float64Array, maxLag: number): Float64Array {
  const p = phi.length;
  const q = theta.length;
  const rhs = (k: number) => {
    let s = k === 0 ? 1 : 0; // θ_0 ψ_0 term when k = 0
    for (let j = Math.max(k, 1); j <= q; j++) s += theta[j - 1] * psi[j - k];
    return s;
  };
  const out = new Float64Array(Math.max(maxLag, p) + 1);
  if (p > 0) {
    const a = new Float64Array((p + 1) * (p + 1));
    const b = new Float64Array(p + 1);
    for (let k = 0; k <= p; k++) {
      a[k * (p + 1) + k] += 1;
      for (let i = 1; i <= p; i++) a[k * (p + 1) + Math.abs(k - i)] -= phi[i - 1];
      b[k] = rhs(k);
    }
    out.set(solve(a, b, p + 1));
  } else out[0] = rhs(0);
  for (let k = p + 1; k < out.length; k++) {
    let s = rhs(k);
    for (let i = 1; i <= p; i++) s += phi[i - 1] * out[k - i];
    out[k] = s;
  }
  return out;
}

function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  // Gaussian elimination with partial pivoting; n ≤ ~40.
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[piv * n + c])) piv = r;
    if (piv !== c) {
      for (let j = 0; j < n; j++) [a[c * n + j], a[piv * n + j]] = [a[piv * n + j], a[c * n + j]];
      [b[c], b[piv]] = [b[piv], b[c]];
    }
    const d = a[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / d;
      if (f === 0) continue;
      for (let j = c; j < n; j++) a[r * n + j] -= f * a[c * n + j];
      b[r] -= f * b[c];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let j = r + 1; j < n; j++) s -= a[r * n + j] * x[j];
    x[r] = s / a[r * n + r];
  }
  return x;
}
