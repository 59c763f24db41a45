// allocate_10k: data cell (one row per unit) → allocate cell: 10,000 units, saturating responses
// cut into 10 chords, per-unit min/max, one budget of 1,000 × units. The shape of
// buildAllocate10k (src/core/allocate/benchmark.ts); see writeAllocateCsv for the one difference.
import path from "node:path";
import { writeAllocateCsv } from "../make-bench-data.mjs";
import { fileCell, generate, notebook } from "./common.mjs";

const FILE = "units.csv";
const UNITS = 10_000;
const SEGMENTS = 10;

export default {
  name: "allocate_10k",
  baseline: "allocate_10k",
  async prepare({ tmp, opts, log }) {
    const csv = path.join(tmp, FILE);
    await generate(log, `${UNITS.toLocaleString("en-US")} units (allocate_10k)`, writeAllocateCsv, csv, UNITS, 42);
    const params = {
      unit: "unit",
      value: "value",
      resources: [{ name: "budget", total: 1_000 * UNITS, min: "min", max: "max", response: { type: "saturating", a: "a", b: "b" } }],
      segments: SEGMENTS,
    };
    const doc = notebook("allocate_10k", [fileCell("units", FILE), { id: "alloc", kind: "allocate", inputs: { data: "units" }, params }], opts.backend);
    return { doc, files: [{ name: FILE, file: csv }], baselineCsv: csv, baselineParams: { total: 1_000 * UNITS, segments: SEGMENTS }, focus: "alloc" };
  },
};
