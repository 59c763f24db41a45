// The greedy fast path (src/core/allocate/greedy.ts) against HiGHS on the same LP: on every
// random problem it accepts, objective, amounts, the total's shadow price and the binding list
// must match what the HiGHS path reads back; problems it declines go to HiGHS unchanged.
import { describe, expect, it } from "vitest";
import { buildAllocate10k, buildSpecLp, greedySolution, readSpecSolution, solveSpec, solverOptions, type AllocationSpec, type ResponseCurve, type SpecResult } from "../../../src/core/allocate";
import { mulberry32 } from "../../../src/core/random";
import { nodeContext } from "../../helpers/node-context";

const ctx = nodeContext();

async function viaHighs(spec: AllocationSpec): Promise<SpecResult> {
  const built = buildSpecLp(spec);
  const sol = await ctx.solveLp(built.lp, solverOptions(built.isMip));
  expect(sol.status).toBe("Optimal");
  return readSpecSolution(spec, built, sol);
}

function viaGreedy(spec: AllocationSpec): SpecResult | undefined {
  const g = greedySolution(spec);
  return g && readSpecSolution(spec, g.built, g.sol);
}

function expectSame(g: SpecResult, h: SpecResult, spec: AllocationSpec) {
  const T = spec.resources[0].total;
  expect(g.status).toBe(h.status);
  expect(Math.abs(g.objective - h.objective)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(h.objective)));
  for (let u = 0; u < spec.units.length; u++) expect(Math.abs(g.amounts[0][u] - h.amounts[0][u])).toBeLessThanOrEqual(1e-6 * Math.max(1, T));
  expect(Math.abs(g.totalShadowPrice[0] - h.totalShadowPrice[0])).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(h.totalShadowPrice[0])));
  expect(g.binding).toEqual(h.binding);
  expect(g.shadowPrices.map((s) => s.text)).toEqual(h.shadowPrices.map((s) => s.text));
  expect(Math.abs(g.expectedReturn - h.expectedReturn)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(h.expectedReturn)));
}

function randomSpec(seed: number): AllocationSpec {
  const rand = mulberry32(seed);
  const nU = 1 + Math.floor(rand() * 25);
  const segments = 1 + Math.floor(rand() * 10);
  const ties = rand() < 0.3; // copies of a few units: equal slopes across units
  const round = rand() < 0.3; // whole-number limits and totals: boundaries meet more often
  const r = (x: number) => (round ? Math.round(x) : x);
  const base: { min: number; max: number; curve: ResponseCurve }[] = [];
  for (let u = 0; u < nU; u++) {
    if (ties && u > 0 && rand() < 0.5) {
      base.push({ ...base[Math.floor(rand() * u)] });
      continue;
    }
    const kind = rand();
    const curve: ResponseCurve =
      kind < 0.6 ? { type: "saturating", a: r(100 + 3000 * rand()), b: r(50 + 2000 * rand()) } : kind < 0.85 ? { type: "log", a: r(50 + 500 * rand()), b: r(20 + 1000 * rand()) } : { type: "linear", rate: rand() < 0.2 ? 0 : 0.05 + 0.5 * rand() };
    const min = rand() < 0.5 ? 0 : r(200 * rand());
    const max = rand() < 0.15 ? Infinity : min + r(100 + 3000 * rand());
    base.push({ min, max, curve });
  }
  const minSum = base.reduce((s, b) => s + b.min, 0);
  const total = r(minSum + rand() * (rand() < 0.2 ? 100_000 : 1000 * nU));
  const profit = rand() < 0.3;
  return {
    units: base.map((_, u) => `u${u}`),
    resources: [{ name: "budget", word: "spend", total, integer: false, cost: profit ? 0.2 + rand() : 1, min: base.map((b) => b.min), max: base.map((b) => b.max), curves: base.map((b) => b.curve) }],
    groups: [],
    ratios: [],
    objective: { type: profit ? "profit" : "return" },
    segments,
  };
}

describe("greedy fast path", () => {
  it("matches HiGHS on random single-budget problems (ties, minimums, caps, profit)", async () => {
    let used = 0;
    const N = 400;
    for (let seed = 1; seed <= N; seed++) {
      const spec = randomSpec(seed);
      const h = await viaHighs(spec);
      const g = viaGreedy(spec);
      if (!g) continue;
      used++;
      expectSame(g, h, spec);
    }
    expect(used).toBeGreaterThan(N * 0.6);
  }, 120_000);

  it("declines what it cannot solve: two budgets, groups, integer, minCost", () => {
    const spec = randomSpec(3);
    const res = spec.resources[0];
    expect(greedySolution({ ...spec, resources: [res, res] })).toBeUndefined();
    expect(greedySolution({ ...spec, resources: [{ ...res, integer: true }] })).toBeUndefined();
    expect(greedySolution({ ...spec, groups: [{ name: "g", resource: 0, units: [0], maxShare: 0.5 }] })).toBeUndefined();
    expect(greedySolution({ ...spec, ratios: [{ resource: 0, unit: 0, to: 0, atMost: 2 }] })).toBeUndefined();
    expect(greedySolution({ ...spec, objective: { type: "minCost", target: 10 } })).toBeUndefined();
    expect(greedySolution({ ...spec, coverage: { resource: 0, atLeast: 1, minAmount: 1 } })).toBeUndefined();
  });

  it("declines a tie at the margin and a total used up by the minimums", () => {
    const curve: ResponseCurve = { type: "saturating", a: 1000, b: 500 };
    const tie: AllocationSpec = {
      units: ["a", "b"],
      resources: [{ name: "budget", word: "spend", total: 150, integer: false, cost: 1, min: [0, 0], max: [1000, 1000], curves: [curve, curve] }],
      groups: [],
      ratios: [],
      objective: { type: "return" },
      segments: 10,
    };
    expect(greedySolution(tie)).toBeUndefined();
    const mins = { ...tie, resources: [{ ...tie.resources[0], min: [100, 50] }] };
    expect(greedySolution(mins)).toBeUndefined();
  });

  it("gives solveSpec the HiGHS answer on allocate_10k-shaped problems (thousands of units)", async () => {
    let used = 0;
    for (const seed of [42, 1, 2, 3, 4, 5]) {
      const spec = buildAllocate10k(seed, 2000);
      const h = await viaHighs(spec);
      const g = viaGreedy(spec);
      if (g) {
        used++;
        expectSame(g, h, spec);
      }
      expectSame(await solveSpec(spec, ctx.solveLp), h, spec);
    }
    expect(used).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
