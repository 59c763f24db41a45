/** The profile as plain JSON for a cell summary (the UI's profile card and the headless runner read it). */
import type { Json, JsonObject } from "../json";
import type { TableProfile } from "./profile";

function num(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : v;
}

/** One JSON object per column, with numbers that JSON can hold (NaN and infinities become null). */
export function profileToJson(profile: TableProfile): JsonObject[] {
  return profile.columns.map((p): JsonObject => {
    const o: Record<string, Json> = {
      name: p.name,
      type: p.type,
      kind: p.kind,
      missing: p.missing,
      invalid: p.invalid,
      distinct: p.distinct,
      distinctCapped: p.distinctCapped,
      min: num(p.min),
      max: num(p.max),
      mean: num(p.mean),
      std: num(p.std),
      q25: num(p.q25),
      median: num(p.median),
      q75: num(p.q75),
      histogram: [...p.histogram],
      top: p.top.map((t) => ({ value: t.value, count: t.count })),
      flags: [...p.flags],
    };
    if (p.dateFormat) o.dateFormat = p.dateFormat;
    if (p.note) o.note = p.note;
    return o;
  });
}
