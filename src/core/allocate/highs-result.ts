import type { LpSolution } from "../cells/types";

/**
 * Maps the `highs` npm package's one-shot result (`{Status, ObjectiveValue, Columns: {name:
 * {Primal, Dual}}, Rows: [{Name, Primal, Dual}]}`) to the core's {@link LpSolution}.
 *
 * Typed on `unknown` so the core never imports the package: the worker and the Node test
 * context load HiGHS and pass its raw answer through here. Statuses without a solution
 * (Infeasible, load errors, ...) carry no Primal/Dual fields; their maps stay empty and
 * `objective` is NaN, so nothing downstream mistakes them for numbers.
 */
export function toLpSolution(raw: unknown): LpSolution {
  if (raw === null || typeof raw !== "object") throw new Error("HiGHS returned no result");
  const r = raw as { Status?: unknown; ObjectiveValue?: unknown; Columns?: unknown; Rows?: unknown };
  const status = typeof r.Status === "string" ? r.Status : "Unknown";
  const primal: Record<string, number> = {};
  const dual: Record<string, number> = {};
  if (r.Columns && typeof r.Columns === "object") {
    for (const [name, col] of Object.entries(r.Columns as Record<string, { Primal?: unknown }>)) {
      if (typeof col?.Primal === "number") primal[name] = col.Primal;
    }
  }
  if (Array.isArray(r.Rows)) {
    for (const row of r.Rows as { Name?: unknown; Dual?: unknown }[]) {
      if (typeof row?.Name === "string" && typeof row.Dual === "number") dual[row.Name] = row.Dual;
    }
  }
  const hasSolution = Object.keys(primal).length > 0;
  const objective = hasSolution && typeof r.ObjectiveValue === "number" ? r.ObjectiveValue : NaN;
  return { status, objective, primal, dual };
}
