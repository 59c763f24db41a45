import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSpecLp, fitResponse, readSpecSolution, responseAt, type AllocationSpec } from "../../../src/core/allocate";
import { allocateCell } from "../../../src/core/cells/allocate";
import { getNumeric, getString, makeTable } from "../../../src/core/frame/table";
import { nodeContext, repoRoot, sharedData } from "../../helpers/node-context";

// Reference: test/reference/allocate_advertising.py (scipy least_squares, linprog, SLSQP).
const ref = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference/allocate_advertising.json"), "utf8"));
const CHANNELS = ["TV", "radio", "newspaper"];
// The file's first header cell is empty (an R row index), which the app's CSV reader refuses on
// purpose; the four numeric columns are read here directly.
const lines = readFileSync(path.join(sharedData, "crm/advertising/Advertising.csv"), "utf8").trim().split("\n").slice(1);
const cells = lines.map((l) => l.split(",").slice(1).map(Number));
const table = makeTable([...CHANNELS, "sales"].map((name, j) => ({ name, type: "number" as const, values: Float64Array.from(cells, (r) => r[j]) })));

describe("Advertising: fitted diminishing returns and the optimal split", () => {
  it("per-channel fits match scipy least_squares: SSE within 1e-9 relative, a, b, intercept within 1e-4 relative", () => {
    const y = getNumeric(table, "sales").values;
    for (const form of ["saturating", "log"] as const) {
      for (const ch of CHANNELS) {
        const fit = fitResponse(getNumeric(table, ch).values, y, form);
        const r = ref.fits[form][ch];
        expect(Math.abs(fit.sse - r.sse) / r.sse, `${form} ${ch} sse`).toBeLessThan(1e-9);
        for (const k of ["a", "b", "intercept"] as const) expect(Math.abs(fit[k] - r[k]) / Math.abs(r[k]), `${form} ${ch} ${k}`).toBeLessThan(1e-4);
        expect(fit.bAtBound).toBe(r.bAtBound);
        expect(fit.r2).toBeCloseTo(r.r2, 8);
      }
    }
  });

  it("with scipy's fitted curves, the LP split equals linprog's (1e-6) and lies within 0.01% of the exact concave optimum (SLSQP)", async () => {
    const caps = CHANNELS.map((c) => ref.caps[c] as number);
    const spec: AllocationSpec = {
      units: CHANNELS,
      resources: [{
        name: "budget", word: "spend", total: ref.budget, integer: false, cost: 1, min: [0, 0, 0], max: caps,
        curves: CHANNELS.map((c) => ({ type: "saturating" as const, a: Math.max(0, ref.fits.saturating[c].a), b: ref.fits.saturating[c].b })),
      }],
      groups: [], ratios: [], objective: { type: "return" }, segments: ref.segments,
    };
    const built = buildSpecLp(spec);
    const r = readSpecSolution(spec, built, await nodeContext().solveLp(built.lp, { output_flag: false }));
    expect(Math.abs(r.objective - ref.split_lp.objective) / ref.split_lp.objective).toBeLessThan(1e-6);
    r.amounts[0].forEach((x, i) => expect(Math.abs(x - ref.split_lp.x[i])).toBeLessThan(1e-6 * ref.budget));
    expect(Math.abs(r.totalShadowPrice[0] - ref.split_lp.budget_shadow_price)).toBeLessThan(1e-6);
    expect(Math.abs(r.expectedReturn - ref.split_exact.return) / ref.split_exact.return).toBeLessThan(1e-4);
  });

  it("the cell fits TV, radio and newspaper from the table and splits 200 within 1e-3 of the reference split", async () => {
    const p = allocateCell.parse({
      unitColumns: CHANNELS,
      resources: [{ name: "budget", total: 200, max: ref.caps, response: { type: "fitted", form: "saturating", outcome: "sales" } }],
    });
    const out = await allocateCell.run({ data: { table, summary: {} } }, p, nodeContext());
    expect(getString(out.table, "unit").values).toEqual(CHANNELS);
    const x = getNumeric(out.table, "budget").values;
    x.forEach((v, i) => expect(Math.abs(v - ref.split_lp.x[i]), CHANNELS[i]).toBeLessThan(1e-3 * ref.budget));
    const fits = out.summary.fits as { unit: string; a: number; b: number; r2: number; bAtBound: boolean }[];
    expect(fits.map((f) => f.unit)).toEqual(CHANNELS);
    expect(fits[0].r2).toBeCloseTo(ref.fits.saturating.TV.r2, 8);
    expect(out.summary.warnings).toContain('"radio" shows no diminishing returns in its data: its fitted curve is effectively a straight line of slope 0.2035');
    const trueReturn = CHANNELS.reduce((s, c, i) => s + responseAt({ type: "saturating", a: fits[i].a, b: fits[i].b }, x[i]), 0);
    expect(out.summary.expectedReturn).toBeCloseTo(trueReturn, 9);
    console.info(`advertising split of 200: TV ${x[0].toFixed(2)}, radio ${x[1].toFixed(2)}, newspaper ${x[2].toFixed(2)}; return ${trueReturn.toFixed(4)} vs exact ${ref.split_exact.return.toFixed(4)}`);
  });
});
