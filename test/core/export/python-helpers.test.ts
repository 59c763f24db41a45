// The Python helpers the exported notebook relies on, checked against the app's own code.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataCell } from "../../../src/core/cells/data";
import { getString } from "../../../src/core/frame/table";
import { PY_COMMON } from "../../../src/core/export/py/common";
import { PY_SPLIT } from "../../../src/core/export/py/split";
import { split } from "../../../src/core/steps";
import { nodeContext, repoRoot } from "../../helpers/node-context";

const PYTHON = "/usr/bin/python3";
const hasPython = spawnSync(PYTHON, ["-c", "import pandas, numpy"], { encoding: "utf8" }).status === 0;
const PRELUDE = "import csv, decimal, json, math\nimport numpy as np\nimport pandas as pd\n";

function python(code: string): any {
  const run = spawnSync(PYTHON, ["-c", `${PRELUDE}${PY_COMMON}\n${PY_SPLIT}\n${code}`], { encoding: "utf8", timeout: 30_000 });
  if (run.status !== 0) throw new Error(run.stderr.slice(-2000));
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!);
}

describe("python helpers of the exported notebook", () => {
  it.skipIf(!hasPython)("js_str writes numbers as JavaScript's String() does (skipped without /usr/bin/python3 with pandas)", () => {
    const values = [0, 1, -1, 0.1, 1.5, 123456789, 1e21, 1.5e21, 1e-7, 1.25e-7, 0.000001, 0.0000015, 2 ** 53, 1 / 3, -2.5e-10, 54, 1e300];
    expect(python(`print(json.dumps([js_str(v) for v in ${JSON.stringify(values)}]))`)).toEqual(values.map(String));
  });

  it.skipIf(!hasPython)("split_labels picks exactly the app's test rows, stratified on text or numbers, for several seeds (skipped without /usr/bin/python3 with pandas)", async () => {
    const csv = path.join(repoRoot, "public/data/opportunities.csv");
    const table = (await dataCell.run({}, dataCell.parse({ source: { type: "sample", name: "opportunities" } }), nodeContext())).table;
    const cases = [
      { test: 0.2, seed: 42, stratify: "won" },
      { test: 0.3, seed: 7, stratify: "region" },
      { test: 0.25, seed: 123456, stratify: undefined },
    ];
    const py = python(
      `df = pd.read_csv(${JSON.stringify(csv)})\n` +
        `print(json.dumps([[int(i) for i in np.flatnonzero(split_labels(df, t, s, st) == "test")] for t, s, st in ` +
        `${JSON.stringify(cases.map((c) => [c.test, c.seed, c.stratify ?? null])).replaceAll("null", "None")}]))`,
    );
    cases.forEach((c, k) => {
      const labels = getString(split(table, { op: "split", ...c }).table, "split").values;
      const app = [...labels.keys()].filter((i) => labels[i] === "test");
      expect(py[k]).toEqual(app);
    });
  });
});
