// Helpers shared by the workload modules of scripts/bench.mjs.
import path from "node:path";

/** A notebook document (docs/notebook-format.md) with the given cells. */
export function notebook(title, cells, backend) {
  return { format: "sales-notebook", version: 1, title: `bench: ${title}`, settings: { backend: backend ?? "auto", seed: 42, autorun: false }, cells };
}

/** A data cell reading the file bound under `name` (extra params: delimiter, header, types...). */
export function fileCell(id, name, extra = {}) {
  return { id, kind: "data", inputs: {}, params: { source: { type: "file", name }, ...extra } };
}

/** The repository's ../shared/data folder (beside the repo, as CI and developers have it). */
export function sharedData(root, ...parts) {
  return path.resolve(root, "..", "shared", "data", ...parts);
}

/** Generates `file` with `gen(file, rows)` and logs its size. */
export async function generate(log, what, gen, file, ...args) {
  log(`[bench] generating ${what} ... `);
  const g = await gen(file, ...args);
  log(`${(g.bytes / 1e6).toFixed(1)} MB\n`);
  return g;
}
