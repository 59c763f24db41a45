import type { Json, JsonObject } from "../json";
import { makeTable, type Column } from "../frame/table";
import { solveSpec, type LpSolver, type SpecResult } from "../allocate";
import { parseProblem, type AllocateProblemParams } from "../allocate/params";
import { parseScenarios, parseSweep, type ScenarioParam, type SweepParam } from "../allocate/params-scenarios";
import { specFromTable, type LabelledFit } from "../allocate/spec-from-table";
import { scaleTotal, scenarioTable, scenarioUnitsTable, sweepMultipliers, sweepTable, trySolve, type VariantOutcome } from "../allocate/variants";
import { asObject } from "./params";
import { throwIfCancelled, type CellKind, type CellOutput } from "./types";

/**
 * Parameters of an allocate cell (docs/allocation.md has the full schema). The original
 * single-budget form `{unit, value, filter, budget, min, max, response}` still parses, as one
 * resource named "budget" whose amounts are the `spend` column.
 */
export interface AllocateParams extends AllocateProblemParams {
  readonly scenarios: readonly ScenarioParam[];
  readonly sweep?: SweepParam;
}

/**
 * Allocate cell: splits one or more resources over the units of the upstream table to maximise
 * expected return (or profit, or to reach a target return at least cost), as an LP/MILP solved
 * by HiGHS. Output: one row per unit with amounts, expected and marginal returns; the summary
 * has status, binding constraints and shadow prices in words; extras compare scenarios and
 * sweep a total.
 */
export const allocateCell: CellKind<AllocateParams> = {
  id: "allocate",
  title: "Allocate budget",
  inputs: ["data"],
  parse(raw: unknown): AllocateParams {
    const o = asObject(raw ?? {}, "params");
    const problem = parseProblem(o, "params");
    const sweep = parseSweep(o, problem);
    return { ...problem, scenarios: parseScenarios(o, problem), ...(sweep ? { sweep } : {}) };
  },
  async run(inputs, params, ctx): Promise<CellOutput> {
    const data = inputs.data;
    if (!data) throw new Error('The allocate cell needs its "data" input connected');
    // Cancel is honoured between solves (a HiGHS solve itself cannot be interrupted).
    const solve: LpSolver = (lp, options) => {
      throwIfCancelled(ctx.signal);
      return ctx.solveLp(lp, options);
    };
    const { spec, base, fits, warnings } = specFromTable(data.table, params);
    const steps = 1 + params.scenarios.length + (params.sweep?.points ?? 0);
    ctx.progress(0.05, "Solving");
    const result = await solveSpec(spec, solve);
    const extras: Record<string, ReturnType<typeof makeTable>> = {};
    let done = 1;
    const tick = (what: string) => {
      throwIfCancelled(ctx.signal);
      ctx.progress(done++ / steps, what);
    };
    if (params.scenarios.length) {
      const variants: VariantOutcome[] = [];
      for (const sc of params.scenarios) {
        tick(`Scenario ${sc.name}`);
        const s = specFromTable(data.table, sc.problem, sc.responseMultiplier).spec;
        variants.push({ name: sc.name, spec: s, result: await trySolve(s, solve) });
      }
      const baseOutcome = { name: "base", spec, result };
      extras.scenarios = scenarioTable(baseOutcome, variants);
      extras.scenario_units = scenarioUnitsTable(baseOutcome, variants);
    }
    if (params.sweep) {
      const r = spec.resources.findIndex((x) => x.name === params.sweep!.resource);
      const rows = [];
      for (const m of sweepMultipliers(params.sweep.from, params.sweep.to, params.sweep.points)) {
        tick(`Sweep ${m.toFixed(2)}×`);
        const s = scaleTotal(spec, r, m);
        rows.push({ multiplier: m, total: s.resources[r].total, result: await trySolve(s, solve) });
      }
      extras.sweep = sweepTable(rows, r);
    }
    if (fits.length) extras.fits = fitsTable(fits);
    throwIfCancelled(ctx.signal);
    ctx.progress(1);
    return { table: outputTable(params, spec.units, base, result), summary: summarise(params, spec.units.length, result, fits, warnings), extras };
  },
};

function outputTable(params: AllocateParams, units: readonly string[], base: Float64Array | undefined, r: SpecResult) {
  const one = params.resources.length === 1;
  const cols: Column[] = [{ name: "unit", type: "string", values: [...units] }];
  if (base) cols.push({ name: "base_value", type: "number", values: base });
  params.resources.forEach((res, k) => cols.push({ name: res.column, type: "number", values: r.amounts[k] }));
  cols.push({ name: "expected_return", type: "number", values: r.unitReturn });
  params.resources.forEach((res, k) => cols.push({ name: one ? "marginal_return" : `marginal_return_${res.name}`, type: "number", values: r.marginal[k] }));
  return makeTable(cols);
}

function summarise(params: AllocateParams, nUnits: number, r: SpecResult, fits: readonly LabelledFit[], warnings: readonly string[]): JsonObject {
  const finite = (v: number): Json => (Number.isFinite(v) ? v : null);
  const first = params.resources[0];
  const summary: JsonObject = {
    status: r.status,
    problemType: r.isMip ? "MILP" : "LP",
    objectiveType: params.objective.type,
    units: nUnits,
    ...(params.legacy ? { budget: first.total, allocated: r.allocated[0] } : {}),
    objective: r.objective,
    expectedReturn: r.expectedReturn,
    ...(params.objective.type !== "return" ? { cost: r.cost, profit: r.expectedReturn - r.cost } : {}),
    resources: params.resources.map((res, k) => ({ name: res.name, total: res.total, allocated: r.allocated[k], integer: res.integer, shadowPrice: finite(r.totalShadowPrice[k]) })),
    shadowPrice: Object.fromEntries(params.resources.map((res, k) => [res.name, finite(r.totalShadowPrice[k])])),
    shadowPrices: r.isMip ? [] : r.shadowPrices.map((s) => s.text),
    ...(r.dualsNote ? { dualsNote: r.dualsNote } : {}),
    binding: [...r.binding],
    warnings: [...warnings],
  };
  if (fits.length) {
    summary.fits = fits.map((f) => ({ unit: f.unit, resource: f.resource, form: f.form, a: f.a, b: f.b, intercept: f.intercept, r2: f.r2, rmse: f.rmse, n: f.n, bAtBound: f.bAtBound }));
  }
  return summary;
}

function fitsTable(fits: readonly LabelledFit[]) {
  const num = (name: string, f: (x: LabelledFit) => number): Column => ({ name, type: "number", values: Float64Array.from(fits, f) });
  return makeTable([
    { name: "unit", type: "string", values: fits.map((f) => f.unit) },
    { name: "resource", type: "string", values: fits.map((f) => f.resource) },
    { name: "form", type: "string", values: fits.map((f) => f.form) },
    num("a", (f) => f.a),
    num("b", (f) => f.b),
    num("intercept", (f) => f.intercept),
    num("r2", (f) => f.r2),
    num("rmse", (f) => f.rmse),
    num("n", (f) => f.n),
    num("b_at_bound", (f) => (f.bAtBound ? 1 : 0)),
  ]);
}
