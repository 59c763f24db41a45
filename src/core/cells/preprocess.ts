import type { CellKind } from "./types";
import { CancelledError, ParamError, throwIfCancelled } from "./types";
import { asObject, readBoolean, type Obj } from "./params";
import type { Table } from "../frame/table";
import type { JsonObject } from "../json";
import * as S from "../steps";
import { FITTED_OPS } from "../steps/catalog";
import { StepError, type StepResult } from "../steps/types";

type Options =
  | S.ImputeOptions | S.OneHotOptions | S.ScaleOptions | S.SplitOptions | S.SelectOptions | S.DropOptions | S.FilterOptions
  | S.DropMissingOptions | S.OrdinalOptions | S.Log1pOptions | S.ClipOptions | S.BinOptions | S.DatePartsOptions
  | S.TimeBucketOptions | S.DeriveOptions | S.AggregateOptions | S.JoinOptions | S.KFoldOptions | S.SelectFeaturesOptions;

/** One step as listed in the notebook; `enabled: false` keeps it in the list but skips it. */
export type Step = Options & { readonly enabled: boolean };

/** Parameters of a preprocess cell: an ordered list of steps. */
export interface PreprocessParams {
  readonly steps: readonly Step[];
}

const PARSERS: Record<Step["op"], (obj: Obj, path: string) => Options> = {
  select: S.parseSelect,
  drop: S.parseDrop,
  filter: S.parseFilter,
  drop_missing: S.parseDropMissing,
  impute: S.parseImpute,
  onehot: S.parseOneHot,
  ordinal: S.parseOrdinal,
  scale: S.parseScale,
  log1p: S.parseLog1p,
  clip: S.parseClip,
  bin: S.parseBin,
  date_parts: S.parseDateParts,
  time_bucket: S.parseTimeBucket,
  derive: S.parseDerive,
  aggregate: S.parseAggregate,
  join: S.parseJoin,
  split: S.parseSplit,
  kfold: S.parseKFold,
  select_features: S.parseSelectFeatures,
};

function parseStep(raw: unknown, path: string): Step {
  const obj = asObject(raw, path);
  const op = obj.op;
  if (typeof op !== "string" || !Object.hasOwn(PARSERS, op)) {
    throw new ParamError(`${path}.op`, `must be one of ${Object.keys(PARSERS).map((o) => `"${o}"`).join(", ")}`);
  }
  return { ...PARSERS[op as Step["op"]](obj, path), enabled: readBoolean(obj, "enabled", path, true) } as Step;
}

function runStep(table: Table, step: Step, seed: number, right: Table | undefined): StepResult {
  switch (step.op) {
    case "select": return S.select(table, step);
    case "drop": return S.drop(table, step);
    case "filter": return S.filter(table, step);
    case "drop_missing": return S.dropMissing(table, step);
    case "impute": return S.impute(table, step);
    case "onehot": return S.onehot(table, step);
    case "ordinal": return S.ordinal(table, step);
    case "scale": return S.scale(table, step);
    case "log1p": return S.log1p(table, step);
    case "clip": return S.clip(table, step);
    case "bin": return S.bin(table, step);
    case "date_parts": return S.dateParts(table, step);
    case "time_bucket": return S.timeBucket(table, step);
    case "derive": return S.derive(table, step);
    case "aggregate": return S.aggregate(table, step);
    case "join": return S.join(table, right, step);
    case "split": return S.split(table, { ...step, seed: step.seed ?? seed });
    case "kfold": return S.kfold(table, { ...step, seed: step.seed ?? seed });
    case "select_features": return S.selectFeatures(table, step);
  }
}

/**
 * The order steps run in: as listed, except that the split step moves up to just before the
 * first fitted step (impute, onehot, ordinal, scale, clip, bin, kfold, select_features) when it
 * is listed after one, so that every fitted step learns from the training rows alone. Steps
 * listed before that (filter, join, aggregate, derive...) still run before the split, so a
 * split is drawn on the rows that reach the model.
 */
export function runOrder(steps: readonly Step[]): { step: Step; index: number }[] {
  const order = steps.map((step, index) => ({ step, index })).filter(({ step }) => step.enabled);
  const s = order.findIndex(({ step }) => step.op === "split");
  const f = order.findIndex(({ step }) => FITTED_OPS.has(step.op));
  if (s >= 0 && f >= 0 && f < s) order.splice(f, 0, ...order.splice(s, 1));
  return order;
}

/**
 * A preprocess cell: runs its enabled steps over the upstream table ("data"); a join step reads
 * the optional "right" input. A failing step's error names its index and op, e.g.
 * `steps[2] (scale): column "x" is constant`. The summary lists, per step, the rows and columns
 * before and after it, and what it fitted.
 */
export const preprocessCell: CellKind<PreprocessParams> = {
  id: "preprocess",
  title: "Preprocess",
  inputs: ["data"],
  optionalInputs: ["right"],
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
    const right = inputs.right?.table;
    const order = runOrder(params.steps);
    let table = input;
    const done: JsonObject[] = [];
    let splitCounts: JsonObject | undefined;
    for (const [k, { step, index }] of order.entries()) {
      throwIfCancelled(ctx.signal);
      ctx.progress(k / Math.max(1, order.length), `steps[${index}] ${step.op}`);
      let result: StepResult;
      try {
        result = runStep(table, step, ctx.seed, right);
      } catch (e) {
        // Cancellation passes through untouched; anything else gets the step's index and op.
        if (e instanceof CancelledError || !(e instanceof Error)) throw e;
        throw new StepError(`steps[${index}] (${step.op}): ${e.message}`, { cause: e });
      }
      done.push({
        index, op: step.op,
        rowsBefore: table.nRows, rowsAfter: result.table.nRows,
        columnsBefore: table.columns.length, columnsAfter: result.table.columns.length,
        fitted: result.fitted,
      });
      table = result.table;
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
