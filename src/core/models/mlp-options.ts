import { ParamError } from "../cells/types";
import { readEnum, readNumber, type Obj } from "../cells/params";

/** Activations offered for hidden layers (names as tfjs-layers spells them). */
export const MLP_ACTIVATIONS = ["relu", "tanh", "sigmoid", "elu"] as const;

/** Hyperparameters of the neural network. */
export interface MlpOptions {
  /** Units per hidden layer, e.g. [64, 64]. */
  readonly hidden: readonly number[];
  readonly activation: (typeof MLP_ACTIVATIONS)[number];
  /** Dropout rate after each hidden layer (0 = none). */
  readonly dropout: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** Share of the training rows held out to stop early on (0 = train every epoch on all rows). */
  readonly validationFraction: number;
  /** Epochs without a validation improvement before stopping. */
  readonly patience: number;
}

/**
 * Reads MLP hyperparameters. `hidden` is a list of layer sizes or the same as text ("64,64"),
 * since a form field gives text.
 */
export function parseMlpOptions(p: Obj, path: string): MlpOptions {
  const raw = p.hidden ?? [64, 64];
  const list = typeof raw === "string" ? raw.split(",").map((s) => Number(s.trim())) : raw;
  if (!Array.isArray(list) || list.length === 0 || list.length > 8 || list.some((v) => !Number.isInteger(v) || v < 1 || v > 4096)) {
    throw new ParamError(`${path}.hidden`, "must list 1 to 8 layer sizes, each an integer from 1 to 4096 (e.g. [64, 64])");
  }
  return {
    hidden: list as number[],
    activation: readEnum(p, "activation", path, MLP_ACTIVATIONS, "relu"),
    dropout: readNumber(p, "dropout", path, { fallback: 0, min: 0, max: 0.9 }),
    epochs: readNumber(p, "epochs", path, { fallback: 50, min: 1, max: 10_000, integer: true }),
    batchSize: readNumber(p, "batchSize", path, { fallback: 128, min: 1, max: 65_536, integer: true }),
    learningRate: readNumber(p, "learningRate", path, { fallback: 1e-3, min: 1e-8, max: 10 }),
    validationFraction: readNumber(p, "validationFraction", path, { fallback: 0.1, min: 0, max: 0.5 }),
    patience: readNumber(p, "patience", path, { fallback: 5, min: 1, max: 1000, integer: true }),
  };
}
