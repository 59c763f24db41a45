/**
 * Special functions the customer models need: log-gamma and the Gauss hypergeometric 2F1.
 * Written here (not taken from a library) so the core stays dependency-free.
 */

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
// Below this the Stirling series is not accurate enough, so the argument is shifted up first.
const STIRLING_FROM = 15;

/**
 * ln Γ(x) for x > 0, to about 1e-14 relative. Small arguments are shifted up with
 * Γ(x) = Γ(x + k) / (x (x+1) ... (x+k-1)), then the Stirling series is used (terms to x^-11).
 * Returns NaN for x <= 0 or NaN, which the likelihoods read as "outside the parameter space".
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  let shift = 0;
  let product = 1;
  while (x < STIRLING_FROM) {
    product *= x;
    x += 1;
    // Keep the product far from overflow or underflow (x can be 1e-300).
    if (product > 1e280 || product < 1e-280) {
      shift += Math.log(product);
      product = 1;
    }
  }
  shift += Math.log(product);
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188 - inv2 * (691 / 360360))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 and c > 0, by its power series
 * Σ (a)_k (b)_k / ((c)_k k!) z^k, summed until a term no longer changes the sum. Callers with
 * large a or b should first apply Euler's transformation (see bgnbd.ts) so the terms stay tame.
 * Throws when the series has not converged after `maxTerms` terms (z too close to 1).
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 200_000): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got ${z}`);
  if (!(c > 0)) throw new RangeError(`hyp2f1: c must be positive, got ${c}`);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < maxTerms; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    sum += term;
    // Stop once terms are negligible and shrinking (the ratio tends to z < 1, so they keep shrinking).
    if (term === 0 || (Math.abs(term) <= 1e-17 * Math.abs(sum) && Math.abs(ratio) < 1)) return sum;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}
