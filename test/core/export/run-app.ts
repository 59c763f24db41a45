// Runs a notebook's cells in Node without the scheduler: each kind's parse + run in dependency
// order, as the core cell tests do, so a test can compare the app's own figures with Python's.
import { cellKinds } from "../../../src/core/cells/registry";
import type { CellOutput } from "../../../src/core/cells/types";
import type { NotebookDocument } from "../../../src/core/notebook/types";
import { nodeContext } from "../../helpers/node-context";

/** Every cell's output by id; throws the first cell error with the cell's id. */
export async function runNotebookInNode(doc: NotebookDocument): Promise<Record<string, CellOutput>> {
  const outputs: Record<string, CellOutput> = {};
  const pending = [...doc.cells];
  while (pending.length) {
    // The next cell whose inputs have all run: the document order need not be topological.
    const i = pending.findIndex((c) => Object.values(c.inputs).every((id) => id in outputs));
    if (i < 0) throw new Error(`cells ${pending.map((c) => c.id).join(", ")} wait on missing inputs`);
    const [cell] = pending.splice(i, 1);
    const kind = cellKinds[cell.kind];
    const inputs = Object.fromEntries(Object.entries(cell.inputs).map(([port, id]) => [port, outputs[id]]));
    try {
      outputs[cell.id] = await kind.run(inputs, kind.parse(cell.params), nodeContext({ seed: doc.settings.seed }));
    } catch (e) {
      throw new Error(`cell ${cell.id}: ${(e as Error).message}`, { cause: e });
    }
  }
  return outputs;
}
