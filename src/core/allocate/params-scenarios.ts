import { ParamError } from "../cells/types";
import { asObject, readNumber, readString, type Obj } from "../cells/params";
import { parseProblem, readList, type AllocateProblemParams } from "./params";

/** A named variant of the base problem, solved beside it. */
export interface ScenarioParam {
  readonly name: string;
  readonly problem: AllocateProblemParams;
  /** Multiplies every response (a number) or named units' responses (a map). */
  readonly responseMultiplier: number | Readonly<Record<string, number>>;
}

/** Total of one resource from `from`× to `to`× its base, at `points` evenly spaced multipliers. */
export interface SweepParam {
  readonly resource: string;
  readonly from: number;
  readonly to: number;
  readonly points: number;
}

/**
 * Scenarios: `{name, totals?: {resource: total}, responseMultiplier?, overrides?: {...params}}`.
 * `overrides` replaces top-level parameters (min, max, groups, coverage, objective, ...) and
 * `totals` sets totals by resource name; the result is validated like the base, with errors
 * naming `params.scenarios[i]....`.
 */
export function parseScenarios(o: Obj, base: AllocateProblemParams): ScenarioParam[] {
  const seen = new Set<string>(["base"]);
  return readList(o, "scenarios", "params").map((s, i) => {
    const p = `params.scenarios[${i}]`;
    const name = readString(s, "name", p);
    if (seen.has(name)) throw new ParamError(`${p}.name`, `"${name}" is used twice (or is "base")`);
    seen.add(name);
    const overrides = s.overrides === undefined ? {} : asObject(s.overrides, `${p}.overrides`);
    const raw: Record<string, unknown> = { ...o, ...overrides };
    if (s.totals !== undefined) {
      const totals = asObject(s.totals, `${p}.totals`);
      for (const key of Object.keys(totals)) {
        const t = readNumber(totals, key, `${p}.totals`);
        if (base.legacy) {
          if (key !== "budget") throw new ParamError(`${p}.totals.${key}`, 'is not a resource; the only one is "budget"');
          raw.budget = t;
        } else {
          const list = (raw.resources as Obj[] | undefined) ?? [];
          const at = list.findIndex((r) => r?.name === key);
          if (at < 0) throw new ParamError(`${p}.totals.${key}`, "is not one of the resources");
          raw.resources = list.map((r, j) => (j === at ? { ...r, total: t } : r));
        }
      }
    }
    let problem: AllocateProblemParams;
    try {
      problem = parseProblem(raw, "params");
    } catch (e) {
      if (e instanceof ParamError) throw new ParamError(`${p}.${e.path.replace(/^params\./, "")}`, e.message.slice(e.path.length + 2));
      throw e;
    }
    return { name, problem, responseMultiplier: readMultiplier(s, p) };
  });
}

function readMultiplier(s: Obj, p: string): number | Record<string, number> {
  const m = s.responseMultiplier;
  if (m === undefined || m === null) return 1;
  if (typeof m === "number") return readNumber(s, "responseMultiplier", p, { min: 0 });
  const o = asObject(m, `${p}.responseMultiplier`);
  const out: Record<string, number> = {};
  for (const k of Object.keys(o)) out[k] = readNumber(o, k, `${p}.responseMultiplier`, { min: 0 });
  return out;
}

/** Reads the optional sweep; default 10 points from 0.25× to 2× of the first resource. */
export function parseSweep(o: Obj, base: AllocateProblemParams): SweepParam | undefined {
  if (o.sweep === undefined || o.sweep === null || o.sweep === false) return undefined;
  const s = o.sweep === true ? {} : asObject(o.sweep, "params.sweep");
  const names = base.resources.map((r) => r.name);
  const resource = s.resource === undefined ? names[0] : readString(s, "resource", "params.sweep");
  if (!names.includes(resource)) throw new ParamError("params.sweep.resource", `"${resource}" is not one of the resources (${names.join(", ")})`);
  const from = readNumber(s, "from", "params.sweep", { fallback: 0.25, min: 0 });
  const to = readNumber(s, "to", "params.sweep", { fallback: 2, min: 0 });
  if (!(to > from)) throw new ParamError("params.sweep.to", `must be above from (${from})`);
  return { resource, from, to, points: readNumber(s, "points", "params.sweep", { fallback: 10, min: 2, max: 100, integer: true }) };
}
