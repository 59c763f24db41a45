import { toCplexLp, type LpModel, type LpRow, type LpVariable } from "./lp-model";
import type { AllocationSpec, ConstraintId } from "./model";
import { curveSegments, responseSlope } from "./response";

/** A built spec: the LP, and the generated names that map back to units and constraints. */
export interface BuiltSpec {
  readonly model: LpModel;
  readonly lp: string;
  /** xVar[resource][unit]: the LP column holding that amount. */
  readonly xVar: readonly (readonly string[])[];
  /** LP row name → the constraint group it belongs to (link rows are not listed). */
  readonly rowGroup: ReadonlyMap<string, ConstraintId>;
  /** True when the LP has integer or binary columns. */
  readonly isMip: boolean;
}

/** Options for {@link buildSpecLp}. */
export interface BuildOptions {
  /** Constraint groups left out (the conflict search drops them one at a time). */
  readonly disabled?: ReadonlySet<ConstraintId>;
  /** Zero objective: only asks "is there any feasible allocation?". */
  readonly feasibilityOnly?: boolean;
}

/**
 * Writes the spec as an LP (a MILP with integer resources or a coverage rule).
 *
 * Columns: x{r}_{u} amount of resource r on unit u in [min, max] (General when integer); for a
 * concave curve, chords s{r}_{u}_{j} ∈ [0, width] over [0, min(max, total·(1 + 1/(2K)))] (the
 * half-chord overhang keeps the total's shadow price defined: see allocation.ts) plus a tail
 * column priced at the curve's slope at the cut, so dropping a total or a maximum in the
 * conflict search never leaves a hidden cap; linked by x − Σ s = 0. Concave chords fill in
 * order on their own, so no binaries are needed for them.
 * Rows: t{r} Σ_u x ≤ total; g{i}x / g{i}n group shares (Σ_G x − share·Σ_all x ≤ / ≥ 0);
 * q{i}x / q{i}n ratios; coverage f{u}: x ≥ m·z{u} with binary z and cov: Σ z ≥ k; tgt: return ≥ target.
 */
export function buildSpecLp(spec: AllocationSpec, opts: BuildOptions = {}): BuiltSpec {
  const off = opts.disabled ?? new Set<ConstraintId>();
  const variables: LpVariable[] = [];
  const rows: LpRow[] = [];
  const rowGroup = new Map<string, ConstraintId>();
  const ret: [string, number][] = [];
  const obj = spec.objective.type;
  const xVar = spec.resources.map((res, r) => {
    const hasTotal = !off.has(`total:${r}`);
    const payCost = obj === "profit" || obj === "minCost" ? res.cost : 0;
    return spec.units.map((_, u) => {
      const x = `x${r}_${u}`;
      const lower = off.has(`min:${r}`) ? 0 : res.min[u];
      const upper = off.has(`max:${r}`) ? Infinity : res.max[u];
      const curve = res.curves[u];
      const rate = curve.type === "linear" ? curve.rate : 0;
      variables.push({ name: x, lower, upper, cost: -payCost, kind: res.integer ? "integer" : "continuous" });
      if (rate !== 0) ret.push([x, rate]);
      if (curve.type === "linear") return x;
      const upTo = Math.min(upper, (hasTotal ? res.total : Math.max(res.total, lower)) * (1 + 0.5 / spec.segments));
      const link: [string, number][] = [[x, 1]];
      if (upTo > 0) {
        const seg = curveSegments(curve, upTo, spec.segments);
        seg.slopes.forEach((slope, j) => {
          const s = `s${r}_${u}_${j}`;
          variables.push({ name: s, lower: 0, upper: seg.width, cost: 0 });
          ret.push([s, slope]);
          link.push([s, -1]);
        });
      }
      if (upTo < upper) {
        const tail = `s${r}_${u}_t`;
        variables.push({ name: tail, lower: 0, upper: Infinity, cost: 0 });
        ret.push([tail, responseSlope(curve, Math.max(upTo, 0))]);
        link.push([tail, -1]);
      }
      rows.push({ name: `l${r}_${u}`, terms: link, sense: "=", rhs: 0 });
      return x;
    });
  });
  const add = (row: LpRow, id: ConstraintId) => {
    // A group holding every unit at share 1 (say) leaves no terms: it constrains nothing.
    if (row.terms.length === 0) return;
    rows.push(row);
    rowGroup.set(row.name, id);
  };
  spec.resources.forEach((res, r) => {
    if (!off.has(`total:${r}`)) add({ name: `t${r}`, terms: xVar[r].map((x) => [x, 1]), sense: "<=", rhs: res.total }, `total:${r}`);
  });
  spec.groups.forEach((g, i) => {
    if (off.has(`group:${i}`)) return;
    const inG = new Set(g.units);
    const terms = (share: number) => xVar[g.resource].map((x, u): [string, number] => [x, (inG.has(u) ? 1 : 0) - share]).filter(([, c]) => c !== 0);
    if (g.maxShare !== undefined) add({ name: `g${i}x`, terms: terms(g.maxShare), sense: "<=", rhs: 0 }, `group:${i}`);
    if (g.minShare !== undefined) add({ name: `g${i}n`, terms: terms(g.minShare), sense: ">=", rhs: 0 }, `group:${i}`);
  });
  spec.ratios.forEach((q, i) => {
    if (off.has(`ratio:${i}`)) return;
    const [a, b] = [xVar[q.resource][q.unit], xVar[q.resource][q.to]];
    if (q.atMost !== undefined) add({ name: `q${i}x`, terms: [[a, 1], [b, -q.atMost]], sense: "<=", rhs: 0 }, `ratio:${i}`);
    if (q.atLeast !== undefined) add({ name: `q${i}n`, terms: [[a, 1], [b, -q.atLeast]], sense: ">=", rhs: 0 }, `ratio:${i}`);
  });
  const cov = spec.coverage;
  if (cov && !off.has("coverage")) {
    const zs = spec.units.map((_, u) => `z${u}`);
    zs.forEach((z, u) => {
      variables.push({ name: z, lower: 0, upper: 1, cost: 0, kind: "binary" });
      add({ name: `f${u}`, terms: [[xVar[cov.resource][u], 1], [z, -cov.minAmount]], sense: ">=", rhs: 0 }, "coverage");
    });
    add({ name: "cov", terms: zs.map((z) => [z, 1]), sense: ">=", rhs: cov.atLeast }, "coverage");
  }
  if (spec.objective.type === "minCost" && !off.has("target")) {
    if (ret.length === 0) throw new Error("No unit has a positive response, so no target return can be reached");
    add({ name: "tgt", terms: ret, sense: ">=", rhs: spec.objective.target }, "target");
  }
  // Objective: return (+ −cost for profit), or cost alone (minimised) for minCost.
  const retCost = new Map(obj === "minCost" ? [] : ret);
  const priced = variables.map((v) => {
    if (opts.feasibilityOnly) return { ...v, cost: 0 };
    if (obj === "minCost") return { ...v, cost: -v.cost };
    return { ...v, cost: v.cost + (retCost.get(v.name) ?? 0) };
  });
  const model: LpModel = { sense: obj === "minCost" ? "minimize" : "maximize", variables: priced, rows };
  const isMip = priced.some((v) => v.kind === "integer" || v.kind === "binary");
  return { model, lp: toCplexLp(model), xVar, rowGroup, isMip };
}
