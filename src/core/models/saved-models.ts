/**
 * Trained models as records and back: what lets a model cell restore its model after a reload
 * instead of training again, and use a model file someone exported.
 */
import type { Json } from "../json";
import type { FitContext, Task, TrainedModel } from "./algorithm";
import { ALGORITHMS } from "./algorithms";
import type { DesignMatrix } from "./design-matrix";
import { hashDesign, hashText, MODEL_FORMAT, MODEL_VERSION, recordBytes, type ModelRecord, type ModelStore, type TrainingInfo } from "./model-record";

/** What a model cell trains: everything besides the data that decides the fitted model. */
export interface FitSpec {
  readonly algorithm: string;
  readonly task: Task;
  readonly target: string;
  readonly options: Json;
  readonly positive?: string;
  readonly negative?: string;
  readonly seed: number;
}

/**
 * The store key of a fit: its settings and the training matrix's shape and feature names. Two fits
 * with the same key differ at most in the numbers, which the record's dataHash then tells apart.
 */
export function modelKey(spec: FitSpec, train: DesignMatrix): string {
  const { algorithm, task, target, options, positive, negative, seed } = spec;
  return `${algorithm}:${hashText(JSON.stringify([MODEL_VERSION, algorithm, task, target, options, positive ?? null, negative ?? null, seed, train.features, train.n, train.p]))}`;
}

/** The record of a fitted model. */
export async function toRecord(trained: TrainedModel, spec: FitSpec, training: TrainingInfo): Promise<ModelRecord> {
  return {
    format: MODEL_FORMAT, version: MODEL_VERSION,
    algorithm: spec.algorithm, task: spec.task, target: spec.target, features: [...trained.features],
    ...(spec.positive !== undefined ? { positive: spec.positive, negative: spec.negative } : {}),
    options: spec.options, fitted: trained.summary, extras: trained.extras, warnings: [...trained.warnings],
    parameters: await trained.save(),
    training,
  };
}

/** The model a record holds, predicting as it did when fitted; throws SavedModelError on a bad shape. */
export async function fromRecord(record: ModelRecord): Promise<TrainedModel> {
  const algorithm = ALGORITHMS[record.algorithm];
  const predictor = await algorithm.restore(record.parameters, record.features, record.task);
  return {
    ...predictor,
    features: record.features,
    summary: record.fitted,
    extras: record.extras,
    warnings: record.warnings,
    save: async () => record.parameters,
  };
}

/** A fit, or the stored model of the very same fit. */
export interface FitOutcome {
  readonly trained: TrainedModel;
  readonly training: TrainingInfo;
  /** True when the model came from the store instead of training. */
  readonly restored: boolean;
  /** The model's key in the store, when it is (now) stored there. */
  readonly storeKey?: string;
  /** Why a model that should have been stored was not (e.g. the storage quota). */
  readonly storeWarning?: string;
}

/**
 * Restores the stored model of this exact fit (same settings, same seed, the same training numbers
 * bit for bit) or fits it, then stores fits that took the store's saveAfterMs or longer. `options` are the
 * algorithm's parsed hyperparameters (spec.options is their JSON).
 */
export async function fitOrRestore(
  train: DesignMatrix, spec: FitSpec, options: unknown, ctx: FitContext & { readonly models?: ModelStore; readonly backend?: string },
): Promise<FitOutcome> {
  const store = ctx.models;
  const key = store ? modelKey(spec, train) : undefined;
  // The hash reads the whole training matrix: computed once, and only when a store needs it.
  let dataHash: string | undefined;
  const hash = () => (dataHash ??= hashDesign(train));
  if (store && key) {
    // A store that cannot be read (private mode, a blocked database) only means training again.
    const found = await store.get(key).catch(() => undefined);
    if (found && found.training.dataHash === hash()) {
      ctx.progress(0, "restoring the stored model");
      try {
        const trained = await fromRecord(found);
        ctx.progress(1, "restored");
        return { trained, training: found.training, restored: true, storeKey: key };
      } catch {
        // A record this build cannot read back (an older format): train again and replace it.
      }
    }
  }
  const started = Date.now();
  const trained = await ALGORITHMS[spec.algorithm].fit(train, spec.task, options, ctx);
  const ms = Date.now() - started;
  const training: TrainingInfo = { rows: train.n, seed: spec.seed, trainedAt: new Date().toISOString(), ms, ...(ctx.backend ? { backend: ctx.backend } : {}) };
  if (!store || !key || ms < store.saveAfterMs) return { trained, training, restored: false };
  const tooLarge = (bytes: number): FitOutcome => ({
    trained, training, restored: false,
    storeWarning: `The trained model takes ${megabytes(bytes)}, more than the ${megabytes(store.maxBytes)} kept per model in this browser; it will train again after a reload`,
  });
  // Checked before saving too: packing a huge forest only to drop it would cost its size again in memory.
  if ((trained.savedBytes ?? 0) > store.maxBytes) return tooLarge(trained.savedBytes!);
  const stored: TrainingInfo = { ...training, dataHash: hash() };
  try {
    const record = await toRecord(trained, spec, stored);
    const bytes = recordBytes(record);
    if (bytes > store.maxBytes) return tooLarge(bytes);
    await store.put(key, record);
    return { trained, training: stored, restored: false, storeKey: key };
  } catch (e) {
    const why = (e as Error).name === "QuotaExceededError" ? "the browser's storage quota is full" : (e as Error).message;
    return { trained, training, restored: false, storeWarning: `The trained model could not be saved in this browser (${why}); it will train again after a reload` };
  }
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MiB`;
