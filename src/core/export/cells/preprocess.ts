import { cellKinds } from "../../cells/registry";
import { runOrder, type PreprocessParams } from "../../cells/preprocess";
import { lines, pyStr } from "../python";
import { refuseIf, type CellGenerator } from "../types";
import { EXPORTED_OPS, stepLines } from "./preprocess-steps";

/**
 * A preprocess cell becomes its steps in the order the app runs them (the split moved before the
 * first fitted step, so nothing is learned from test rows), each fitted on train_mask(df).
 */
export const preprocessGenerator: CellGenerator = (cell, ctx) => {
  const p = cellKinds.preprocess.parse(cell.params) as PreprocessParams;
  const order = runOrder(p.steps);
  refuseIf(
    order.filter(({ step }) => !EXPORTED_OPS.has(step.op)).map(({ step, index }) => `step ${index} (\`${step.op}\`) is not exported yet`),
  );
  const v = ctx.varOf(cell.id);
  const up = ctx.varOf(cell.inputs.data);
  const body = order.flatMap(({ step, index }) => [`# steps[${index}]: ${step.op}`, ...stepLines(step, ctx.doc.settings.seed)]);
  const source = lines(
    `# ${cell.title ?? cell.id}`,
    `df = ${up}.copy()`,
    "fitted = {}",
    ...body,
    `${v} = df`,
    `RESULTS[${pyStr(cell.id)}] = {"rows": len(${v}), "columns": ${v}.shape[1], **fitted}`,
    `print(f"${cell.id}: {len(${v}):,} rows x {${v}.shape[1]} columns")`,
    "print(json.dumps(fitted, indent=1, default=str))",
  );
  return { cells: [{ type: "code", source }], helpers: order.some(({ step }) => step.op !== "select" && step.op !== "drop") ? ["common", "split", "steps"] : ["common"] };
};
