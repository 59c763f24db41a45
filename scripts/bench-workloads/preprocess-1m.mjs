// preprocess_1M: data cell → preprocess cell running PREPROCESS_1M_STEPS (src/core/steps/benchmark.ts)
// on the generated deals table (makePreprocessBenchmarkTable's columns and draws, as CSV).
import { readFileSync } from "node:fs";
import path from "node:path";
import { writePreprocessCsv } from "../make-bench-data.mjs";
import { fileCell, generate, notebook } from "./common.mjs";

const FILE = "preprocess.csv";

/**
 * The step list, read from src/core/steps/benchmark.ts so the notebook runs exactly the steps the
 * project defines (the array literal there is plain JSON-like JS).
 */
export function preprocessSteps(root) {
  const src = readFileSync(path.join(root, "src/core/steps/benchmark.ts"), "utf8");
  const m = /PREPROCESS_1M_STEPS[^=]*=\s*(\[[\s\S]*?\n\]);/.exec(src);
  if (!m) throw new Error("cannot find PREPROCESS_1M_STEPS in src/core/steps/benchmark.ts");
  const steps = new Function(`return (${m[1]});`)();
  if (!Array.isArray(steps) || !steps.every((s) => s && typeof s.op === "string")) throw new Error("PREPROCESS_1M_STEPS is not a list of steps");
  return steps;
}

export default {
  name: "preprocess_1M",
  defaultRows: 1_000_000,
  baseline: "preprocess_1M",
  async prepare({ root, tmp, opts, log }) {
    const rows = opts.rows ?? this.defaultRows;
    const csv = path.join(tmp, FILE);
    await generate(log, `${rows.toLocaleString("en-US")} deals rows (preprocess_1M)`, writePreprocessCsv, csv, rows, 1);
    const steps = preprocessSteps(root);
    const doc = notebook("preprocess_1M", [fileCell("deals", FILE), { id: "prep", kind: "preprocess", inputs: { data: "deals" }, params: { steps } }], opts.backend);
    return { doc, files: [{ name: FILE, file: csv }], baselineCsv: csv, baselineParams: { steps }, focus: "prep" };
  },
};
