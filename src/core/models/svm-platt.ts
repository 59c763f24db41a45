/**
 * Platt scaling: P(y = 1 | f) = 1 / (1 + exp(A·f + B)) fitted to decision values f by maximum
 * likelihood with Platt's smoothed targets, using the Newton method with backtracking of Lin, Lin
 * & Weng (2007), the algorithm libsvm uses. Here it is fitted on the training decision values
 * (libsvm uses internal cross-validation, 5× the cost); on a regularised SVM with many more rows
 * than parameters the difference is small, and ranking metrics (ROC AUC) do not depend on it.
 */
export function fitPlatt(f: Float64Array, y: Float64Array): { A: number; B: number } {
  const n = f.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i];
  const neg = n - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = Float64Array.from(y, (v) => (v === 1 ? hi : lo));
  let A = 0;
  let B = Math.log((neg + 1) / (pos + 1));
  const objective = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = f[i] * a + b;
      s += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
    }
    return s;
  };
  let fval = objective(A, B);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < n; i++) {
      const z = f[i] * A + B;
      const [p, q] = z >= 0 ? [Math.exp(-z) / (1 + Math.exp(-z)), 1 / (1 + Math.exp(-z))] : [1 / (1 + Math.exp(z)), Math.exp(z) / (1 + Math.exp(z))];
      const d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      const d1 = t[i] - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const next = objective(A + step * dA, B + step * dB);
      if (next < fval + 1e-4 * step * gd) {
        A += step * dA;
        B += step * dB;
        fval = next;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { A, B };
}

/** Platt's probability for a decision value. */
export function plattProbability(f: number, A: number, B: number): number {
  const z = f * A + B;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}
