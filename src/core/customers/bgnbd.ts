/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way"): while alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after
 * each purchase they drop out with probability p ~ Beta(a, b). Each customer is summarised by
 * x (repeat purchases), t_x (time of the last one since the first purchase) and T (time from the
 * first purchase to the end of the period), all in one time unit.
 */
import { logGamma, hyp2f1 } from "./special";
import { nelderMead, type NelderMeadOptions } from "./nelder-mead";

/** Fitted BG/NBD parameters. */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Per-customer repeat-purchase summary (x, t_x, T), equal lengths. */
export interface RepeatSummary {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
}

/** A fit: parameters, −log-likelihood and how the optimiser ended. */
export interface BgNbdFit {
  readonly params: BgNbdParams;
  readonly negLogLik: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Log-likelihood of one customer (equation 6 of the paper, in the log-sum-exp form). */
export function bgnbdCustomerLogLik(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const hi = Math.max(a3, a4);
  return a1 + a2 + hi + Math.log(Math.exp(a3 - hi) + Math.exp(a4 - hi));
}

/**
 * Total log-likelihood of all customers. The log-gamma terms depend on x only, and real data has
 * few distinct x values, so they are computed once per distinct x (the fit evaluates this often).
 */
export function bgnbdLogLik(p: BgNbdParams, data: RepeatSummary): number {
  return bgnbdObjective(data)(p);
}

function bgnbdObjective(data: RepeatSummary): (p: BgNbdParams) => number {
  const distinct = [...new Set(data.x)];
  const slot = new Map(distinct.map((x, i) => [x, i]));
  const which = Int32Array.from(data.x, (x) => slot.get(x)!);
  const perX = new Float64Array(distinct.length);
  return ({ r, alpha, a, b }) => {
    const shared = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
    for (let k = 0; k < distinct.length; k++) {
      const x = distinct[k];
      perX[k] = shared + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    }
    const logA = Math.log(a);
    let sum = 0;
    for (let i = 0; i < which.length; i++) {
      const x = data.x[i];
      const a3 = -(r + x) * Math.log(alpha + data.T[i]);
      let tail = a3;
      if (x > 0) {
        const a4 = logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + data.tx[i]);
        const hi = Math.max(a3, a4);
        tail = hi + Math.log(Math.exp(a3 - hi) + Math.exp(a4 - hi));
      }
      sum += perX[which[i]] + tail;
    }
    return sum;
  };
}

const fromLog = (v: Float64Array): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });

/**
 * Maximum-likelihood fit by Nelder-Mead on the log-parameters (so all four stay positive),
 * starting from r = α = a = b = 1 as lifetimes does. `onIteration` may throw to cancel.
 */
export function fitBgNbd(data: RepeatSummary, options: Pick<NelderMeadOptions, "onIteration" | "maxIterations"> = {}): BgNbdFit {
  const ll = bgnbdObjective(data);
  const m = nelderMead((v) => -ll(fromLog(v)), [0, 0, 0, 0], { restarts: 3, ...options });
  return { params: fromLog(m.x), negLogLik: m.value, iterations: m.iterations, converged: m.converged };
}

/** P(alive at T | x, t_x, T) (equation 11 of the paper). */
export function bgnbdProbAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (p.a / (p.b + x - 1)) * Math.exp((p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx))));
}

/**
 * Expected purchases in (T, T + t] given (x, t_x, T) (equation 10 of the paper). The factor
 * ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z) is rewritten with Euler's transformation
 * 2F1(A, B; C; z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z) as (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z),
 * whose series does not blow up for customers with many purchases.
 */
export function bgnbdExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const tail = Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  const top = ((a + b + x - 1) / (a - 1)) * (1 - tail);
  return top * bgnbdProbAlive(p, x, tx, T);
}
