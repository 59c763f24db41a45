import { cellKinds } from "../../cells/registry";
import type { EvaluateParams } from "../../cells/evaluate";
import { lines, pyStr } from "../python";
import { refuseIf, type CellGenerator } from "../types";

/**
 * An evaluate cell becomes sklearn.metrics on the model cell's output: its "probability" (or
 * "prediction") against the target, on the chosen split's rows that have both.
 */
export const evaluateGenerator: CellGenerator = (cell, ctx) => {
  const p = cellKinds.evaluate.parse(cell.params) as EvaluateParams;
  const why: string[] = [];
  if (cell.inputs.compare) why.push("the `compare` input (a second model scored beside the first) is not exported yet");
  if (ctx.kindOf(cell.inputs.model) !== "model") why.push("the `model` input must be a model cell to be exported");
  refuseIf(why);
  const up = ctx.varOf(cell.inputs.model);
  const source = lines(
    `# ${cell.title ?? cell.id}`,
    `df = ${up}`,
    `is_clf = "probability" in df.columns`,
    `if is_clf:`,
    `    y = binary_target(df[${pyStr(p.target)}], ${up}_info["positive"] if not pd.api.types.is_numeric_dtype(df[${pyStr(p.target)}]) else None)[0]`,
    `    score = df["probability"].to_numpy(dtype=float)`,
    `else:`,
    `    y, score = df[${pyStr(p.target)}].to_numpy(dtype=float), df["prediction"].to_numpy(dtype=float)`,
    p.split === "all"
      ? `rows = np.ones(len(df), dtype=bool)`
      : `rows = (df["split"] == ${pyStr(p.split)}).to_numpy() if "split" in df.columns else np.ones(len(df), dtype=bool)`,
    `rows = np.flatnonzero(rows & ~np.isnan(y) & ~np.isnan(score))`,
    `scores = binary_metrics(y[rows], score[rows], ${p.threshold}) if is_clf else regression_metrics(y[rows], score[rows])`,
    `${ctx.varOf(cell.id)} = pd.DataFrame([("model", "n", len(rows))] + [("model", k, v) for k, v in scores.items()], columns=["model", "metric", "value"])`,
    `RESULTS[${pyStr(cell.id)}] = {"n": len(rows), "metrics": scores}`,
    `print(json.dumps(RESULTS[${pyStr(cell.id)}], indent=1))`,
  );
  return { cells: [{ type: "code", source }], helpers: ["common", "metrics", "model"] };
};
