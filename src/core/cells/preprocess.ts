import type { CellKind } from "./types";
import { CancelledError, ParamError, throwIfCancelled } from "./types";
import { asObject, readBoolean, type Obj } from "./params";
import type { Table } from "../frame/table";
import type { JsonObject } from "../json";
import { impute, parseImpute, type ImputeOptions } from "../steps/impute";
import { onehot, parseOneHot, type OneHotOptions } from "../steps/onehot";
import { parseScale, scale, type ScaleOptions } from "../steps/scale";
import { parseSplit, split, type SplitOptions } from "../steps/split";
import { StepError, type StepResult } from "../steps/types";

/** One step as listed in the notebook; `enabled: false` keeps it in the list but skips it. */
export type Step = (ImputeOptions | OneHotOptions | ScaleOptions | SplitOptions) & { readonly enabled: boolean };

/** Parameters of a preprocess cell: an ordered list of steps. */
export interface PreprocessParams {
  readonly steps: readonly Step[];
}

const PARSERS: Record<Step["op"], (obj: Obj, path: string) => Omit<Step, "enabled">> = {
  impute: parseImpute,
  onehot: parseOneHot,
  scale: parseScale,
  split: parseSplit,
};

function parseStep(raw: unknown, path: string): Step {
  const obj = asObject(raw, path);
  const op = obj.op;
  if (typeof op !== "string" || !(op in PARSERS)) {
    throw new ParamError(`${path}.op`, `must be one of ${Object.keys(PARSERS).map((o) => `"${o}"`).join(", ")}`);
  }
  return { ...PARSERS[op as Step["op"]](obj, path), enabled: readBoolean(obj, "enabled", path, true) } as Step;
}

function runStep(table: Table, step: Step, seed: number): StepResult {
  switch (step.op) {
    case "impute":
      return impute(table, step);
    case "onehot":
      return onehot(table, step);
    case "scale":
      return scale(table, step);
    case "split":
      return split(table, { ...step, seed: step.seed ?? seed });
  }
}

/**
 * A preprocess cell: runs its enabled steps over the upstream table.
 *
 * Order: the `split` step (at most one) runs FIRST wherever it is listed, because it only adds the
 * "split" column and every fitted step (impute, onehot, scale) must learn from the training rows
 * alone; the other steps then run in the listed order. Without a split step they fit on all rows.
 * A failing step's error names its index and op, e.g. `steps[2] (scale): column "x" is constant`.
 */
export const preprocessCell: CellKind<PreprocessParams> = {
  id: "preprocess",
  title: "Preprocess",
  inputs: ["data"],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    const list = p.steps ?? [];
    if (!Array.isArray(list)) throw new ParamError("params.steps", "must be a list of steps");
    const steps = list.map((s, i) => parseStep(s, `params.steps[${i}]`));
    const splits = steps.flatMap((s, i) => (s.op === "split" && s.enabled ? [i] : []));
    if (splits.length > 1) throw new ParamError(`params.steps[${splits[1]}]`, `only one split step may be enabled (another is steps[${splits[0]}])`);
    return { steps };
  },
  async run(inputs, params, ctx) {
    const input = inputs.data.table;
    const order = params.steps
      .map((step, index) => ({ step, index }))
      .filter(({ step }) => step.enabled)
      .sort((a, b) => Number(b.step.op === "split") - Number(a.step.op === "split") || a.index - b.index);
    let table = input;
    const done: JsonObject[] = [];
    let splitCounts: JsonObject | undefined;
    for (const [k, { step, index }] of order.entries()) {
      throwIfCancelled(ctx.signal);
      ctx.progress(k / Math.max(1, order.length), `steps[${index}] ${step.op}`);
      let result: StepResult;
      try {
        result = runStep(table, step, ctx.seed);
      } catch (e) {
        // Cancellation passes through untouched; anything else gets the step's index and op.
        if (e instanceof CancelledError || !(e instanceof Error)) throw e;
        throw new StepError(`steps[${index}] (${step.op}): ${e.message}`, { cause: e });
      }
      table = result.table;
      done.push({ index, op: step.op, fitted: result.fitted });
      if (step.op === "split") splitCounts = { train: result.fitted.train, test: result.fitted.test };
    }
    ctx.progress(1);
    const summary: JsonObject = {
      rowsBefore: input.nRows,
      rowsAfter: table.nRows,
      columnsBefore: input.columns.length,
      columnsAfter: table.columns.length,
      steps: done,
    };
    if (splitCounts) summary.split = splitCounts;
    return { table, summary };
  },
};
