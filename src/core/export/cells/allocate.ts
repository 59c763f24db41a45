import { cellKinds } from "../../cells/registry";
import type { AllocateParams } from "../../cells/allocate";
import { lines, pyStr, pyValue } from "../python";
import { refuseIf, type CellGenerator } from "../types";

/** What in these parameters the exporter cannot write yet (empty when all of it is exported). */
function unsupported(p: AllocateParams): string[] {
  const why: string[] = [];
  const r = p.resources[0];
  if (!p.legacy || p.resources.length !== 1) why.push("the multi-resource form (`resources`) is not exported yet; the single-budget form is");
  if (p.unitColumns) why.push("units given as columns (`unitColumns`) are not exported");
  if (p.groups.length) why.push("group share limits (`groups`) are not exported");
  if (p.ratios.length) why.push("ratio rules (`ratios`) are not exported");
  if (p.coverage) why.push("the coverage rule (`coverage`, a MILP) is not exported");
  if (p.objective.type !== "return") why.push(`the \`${p.objective.type}\` objective is not exported (maximising return is)`);
  if (p.scenarios.length) why.push("scenarios are not exported");
  if (p.sweep) why.push("the budget sweep is not exported");
  if (r && !(r.response.type === "saturating" && "liftShare" in r.response)) why.push(`the \`${r.response.type}\` response without \`liftShare\` is not exported yet (saturating with liftShare is)`);
  if (r && (typeof r.min !== "number" || (r.max !== undefined && typeof r.max !== "number"))) why.push("per-unit `min`/`max` from a column or a map are not exported (single numbers are)");
  return why;
}

/**
 * An allocate cell (single budget, saturating response a = liftShare × the unit's summed value,
 * b = halfSaturation / ln 2) becomes the app's LP — the same chords, upper cut and tail — solved
 * by scipy.optimize.linprog(method="highs").
 */
export const allocateGenerator: CellGenerator = (cell, ctx) => {
  const p = cellKinds.allocate.parse(cell.params) as AllocateParams;
  refuseIf(unsupported(p));
  const r = p.resources[0];
  const resp = r.response as { liftShare: number; halfSaturation?: number };
  const v = ctx.varOf(cell.id);
  const half = resp.halfSaturation ?? null;
  const source = lines(
    `# ${cell.title ?? cell.id}`,
    `df = ${ctx.varOf(cell.inputs.data)}`,
    p.filter ? `df = df[keep_rows(df, ${pyStr(p.filter.column)}, ${pyValue(p.filter.equals)})]` : undefined,
    `# Units in order of first appearance, as the app lists them.`,
    `units = list(dict.fromkeys(df[${pyStr(p.unit!)}].map(lambda x: label_of(x) or "(missing)")))`,
    `base = df.groupby(df[${pyStr(p.unit!)}].map(lambda x: label_of(x) or "(missing)"), sort=False)[${pyStr(p.value!)}].sum().reindex(units).to_numpy(dtype=float)`,
    `total, k = ${r.total}, ${p.segments}`,
    `a = np.maximum(0.0, ${resp.liftShare} * base)`,
    `b = np.full(len(units), ${half === null ? "total / len(units)" : half} / math.log(2))`,
    `lo = [${r.min as number}] * len(units)`,
    `hi = [${r.max === undefined ? 'float("inf")' : (r.max as number)}] * len(units)`,
    `objective, spend, shadow = allocate_saturating(a, b, lo, hi, total, k)`,
    `expected = a * -np.expm1(-spend / b)`,
    `${v} = pd.DataFrame({"unit": units, "base_value": base, "spend": spend, "expected_return": expected, "marginal_return": a / b * np.exp(-spend / b)})`,
    `RESULTS[${pyStr(cell.id)}] = {"objective": objective, "expectedReturn": float(expected.sum()), "allocated": float(spend.sum()),`,
    `    "shadowPrice": shadow, "spend": dict(zip(units, map(float, spend)))}`,
    `print(json.dumps(RESULTS[${pyStr(cell.id)}], indent=1))`,
    v,
  );
  return { cells: [{ type: "code", source }], helpers: ["common", "allocate"] };
};
