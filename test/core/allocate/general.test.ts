import { describe, expect, it } from "vitest";
import {
  InfeasibleAllocationError,
  buildAllocate10k,
  buildSpecLp,
  fitResponse,
  solveSpec,
  type AllocationSpec,
  type ResourceSpec,
} from "../../../src/core/allocate";
import { nodeContext } from "../../helpers/node-context";

const ctx = nodeContext();
const solve = (lp: string, options: Record<string, unknown>) => ctx.solveLp(lp, options as never);
const units = ["A", "B", "C", "D"];
const budget = (over: Partial<ResourceSpec> = {}): ResourceSpec => ({
  name: "budget", word: "spend", total: 1000, integer: false, cost: 1,
  min: [0, 0, 0, 0], max: [Infinity, Infinity, Infinity, Infinity],
  curves: [800, 600, 400, 200].map((a) => ({ type: "saturating" as const, a, b: 300 })),
  ...over,
});
const spec = (over: Partial<AllocationSpec> = {}): AllocationSpec => ({ units, resources: [budget()], groups: [], ratios: [], objective: { type: "return" }, segments: 20, ...over });

describe("general allocation", () => {
  it("a group share limit binds, is named in words, and has a shadow price", async () => {
    const r = await solveSpec(spec({ groups: [{ name: 'region "North"', resource: 0, units: [0, 1], maxShare: 0.4 }] }), solve);
    expect(r.amounts[0][0] + r.amounts[0][1]).toBeCloseTo(400, 6);
    expect(r.binding).toContain('at most 40% of budget to region "North"');
    const sp = r.shadowPrices.find((s) => s.constraint.startsWith('region "North"'))!;
    expect(sp.value).toBeGreaterThan(0);
    expect(sp.text).toMatch(/^Moving the maximum share of budget for region "North" by one unit of spend is worth/);
    expect(r.shadowPrices[0].text).toMatch(/^One more unit of budget is worth [\d.]+ of expected return$/);
  });

  it("ratios and an integer headcount resource make a MILP whose duals are explained as undefined", async () => {
    const heads: ResourceSpec = { ...budget(), name: "headcount", word: "headcount", total: 7, integer: true, cost: 50, curves: [90, 70, 50, 30].map((rate) => ({ type: "linear" as const, rate })), max: [3, 3, 3, 3] };
    const r = await solveSpec(spec({ resources: [budget(), heads], ratios: [{ resource: 0, unit: 3, to: 0, atLeast: 0.5 }] }), solve);
    expect(r.isMip).toBe(true);
    expect(Array.from(r.amounts[1])).toEqual([3, 3, 1, 0]);
    expect(r.amounts[0][3]).toBeGreaterThanOrEqual(0.5 * r.amounts[0][0] - 1e-6);
    expect(r.dualsNote).toMatch(/Shadow prices are not defined here.*MILP/);
    expect(r.shadowPrices).toEqual([]);
  });

  it("coverage funds at least k units; profit leaves budget unspent where the return is below cost", async () => {
    const cov = await solveSpec(spec({ coverage: { resource: 0, atLeast: 4, minAmount: 100 } }), solve);
    for (const x of cov.amounts[0]) expect(x).toBeGreaterThanOrEqual(100 - 1e-6);
    const profit = await solveSpec(spec({ objective: { type: "profit" } }), solve);
    expect(profit.allocated[0]).toBeLessThan(1000);
    // At the profit optimum each funded unit's marginal return is about the cost (1), up to chord error.
    profit.amounts[0].forEach((x, u) => x > 1 && expect(Math.abs(profit.marginal[0][u] - 1)).toBeLessThan(0.15));
  });

  it("minCost reaches the target return at least cost, and prices the target", async () => {
    const r = await solveSpec(spec({ objective: { type: "minCost", target: 900 } }), solve);
    expect(r.objective).toBeCloseTo(r.allocated[0], 6);
    expect(r.binding).toContain("target return of 900 is met exactly");
    // One more unit of target costs about 1 / (the marginal return) where spend is rising.
    const dual = r.shadowPrices.find((s) => s.constraint === "target return")!.value;
    expect(Math.abs(dual - 1 / r.marginal[0][0])).toBeLessThan(0.1);
  });

  it("log curves are cut into chords whose LP return is within the chord error of the true curve", async () => {
    const r = await solveSpec(spec({ resources: [budget({ curves: [800, 600, 400, 200].map((a) => ({ type: "log" as const, a, b: 200 })) })] }), solve);
    expect(r.expectedReturn).toBeGreaterThanOrEqual(r.objective - 1e-9);
    expect((r.expectedReturn - r.objective) / r.expectedReturn).toBeLessThan(0.01);
  });

  it("pre-checks name the clash: min above max, minimums above the total, coverage asking too much", async () => {
    await expect(solveSpec(spec({ resources: [budget({ min: [0, 500, 0, 0], max: [Infinity, 400, Infinity, Infinity] })] }), solve)).rejects.toThrow('Unit "B" has a minimum spend (500) above its maximum (400)');
    await expect(solveSpec(spec({ resources: [budget({ min: [300, 300, 300, 300] })] }), solve)).rejects.toThrow(
      "the minimum spends (4 units × minimum 300) add up to 1200, more than the budget of 1000",
    );
    await expect(solveSpec(spec({ coverage: { resource: 0, atLeast: 4, minAmount: 300 } }), solve)).rejects.toThrow("needs at least 4 × 300 = 1200 of budget, more than its total of 1000");
    await expect(solveSpec(spec({ coverage: { resource: 0, atLeast: 5, minAmount: 1 } }), solve)).rejects.toThrow("only 4 units");
  });

  it("when HiGHS says infeasible, the deletion filter names a minimal conflicting set", async () => {
    // A's minimum (500) and the group cap on {A, B} (at most 30% of what is spent, ≤ 300) clash; the ratio is innocent.
    const bad = spec({
      resources: [budget({ min: [500, 0, 0, 0] })],
      groups: [{ name: "group AB", resource: 0, units: [0, 1], maxShare: 0.3 }],
      ratios: [{ resource: 0, unit: 2, to: 3, atMost: 2 }],
    });
    const err = await solveSpec(bad, solve).catch((e) => e);
    expect(err).toBeInstanceOf(InfeasibleAllocationError);
    expect(err.message).toBe(
      "No allocation meets every constraint. These 3 cannot all hold together (dropping any one of them would make the problem feasible): the total budget of 1000; the minimum spend per unit; the limit of at most 30% of budget to group AB. Relax one of them.",
    );
  });

  it("fitResponse recovers a known saturating curve from noiseless data", () => {
    const x = Array.from({ length: 40 }, (_, i) => i * 25);
    const y = x.map((v) => 3 + 50 * -Math.expm1(-v / 180));
    const f = fitResponse(x, y, "saturating");
    expect(f.a).toBeCloseTo(50, 6);
    expect(f.b).toBeCloseTo(180, 5);
    expect(f.intercept).toBeCloseTo(3, 6);
    expect(f.r2).toBeCloseTo(1, 10);
    expect(() => fitResponse([1, 2], [1, 2], "log")).toThrow(/at least 3/);
    expect(() => fitResponse([1, NaN, 3], [1, 2, 3], "log")).toThrow(/observation 1/);
  });

  it("allocate_10k: 10,000 units with bounds and one budget solve Optimal in Node", async () => {
    const s = buildAllocate10k(7);
    expect(s.units.length).toBe(10_000);
    const t0 = performance.now();
    const built = buildSpecLp(s);
    const t1 = performance.now();
    const r = await solveSpec(s, solve);
    const t2 = performance.now();
    expect(r.status).toBe("Optimal");
    expect(r.allocated[0]).toBeLessThanOrEqual(s.resources[0].total * (1 + 1e-9));
    console.info(`allocate_10k: ${built.model.variables.length} columns, ${built.model.rows.length} rows; build ${(t1 - t0).toFixed(0)} ms, build+solve+read ${(t2 - t1).toFixed(0)} ms`);
  }, 30_000);
});
