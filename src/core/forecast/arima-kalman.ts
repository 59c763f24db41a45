import { armaStateCovariance } from "./arma-covariance";

/**
 * Exact Gaussian likelihood of a zero-mean ARMA(p, q) series by the Kalman filter on Harvey's
 * state-space form: state dimension r = max(p, q+1), T the companion matrix of φ, R = (1, θ_1…).
 * The state starts from its stationary covariance (so the likelihood is exact, not conditional);
 * σ² is concentrated out. T is a companion matrix, so T·P·T' costs O(r²), not O(r³), and once
 * the gain settles (|ΔF| tiny) the covariance recursion is skipped: this is what makes seasonal
 * models with r ≈ 14–40 affordable inside an optimiser.
 */
export interface ArmaFilterResult {
  /** Concentrated log-likelihood; −Infinity when the filter broke down. */
  readonly loglik: number;
  /** ML σ² = Σ v²/F / n. */
  readonly sigma2: number;
  /** Filtered state after the last observation (a_{n|n} propagated one step: the prediction of n+1). */
  readonly state: Float64Array;
  /** Standardised one-step residuals v_t/√F_t (times σ gives the innovations). */
  readonly residuals: Float64Array;
}

/** Stationary covariance P of α_{t+1} = Tα_t + Rε (σ² = 1), by the doubling algorithm. */
export function stationaryCovariance(phi: Float64Array, theta: Float64Array, r: number): Float64Array {
  const R = new Float64Array(r);
  R[0] = 1;
  for (let i = 0; i < Math.min(theta.length, r - 1); i++) R[i + 1] = theta[i];
  let A: Float64Array = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    if (i < phi.length) A[i * r] = phi[i];
    if (i + 1 < r) A[i * r + i + 1] = 1;
  }
  let P = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j] = R[i] * R[j];
  // P_{k+1} = P_k + A_k P_k A_k',  A_{k+1} = A_k²: after k steps P sums 2^k terms of T^j Q T^j'.
  for (let iter = 0; iter < 60; iter++) {
    const AP = matMul(A, P, r, false);
    const APA = matMul(AP, A, r, true);
    let change = 0;
    let size = 0;
    for (let i = 0; i < r * r; i++) {
      change = Math.max(change, Math.abs(APA[i]));
      size = Math.max(size, Math.abs(P[i]));
      P[i] += APA[i];
    }
    if (change <= 1e-14 * size) break;
    A = matMul(A, A, r, false);
  }
  return P;
}

/** Runs the filter over w (zero mean). */
export function armaFilter(w: ArrayLike<number>, phi: Float64Array, theta: Float64Array): ArmaFilterResult {
  const p = phi.length;
  const r = Math.max(p, theta.length + 1);
  const n = w.length;
  const R = new Float64Array(r);
  R[0] = 1;
  for (let i = 0; i < theta.length; i++) R[i + 1] = theta[i];
  const P = armaStateCovariance(phi, theta, r);
  const a = new Float64Array(r);
  const pc = new Float64Array(r);
  const tmp = new Float64Array(r * r);
  const residuals = new Float64Array(n);
  let sumLogF = 0;
  let sumV2F = 0;
  let lastF = NaN;
  let steady = false;
  const gain = new Float64Array(r);
  let fSteady = 1;
  for (let t = 0; t < n; t++) {
    const v = w[t] - a[0];
    const F = steady ? fSteady : P[0];
    if (!(F > 0) || !Number.isFinite(v)) return { loglik: -Infinity, sigma2: NaN, state: a, residuals };
    sumLogF += Math.log(F);
    sumV2F += (v * v) / F;
    residuals[t] = v / Math.sqrt(F);
    if (!steady) {
      for (let i = 0; i < r; i++) pc[i] = P[i * r];
      for (let i = 0; i < r; i++) gain[i] = pc[i] / F;
      // P ← P − P[:,0]P[0,:]/F, then P ← T P T' + R R'.
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j] -= (pc[i] * pc[j]) / F;
      companionSandwich(P, phi, r, tmp);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j] += R[i] * R[j];
      if (Math.abs(F - lastF) <= 1e-11 * F) {
        steady = true;
        fSteady = P[0];
      }
      lastF = F;
    }
    // a ← T (a + gain·v)
    for (let i = 0; i < r; i++) a[i] += gain[i] * v;
    const a0 = a[0];
    for (let i = 0; i < r - 1; i++) a[i] = (i < p ? phi[i] * a0 : 0) + a[i + 1];
    a[r - 1] = r - 1 < p ? phi[r - 1] * a0 : 0;
  }
  const sigma2 = sumV2F / n;
  const loglik = -0.5 * n * (Math.log(2 * Math.PI * sigma2) + 1) - 0.5 * sumLogF;
  return { loglik, sigma2, state: a, residuals };
}

/** P ← T P T' for the companion T with first column φ and ones on the superdiagonal. */
function companionSandwich(P: Float64Array, phi: Float64Array, r: number, tmp: Float64Array): void {
  const p = phi.length;
  // tmp = T P: row i = φ_i·P[0,:] + P[i+1,:]
  for (let i = 0; i < r; i++) {
    const f = i < p ? phi[i] : 0;
    for (let j = 0; j < r; j++) tmp[i * r + j] = f * P[j] + (i + 1 < r ? P[(i + 1) * r + j] : 0);
  }
  // P = tmp T': column j = φ_j·tmp[:,0] + tmp[:,j+1]
  for (let i = 0; i < r; i++) {
    const t0 = tmp[i * r];
    for (let j = 0; j < r; j++) P[i * r + j] = (j < p ? phi[j] * t0 : 0) + (j + 1 < r ? tmp[i * r + j + 1] : 0);
  }
}

function matMul(a: Float64Array, b: Float64Array, r: number, transposeB: boolean): Float64Array {
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += a[i * r + k] * (transposeB ? b[j * r + k] : b[k * r + j]);
      out[i * r + j] = s;
    }
  }
  return out;
}
