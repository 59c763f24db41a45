/**
 * Association rules X ⇒ Y from frequent itemsets (Agrawal, Imieliński & Swami 1993), with the
 * usual measures: support = P(X∪Y), confidence = P(Y|X), lift = confidence / P(Y),
 * leverage = P(X∪Y) − P(X)P(Y), conviction = (1 − P(Y)) / (1 − confidence) (Infinity at
 * confidence 1). Every subset of a frequent itemset is frequent, so all counts are at hand.
 */
import type { FrequentItemsets } from "./fpgrowth";

/** Rule filters and limits. */
export interface RuleOptions {
  readonly minConfidence: number;
  readonly minLift: number;
  /** Largest consequent (1 = single-item consequents, as arules' apriori). */
  readonly maxConsequent: number;
  readonly maxRules: number;
  readonly check?: () => void;
}

/** Rules in parallel arrays (antecedent and consequent as item codes). */
export interface Rules {
  readonly antecedent: Int32Array[];
  readonly consequent: Int32Array[];
  readonly count: number[];
  readonly support: number[];
  readonly confidence: number[];
  readonly lift: number[];
  readonly leverage: number[];
  readonly conviction: number[];
}

/** Thrown when more than `maxRules` rules pass the filters. */
export class RuleLimitError extends Error {
  override readonly name = "RuleLimitError";
}

const keyOf = (items: ArrayLike<number>): string => Array.prototype.join.call(items, ",");

/** All rules passing the filters, sorted by lift, then support, then confidence (descending). */
export function generateRules(sets: FrequentItemsets, nBaskets: number, options: RuleOptions): Rules {
  const count = new Map<string, number>();
  sets.itemsets.forEach((s, i) => count.set(keyOf(s), sets.counts[i]));
  const found: { x: Int32Array; y: Int32Array; n: number; conf: number; sy: number; sx: number }[] = [];
  const tolerance = 1e-12;
  sets.itemsets.forEach((s, i) => {
    const k = s.length;
    if (k < 2) return;
    if (i % 4096 === 0) options.check?.();
    const n = sets.counts[i];
    for (let mask = 1; mask < (1 << k) - 1; mask++) {
      if (popcount(mask) > options.maxConsequent) continue;
      const x: number[] = [], y: number[] = [];
      for (let b = 0; b < k; b++) ((mask >> b) & 1 ? y : x).push(s[b]);
      const nx = count.get(keyOf(x));
      const ny = count.get(keyOf(y));
      if (nx === undefined || ny === undefined) continue;
      const conf = n / nx;
      if (conf < options.minConfidence - tolerance) continue;
      const sy = ny / nBaskets;
      if (conf / sy < options.minLift - tolerance) continue;
      found.push({ x: Int32Array.from(x), y: Int32Array.from(y), n, conf, sy, sx: nx / nBaskets });
      if (found.length > options.maxRules) {
        throw new RuleLimitError(`More than ${options.maxRules.toLocaleString("en-GB")} rules: raise the minimum support, confidence or lift`);
      }
    }
  });
  found.sort((p, q) => q.conf / q.sy - p.conf / p.sy || q.n - p.n || q.conf - p.conf);
  return {
    antecedent: found.map((r) => r.x),
    consequent: found.map((r) => r.y),
    count: found.map((r) => r.n),
    support: found.map((r) => r.n / nBaskets),
    confidence: found.map((r) => r.conf),
    lift: found.map((r) => r.conf / r.sy),
    leverage: found.map((r) => r.n / nBaskets - r.sx * r.sy),
    conviction: found.map((r) => (r.conf >= 1 ? Infinity : (1 - r.sy) / (1 - r.conf))),
  };
}

function popcount(v: number): number {
  let c = 0;
  for (; v; v &= v - 1) c++;
  return c;
}
