import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { basketCell } from "../../../src/core/cells/basket";
import { clvCell } from "../../../src/core/cells/clv";
import { rfmCell } from "../../../src/core/cells/rfm";
import { parseCsv } from "../../../src/core/frame";
import { newCell } from "../../../src/state/new-cell";
import { nodeContext, repoRoot } from "../../helpers/node-context";

// A new rfm/clv/basket cell, with its default parameters, runs on the shipped order_lines sample.
describe("customer cells on the shipped sample", () => {
  const table = parseCsv(readFileSync(path.join(repoRoot, "public/data/order_lines.csv")));
  const input = { data: { table, summary: {} } };
  it.each([
    ["rfm", rfmCell],
    ["clv", clvCell],
    ["basket", basketCell],
  ] as const)("%s runs with its new-cell defaults", async (kind, cellKind) => {
    const params = (cellKind as typeof rfmCell).parse(newCell(kind, [], 0).params);
    const out = await (cellKind as typeof rfmCell).run(input, params, nodeContext());
    expect(out.table.nRows).toBeGreaterThan(0);
  });
});
