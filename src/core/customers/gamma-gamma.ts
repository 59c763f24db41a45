/**
 * The Gamma-Gamma model of spend per transaction (Fader & Hardie, "The Gamma-Gamma model of
 * monetary value", 2013, note 025): a customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers. Fitted on customers with at least one repeat purchase, from
 * x (repeat purchases) and m̄ (their mean value). Parameter γ is called `v` as in lifetimes.
 */
import { logGamma } from "./special";
import { nelderMead, type NelderMeadOptions } from "./nelder-mead";

/** Fitted Gamma-Gamma parameters. */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly v: number;
}

/** A fit: parameters, −log-likelihood and how the optimiser ended. */
export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  readonly negLogLik: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Log-likelihood over customers with x > 0 and m̄ > 0 (others must be filtered out first). */
export function gammaGammaLogLik(params: GammaGammaParams, x: Float64Array, m: Float64Array): number {
  const { p, q, v } = params;
  let sum = 0;
  const common = -logGamma(q) + q * Math.log(v);
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    sum +=
      common + logGamma(px + q) - logGamma(px) + (px - 1) * Math.log(m[i]) + px * Math.log(x[i]) - (px + q) * Math.log(v + x[i] * m[i]);
  }
  return sum;
}

/** Maximum-likelihood fit by Nelder-Mead on log-parameters from p = q = v = 1. */
export function fitGammaGamma(
  x: Float64Array,
  m: Float64Array,
  options: Pick<NelderMeadOptions, "onIteration" | "maxIterations"> = {},
): GammaGammaFit {
  const from = (w: Float64Array): GammaGammaParams => ({ p: Math.exp(w[0]), q: Math.exp(w[1]), v: Math.exp(w[2]) });
  const r = nelderMead((w) => -gammaGammaLogLik(from(w), x, m), [0, 0, 0], { restarts: 3, ...options });
  return { params: from(r.x), negLogLik: r.value, iterations: r.iterations, converged: r.converged };
}

/**
 * E[M | x, m̄] = (p (γ + x m̄)) / (p x + q − 1): a weighted mean of the population mean
 * pγ/(q−1) and the customer's own m̄. With x = 0 it is the population mean. Needs q > 1.
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  return (p * (v + x * (x > 0 ? m : 0))) / (p * x + q - 1);
}
