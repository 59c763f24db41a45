import type { LpSolution } from "../cells/types";
import type { BuiltSpec } from "./build";
import type { AllocationSpec } from "./model";
import { curveSegments, responseSlope } from "./response";

/**
 * Exact solution of the most common allocation LP without HiGHS: one continuous resource, a
 * "return" or "profit" objective, only the total and per-unit min/max (no groups, ratios,
 * coverage or target). The LP {@link buildSpecLp} writes for it is then separable and concave
 * (the same chords and tail), with one budget row, and its optimum is the greedy fill: every
 * unit first takes its minimum from its own best pieces, then the rest of the total goes to the
 * remaining pieces in order of decreasing (net) slope while the slope is positive. The total's
 * shadow price is the slope of the piece the total runs out in (0 when it is not all used).
 *
 * Returns undefined (the caller then asks HiGHS) whenever that optimum is not unique or its
 * dual is not defined: a tie in slope at the marginal piece, the total running out at a piece
 * boundary or exactly at the minimums, a near-zero slope at the margin, a non-finite total.
 * So when an answer comes back it is the LP optimum HiGHS finds, not just one of several.
 */
export function greedySolution(spec: AllocationSpec): { built: BuiltSpec; sol: LpSolution } | undefined {
  if (spec.resources.length !== 1 || spec.groups.length || spec.ratios.length || spec.coverage) return undefined;
  const obj = spec.objective.type;
  if (obj !== "return" && obj !== "profit") return undefined;
  const res = spec.resources[0];
  if (res.integer || !Number.isFinite(res.total) || res.total < 0) return undefined;
  const K = spec.segments;
  if (!(K >= 1)) return undefined;
  const nU = spec.units.length;
  const T = res.total;
  const payCost = obj === "profit" ? res.cost : 0;
  if (!Number.isFinite(payCost)) return undefined;
  const edgeTol = 1e-9 * Math.max(1, T);

  // Remaining pieces after the minimums: net slope, capacity, unit.
  const cap = Math.max(1, nU * (K + 1));
  let pSlope = new Float64Array(cap);
  let pCap = new Float64Array(cap);
  let pUnit = new Uint32Array(cap);
  let n = 0;
  const push = (s: number, c: number, u: number) => {
    if (n === pSlope.length) {
      const grow = <A extends Float64Array | Uint32Array>(a: A): A => {
        const b = new (a.constructor as new (k: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      pSlope = grow(pSlope);
      pCap = grow(pCap);
      pUnit = grow(pUnit);
    }
    pSlope[n] = s;
    pCap[n] = c;
    pUnit[n] = u;
    n++;
  };
  const amount = new Float64Array(nU);
  const room = new Float64Array(nU); // max − min: what a unit can still take
  let objective = 0;
  let minSum = 0;
  const slopes: number[] = [];
  const caps: number[] = [];
  for (let u = 0; u < nU; u++) {
    const lower = res.min[u];
    const upper = res.max[u];
    if (!(lower >= 0) || !(upper >= lower) || Number.isNaN(upper)) return undefined;
    const curve = res.curves[u];
    slopes.length = 0;
    caps.length = 0;
    if (curve.type === "linear") {
      slopes.push(curve.rate - payCost);
      caps.push(Infinity);
    } else {
      const upTo = Math.min(upper, T * (1 + 0.5 / K));
      if (upTo > 0) {
        const seg = curveSegments(curve, upTo, K);
        for (let j = 0; j < K; j++) {
          slopes.push(seg.slopes[j] - payCost);
          caps.push(seg.width);
        }
      }
      if (upTo < upper) {
        slopes.push(responseSlope(curve, Math.max(upTo, 0)) - payCost);
        caps.push(Infinity);
      }
    }
    for (const s of slopes) if (!Number.isFinite(s)) return undefined;
    // The LP fills a unit's best pieces first; chords of a concave curve come in that order,
    // but rounding can break it on a near-flat curve, so sort when it does (stable).
    let order = slopes.map((_, j) => j);
    for (let j = 1; j < slopes.length; j++) {
      if (slopes[j] > slopes[j - 1]) {
        order = order.sort((a, b) => slopes[b] - slopes[a] || a - b);
        break;
      }
    }
    let need = lower;
    for (const j of order) {
      const c = caps[j];
      const take = Math.min(c, need);
      if (take > 0) {
        objective += slopes[j] * take;
        need -= take;
      }
      const left = c - take;
      if (left > 0) push(slopes[j], left, u);
    }
    if (need > edgeTol) return undefined; // pieces do not cover the minimum (cannot happen for valid specs)
    amount[u] = lower;
    room[u] = upper - lower;
    minSum += lower;
  }
  let budget = T - minSum;
  if (!(budget > edgeTol)) return undefined; // total used up by the minimums: dual not unique

  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => pSlope[b] - pSlope[a] || a - b);
  const tieTol = (s: number) => 1e-7 * Math.max(1, Math.abs(s));
  let shadow = 0;
  let prevSlope = NaN;
  let prevUnit = -1;
  let exhausted = false;
  let k = 0;
  for (; k < n; k++) {
    const i = idx[k];
    const s = pSlope[i];
    const u = pUnit[i];
    if (s <= tieTol(0)) break;
    const avail = Math.min(pCap[i], room[u]);
    if (avail <= 0) continue;
    const take = Math.min(avail, budget);
    amount[u] += take;
    room[u] -= take;
    objective += s * take;
    budget -= take;
    if (budget <= edgeTol) {
      // The total runs out in this piece: its slope is the shadow price, if unambiguous.
      if (take <= edgeTol || avail - take <= edgeTol) return undefined;
      if (prevUnit !== -1 && prevSlope - s <= tieTol(s)) return undefined;
      for (let m = k + 1; m < n; m++) {
        const i2 = idx[m];
        if (Math.min(pCap[i2], room[pUnit[i2]]) <= 0) continue;
        if (s - pSlope[i2] <= tieTol(s)) return undefined;
        break;
      }
      shadow = s;
      exhausted = true;
      break;
    }
    prevSlope = s;
    prevUnit = u;
  }
  if (!exhausted) {
    // Every piece with a positive slope is full; the total has room left (shadow price 0).
    if (budget <= Math.max(edgeTol, 1e-7 * Math.max(1, T))) return undefined;
    for (; k < n; k++) {
      const i = idx[k];
      if (Math.min(pCap[i], room[pUnit[i]]) <= 0) continue;
      if (pSlope[i] > -tieTol(0)) return undefined; // a zero-slope piece: any fill is optimal
      break;
    }
  }
  if (!Number.isFinite(objective)) return undefined;
  const xVar = [spec.units.map((_, u) => `x0_${u}`)];
  const primal: Record<string, number> = {};
  for (let u = 0; u < nU; u++) primal[xVar[0][u]] = amount[u];
  const built: BuiltSpec = { model: { sense: "maximize", variables: [], rows: [] }, lp: "", xVar, rowGroup: new Map(), isMip: false };
  return { built, sol: { status: "Optimal", objective, primal, dual: { t0: shadow } } };
}
