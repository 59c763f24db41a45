// default_notebook: public/notebooks/default.json, unchanged, on its embedded sample data.
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** Finds the CSV behind a sample source name under public/ or dist/ (for the python baseline). */
function findSampleCsv(root, name, dist) {
  const wanted = new Set([name, `${name}.csv`]);
  for (const dir of [path.join(root, "public"), dist]) {
    const stack = [dir];
    while (stack.length) {
      const d = stack.pop();
      let entries;
      try {
        entries = readdirSync(d, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory()) stack.push(path.join(d, e.name));
        else if (wanted.has(e.name)) return path.join(d, e.name);
      }
    }
  }
  return undefined;
}

export default {
  name: "default_notebook",
  baseline: "default_notebook",
  async prepare({ root, opts }) {
    const file = opts.notebook;
    let doc;
    let error;
    try {
      doc = JSON.parse(await readFile(file, "utf8"));
    } catch (e) {
      error = `cannot read ${path.relative(root, file)}: ${e.message}`;
    }
    const sample = (doc?.cells ?? []).find((c) => c?.kind === "data" && c?.params?.source?.type === "sample");
    const sampleName = sample?.params?.source?.name;
    const baselineCsv = opts.sampleCsv ?? (sampleName ? findSampleCsv(root, sampleName, opts.dist) : undefined);
    return {
      doc, files: [], baselineCsv, error,
      baselineMissing: baselineCsv ? undefined : `no CSV found for sample "${sampleName ?? "?"}" under public/ or dist/ (pass --sample-csv)`,
    };
  },
};
