import { ParamError } from "../cells/types";
import { asObject, readBoolean, readEnum, readNumber, readString, readStringArray, type Obj } from "../cells/params";
import { readRowFilter, type RowFilter } from "../forecast/row-filter";
import type { Objective } from "./model";
import { parseResponse, readAmount, type Amount, type ResponseParam } from "./params-response";

/** One resource to split over the units (budget, headcount, ...). */
export interface ResourceParam {
  readonly name: string;
  /** Output column for its amounts ("spend" for the original single-budget form). */
  readonly column: string;
  readonly total: number;
  readonly integer: boolean;
  /** Cost per unit of the resource (profit / minCost objectives); default 1. */
  readonly cost: number;
  readonly min: Amount;
  readonly max?: Amount;
  readonly response: ResponseParam;
}

/** A share limit on a set of units: from a column's values (one limit per value) or a list. */
export interface GroupParam {
  readonly column?: string;
  readonly units?: readonly string[];
  readonly name?: string;
  readonly resource: string;
  readonly maxShare?: number;
  readonly minShare?: number;
}

/** amount(unit) ≤ atMost × amount(to), ≥ atLeast × amount(to). */
export interface RatioParam {
  readonly unit: string;
  readonly to: string;
  readonly resource: string;
  readonly atMost?: number;
  readonly atLeast?: number;
}

/** The problem part of the parameters (a scenario is another one of these). */
export interface AllocateProblemParams {
  /** Column whose distinct values are the units; or `unitColumns`: each column is a unit. */
  readonly unit?: string;
  readonly unitColumns?: readonly string[];
  /** Numeric column summed per unit: the unit's base value (needed by liftShare responses). */
  readonly value?: string;
  readonly filter?: RowFilter;
  readonly resources: readonly ResourceParam[];
  readonly groups: readonly GroupParam[];
  readonly ratios: readonly RatioParam[];
  readonly coverage?: { readonly atLeast: number; readonly minAmount: number; readonly resource: string };
  readonly objective: Objective;
  readonly segments: number;
  /** True for the original `{budget, min, max, response}` form (its summary keeps `budget`). */
  readonly legacy: boolean;
}

/** Parses the problem part; `path` prefixes field names in errors. */
export function parseProblem(o: Obj, path: string): AllocateProblemParams {
  const wide = o.unitColumns !== undefined && o.unitColumns !== null;
  const unitColumns = wide ? readStringArray(o, "unitColumns", path) : undefined;
  if (unitColumns && unitColumns.length < 1) throw new ParamError(`${path}.unitColumns`, "must name at least one column");
  const unit = wide ? undefined : readString(o, "unit", path);
  const value = o.value === undefined || o.value === null ? undefined : readString(o, "value", path);
  const filter = readRowFilter(o, "filter", path);
  const legacy = o.resources === undefined;
  if (!legacy && o.budget !== undefined) throw new ParamError(`${path}.budget`, "give either budget (one resource) or resources, not both");
  const resources = legacy ? [legacyResource(o, path, wide)] : readList(o, "resources", path).map((r, i) => parseResource(r, `${path}.resources[${i}]`, wide));
  if (resources.length === 0) throw new ParamError(`${path}.resources`, "must list at least one resource");
  const names = resources.map((r) => r.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) throw new ParamError(`${path}.resources[${i}].name`, `"${n}" is used twice`);
  });
  const resOf = (x: Obj, p: string) => {
    const name = x.resource === undefined ? names[0] : readString(x, "resource", p);
    if (!names.includes(name)) throw new ParamError(`${p}.resource`, `"${name}" is not one of the resources (${names.join(", ")})`);
    return name;
  };
  resources.forEach((r, i) => {
    if (r.response.type === "saturating" && "liftShare" in r.response && !value) throw new ParamError(`${path}.value`, `is needed by resources[${i}].response.liftShare (the base the lift is a share of)`);
  });
  const groups = readList(o, "groups", path).map((g, i): GroupParam => {
    const p = `${path}.groups[${i}]`;
    const share = (k: string) => (g[k] === undefined ? undefined : readNumber(g, k, p, { min: 0, max: 1 }));
    const [maxShare, minShare] = [share("maxShare"), share("minShare")];
    if (maxShare === undefined && minShare === undefined) throw new ParamError(`${p}.maxShare`, "give maxShare and/or minShare (fractions of the resource, e.g. 0.4)");
    const base = { resource: resOf(g, p), ...(maxShare !== undefined ? { maxShare } : {}), ...(minShare !== undefined ? { minShare } : {}) };
    if (g.units !== undefined) return { ...base, units: readStringArray(g, "units", p), name: readString(g, "name", p, `units ${(g.units as string[]).join(", ")}`) };
    if (wide) throw new ParamError(`${p}.units`, "with unitColumns, a group must list its units");
    return { ...base, column: readString(g, "column", p) };
  });
  const ratios = readList(o, "ratios", path).map((q, i): RatioParam => {
    const p = `${path}.ratios[${i}]`;
    const lim = (k: string) => (q[k] === undefined ? undefined : readNumber(q, k, p, { min: 0 }));
    const [atMost, atLeast] = [lim("atMost"), lim("atLeast")];
    if (atMost === undefined && atLeast === undefined) throw new ParamError(`${p}.atMost`, "give atMost and/or atLeast (e.g. 2 for at most twice)");
    return { unit: readString(q, "unit", p), to: readString(q, "to", p), resource: resOf(q, p), ...(atMost !== undefined ? { atMost } : {}), ...(atLeast !== undefined ? { atLeast } : {}) };
  });
  let coverage: AllocateProblemParams["coverage"];
  if (o.coverage !== undefined && o.coverage !== null) {
    const c = asObject(o.coverage, `${path}.coverage`);
    const p = `${path}.coverage`;
    coverage = { atLeast: readNumber(c, "atLeast", p, { min: 1, integer: true }), minAmount: readNumber(c, "minAmount", p, { fallback: 1 }), resource: resOf(c, p) };
    if (!(coverage.minAmount > 0)) throw new ParamError(`${p}.minAmount`, "must be greater than 0 (the amount that counts as funded)");
  }
  return {
    ...(unit ? { unit } : {}),
    ...(unitColumns ? { unitColumns } : {}),
    ...(value ? { value } : {}),
    ...(filter ? { filter } : {}),
    resources,
    groups,
    ratios,
    ...(coverage ? { coverage } : {}),
    objective: parseObjective(o.objective, `${path}.objective`),
    segments: readNumber(o, "segments", path, { fallback: 20, min: 1, max: 500, integer: true }),
    legacy,
  };
}

function legacyResource(o: Obj, path: string, wide: boolean): ResourceParam {
  const total = readNumber(o, "budget", path);
  if (!(total > 0)) throw new ParamError(`${path}.budget`, "must be a number greater than 0");
  const limits = readLimits(o, path, wide);
  return { name: "budget", column: "spend", total, integer: false, cost: 1, ...limits, response: parseResponse(o.response, `${path}.response`, wide) };
}

function parseResource(raw: Obj, path: string, wide: boolean): ResourceParam {
  const name = readString(raw, "name", path);
  const total = readNumber(raw, "total", path);
  if (!(total > 0)) throw new ParamError(`${path}.total`, "must be a number greater than 0");
  const integer = readBoolean(raw, "integer", path, false);
  if (integer && !Number.isInteger(total)) throw new ParamError(`${path}.total`, "must be a whole number for an integer resource");
  return {
    name,
    column: name,
    total,
    integer,
    cost: readNumber(raw, "cost", path, { fallback: 1, min: 0 }),
    ...readLimits(raw, path, wide),
    response: parseResponse(raw.response, `${path}.response`, wide),
  };
}

function readLimits(o: Obj, path: string, wide: boolean): { min: Amount; max?: Amount } {
  const min = o.min === undefined || o.min === null ? 0 : readAmount(o, "min", path, wide, { min: 0 });
  const max = o.max === undefined || o.max === null ? undefined : readAmount(o, "max", path, wide, { min: 0 });
  if (typeof min === "number" && typeof max === "number" && min > max) throw new ParamError(`${path}.min`, `(${min}) is above ${path}.max (${max})`);
  return { min, ...(max !== undefined ? { max } : {}) };
}

function parseObjective(raw: unknown, path: string): Objective {
  if (raw === undefined || raw === null) return { type: "return" };
  const o = typeof raw === "string" ? { type: raw } : asObject(raw, path);
  const type = readEnum(o, "type", path, ["return", "profit", "minCost"] as const);
  if (type !== "minCost") return { type };
  const target = readNumber(o, "target", path);
  if (!(target > 0)) throw new ParamError(`${path}.target`, "must be a return greater than 0");
  return { type, target };
}

/** An optional list of objects (default []). */
export function readList(o: Obj, key: string, path: string): Obj[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ParamError(`${path}.${key}`, "must be a list");
  return v.map((x, i) => asObject(x, `${path}.${key}[${i}]`));
}
