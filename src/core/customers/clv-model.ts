/**
 * The model-based CLV pipeline: fit BG/NBD and Gamma-Gamma on a purchase summary, then predict
 * per customer. Kept apart from the cell so the numerics can be tested without a table.
 */
import { bgnbdExpectedPurchases, bgnbdProbAlive, fitBgNbd, type BgNbdFit } from "./bgnbd";
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaFit } from "./gamma-gamma";
import { modelClv } from "./clv";
import type { PurchaseSummary } from "./purchases";

/** Hooks into the optimiser loop: `iteration` may throw to cancel. */
export interface FitHooks {
  readonly iteration?: (phase: "bgnbd" | "gamma-gamma", iteration: number) => void;
}

/** Both fits, plus how many customers the Gamma-Gamma fit used. */
export interface ClvFits {
  readonly bgnbd: BgNbdFit;
  readonly gammaGamma: GammaGammaFit;
  readonly spendCustomers: number;
  /** Pearson correlation of x and m̄ among repeat buyers; Gamma-Gamma assumes it is near 0. */
  readonly frequencySpendCorrelation: number;
}

/** Fits both models; throws with a plain message when the data cannot support them. */
export function fitClvModels(s: PurchaseSummary, hooks: FitHooks = {}): ClvFits {
  const n = s.x.length;
  if (n < 2) throw new Error(`BG/NBD needs the purchase histories of many customers; found ${n}. Use method "simple" instead`);
  const repeat: number[] = [];
  for (let i = 0; i < n; i++) if (s.x[i] > 0 && s.meanRepeatValue[i] > 0) repeat.push(i);
  if (repeat.length === 0) {
    throw new Error(`No customer made a repeat purchase in the fitting period (${n} customers, each bought on one day only): BG/NBD and Gamma-Gamma need repeat purchases. Use method "simple", or a longer period`);
  }
  if (repeat.length < 2) throw new Error(`Only one customer made a repeat purchase; Gamma-Gamma needs several. Use method "simple"`);
  const bgnbd = fitBgNbd(s, { onIteration: (i) => hooks.iteration?.("bgnbd", i) });
  const x = Float64Array.from(repeat, (i) => s.x[i]);
  const m = Float64Array.from(repeat, (i) => s.meanRepeatValue[i]);
  const gammaGamma = fitGammaGamma(x, m, { onIteration: (i) => hooks.iteration?.("gamma-gamma", i) });
  if (!(gammaGamma.params.q > 1)) {
    throw new Error(`The Gamma-Gamma fit gave q = ${gammaGamma.params.q.toPrecision(3)} <= 1, so expected spend is unbounded (a few very large purchases?). Use method "simple", or clean the amounts`);
  }
  return { bgnbd, gammaGamma, spendCustomers: repeat.length, frequencySpendCorrelation: correlation(x, m) };
}

/** Per-customer predictions over `horizon` units and a `months`-month discounted CLV. */
export function predictClv(
  s: PurchaseSummary,
  fits: ClvFits,
  opts: { horizon: number; months: number; monthlyRate: number; monthInUnits: number },
): { expected: Float64Array; pAlive: Float64Array; spend: Float64Array; clv: Float64Array } {
  const n = s.x.length;
  const out = { expected: new Float64Array(n), pAlive: new Float64Array(n), spend: new Float64Array(n), clv: new Float64Array(n) };
  const bg = fits.bgnbd.params;
  for (let i = 0; i < n; i++) {
    const c = { x: s.x[i], tx: s.tx[i], T: s.T[i] };
    out.expected[i] = bgnbdExpectedPurchases(bg, opts.horizon, c.x, c.tx, c.T);
    out.pAlive[i] = bgnbdProbAlive(bg, c.x, c.tx, c.T);
    // Customers whose repeat purchases had no positive value get the population mean spend.
    const mbar = s.meanRepeatValue[i] > 0 ? s.meanRepeatValue[i] : 0;
    out.spend[i] = gammaGammaExpectedSpend(fits.gammaGamma.params, mbar > 0 ? c.x : 0, mbar);
    out.clv[i] = modelClv(bg, c, out.spend[i], opts.months, opts.monthlyRate, opts.monthInUnits);
  }
  return out;
}

/** Mean actual vs predicted holdout purchases by calibration frequency (0..6, then 7+). */
export function holdoutByFrequency(s: PurchaseSummary, fits: ClvFits, holdout: number) {
  const groups = 8;
  const customers = new Float64Array(groups), actual = new Float64Array(groups), predicted = new Float64Array(groups);
  let totalPredicted = 0, totalActual = 0;
  for (let i = 0; i < s.x.length; i++) {
    const g = Math.min(groups - 1, s.x[i]);
    const p = bgnbdExpectedPurchases(fits.bgnbd.params, holdout, s.x[i], s.tx[i], s.T[i]);
    customers[g]++;
    actual[g] += s.holdoutPurchases[i];
    predicted[g] += p;
    totalPredicted += p;
    totalActual += s.holdoutPurchases[i];
  }
  for (let g = 0; g < groups; g++) {
    actual[g] = customers[g] ? actual[g] / customers[g] : NaN;
    predicted[g] = customers[g] ? predicted[g] / customers[g] : NaN;
  }
  return { customers, actual, predicted, totalActual, totalPredicted };
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) (ma += a[i] / n), (mb += b[i] / n);
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}
