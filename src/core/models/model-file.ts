/**
 * The model file: a ModelRecord as JSON, typed arrays as little-endian base64. One readable JSON
 * document, so a user can see what is in it (features, options, metrics) and a version bump can
 * migrate it. Reading validates every field and names the first wrong one, since the file may be
 * anything a user picked.
 */
import { makeTable, type Column, type Table } from "../frame/table";
import type { Json, JsonObject } from "../json";
import type { SavedArray, SavedParameters, Task } from "./algorithm";
import { ALGORITHMS } from "./algorithms";
import { MODEL_FORMAT, MODEL_VERSION, type ModelRecord, type TrainingInfo } from "./model-record";
import { arrayKind } from "./saved-parameters";
import { asciiText, fromBase64, toBase64 } from "./base64";
import { decodeUtf8 } from "../frame/csv-records";

/** A model file that cannot be used; the message names the field. */
export class ModelFileError extends Error {
  override readonly name = "ModelFileError";
}

const DTYPES = { float64: Float64Array, float32: Float32Array, int32: Int32Array } as const;
type Dtype = keyof typeof DTYPES;
const DTYPE_OF = { Float64Array: "float64", Float32Array: "float32", Int32Array: "int32" } as const;

/**
 * Parameters above this do not fit one JSON text: base64 makes 4 characters of 3 bytes, and
 * JavaScript strings stop at about 2^29 characters.
 */
const MAX_FILE_PARAMETER_BYTES = 256 * 2 ** 20;

/** The model as file text. */
export function encodeModelFile(record: ModelRecord): string {
  let total = 0;
  for (const a of Object.values(record.parameters.arrays)) total += a.byteLength;
  if (total > MAX_FILE_PARAMETER_BYTES) {
    throw new ModelFileError(`This model's parameters take ${Math.round(total / 2 ** 20)} MiB, more than a model file holds (${MAX_FILE_PARAMETER_BYTES / 2 ** 20} MiB): fewer or shallower trees, or a smaller network, make it smaller`);
  }
  const arrays: JsonObject = {};
  for (const [name, a] of Object.entries(record.parameters.arrays)) arrays[name] = encodeArray(a);
  const extras: JsonObject = {};
  for (const [name, t] of Object.entries(record.extras)) extras[name] = encodeTable(t);
  const file: JsonObject = {
    format: MODEL_FORMAT, version: MODEL_VERSION,
    algorithm: record.algorithm, task: record.task, target: record.target, features: [...record.features],
    ...(record.positive !== undefined ? { positive: record.positive, negative: record.negative ?? null } : {}),
    options: record.options, fitted: record.fitted, warnings: [...record.warnings],
    training: { ...record.training } as unknown as JsonObject,
    extras,
    parameters: { state: record.parameters.state, arrays },
  };
  return JSON.stringify(file);
}

/** A model file's text from its bytes (UTF-8; usually plain ASCII, read without a per-character detour). */
export function modelFileText(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return decodeUtf8(bytes, 0, bytes.length);
  return asciiText(bytes);
}

/** Reads and checks a model file; `name` is the file's name for messages. */
export function decodeModelFile(text: string, name: string): ModelRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`${name} is not a model file: it is not JSON (${(e as Error).message})`);
  }
  const f = object(raw, "the file");
  if (f.format !== MODEL_FORMAT) throw new ModelFileError(`${name} is not a Sales Notebook model file (format is ${JSON.stringify(f.format ?? null)})`);
  if (typeof f.version !== "number" || f.version > MODEL_VERSION || f.version < 1) {
    throw new ModelFileError(`${name}: model file version ${String(f.version)} is not one this app reads (1 to ${MODEL_VERSION})`);
  }
  const algorithm = string(f.algorithm, "algorithm");
  const spec = ALGORITHMS[algorithm];
  if (!spec) throw new ModelFileError(`algorithm: "${algorithm}" is not a model this app knows`);
  const task = string(f.task, "task") as Task;
  if (!spec.tasks.includes(task)) throw new ModelFileError(`task: "${algorithm}" does ${spec.tasks.join(" and ")}, not "${task}"`);
  const features = strings(f.features, "features");
  if (features.length === 0) throw new ModelFileError("features: a model needs at least one feature");
  if (new Set(features).size !== features.length) throw new ModelFileError("features: a feature is listed twice");
  const positive = f.positive === undefined ? undefined : string(f.positive, "positive");
  const negative = f.negative === undefined || f.negative === null ? undefined : string(f.negative, "negative");
  if (task === "classification" && (positive === undefined || negative === undefined)) {
    throw new ModelFileError("positive, negative: a classification model names its two target labels");
  }
  const params = object(f.parameters, "parameters");
  const arraysIn = object(params.arrays, "parameters.arrays");
  const arrays: Record<string, SavedArray> = {};
  for (const [k, v] of Object.entries(arraysIn)) arrays[k] = decodeArray(v, `parameters.arrays.${k}`);
  const extrasIn = object(f.extras ?? {}, "extras");
  const extras: Record<string, Table> = {};
  for (const [k, v] of Object.entries(extrasIn)) extras[k] = decodeTable(v, `extras.${k}`);
  const parameters: SavedParameters = { state: object(params.state, "parameters.state") as JsonObject, arrays };
  return {
    format: MODEL_FORMAT, version: MODEL_VERSION, algorithm, task,
    target: string(f.target, "target"), features, positive, negative,
    options: (f.options ?? {}) as Json,
    fitted: object(f.fitted ?? {}, "fitted") as JsonObject,
    warnings: strings(f.warnings ?? [], "warnings"),
    extras, parameters,
    training: training(f.training),
  };
}

function training(raw: unknown): TrainingInfo {
  const t = object(raw, "training");
  const count = (v: unknown, path: string) => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new ModelFileError(`${path} must be a number ≥ 0`);
    return v;
  };
  return {
    rows: count(t.rows, "training.rows"), seed: count(t.seed, "training.seed"), ms: count(t.ms, "training.ms"),
    trainedAt: string(t.trainedAt, "training.trainedAt"),
    ...(t.dataHash !== undefined ? { dataHash: string(t.dataHash, "training.dataHash") } : {}),
    ...(t.backend !== undefined ? { backend: string(t.backend, "training.backend") } : {}),
  };
}

function object(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new ModelFileError(`${path} must be an object`);
  return v as Record<string, unknown>;
}

function string(v: unknown, path: string): string {
  if (typeof v !== "string") throw new ModelFileError(`${path} must be text`);
  return v;
}

function strings(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) throw new ModelFileError(`${path} must be a list of text`);
  return v as string[];
}

function encodeArray(a: SavedArray): JsonObject {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return { dtype: DTYPE_OF[arrayKind(a)], length: a.length, base64: toBase64(bytes) };
}

function decodeArray(raw: unknown, path: string): SavedArray {
  const o = object(raw, path);
  const dtype = o.dtype as Dtype;
  if (!(dtype in DTYPES)) throw new ModelFileError(`${path}.dtype must be "float64", "float32" or "int32"`);
  const Ctor = DTYPES[dtype];
  if (typeof o.length !== "number" || !Number.isInteger(o.length) || o.length < 0) throw new ModelFileError(`${path}.length must be a count`);
  const bytes = fromBase64(string(o.base64, `${path}.base64`));
  if (!bytes) throw new ModelFileError(`${path}.base64 is not base64`);
  if (bytes.length !== o.length * Ctor.BYTES_PER_ELEMENT) {
    throw new ModelFileError(`${path}: ${bytes.length} bytes do not hold ${o.length} ${dtype} values`);
  }
  return new Ctor(bytes.buffer, bytes.byteOffset, o.length);
}

function encodeTable(t: Table): JsonObject {
  return {
    columns: t.columns.map((c) => ({
      name: c.name, type: c.type,
      values: c.type === "string" ? [...c.values] : (encodeArray(c.values) as Json),
    })),
  };
}

function decodeTable(raw: unknown, path: string): Table {
  const o = object(raw, path);
  if (!Array.isArray(o.columns)) throw new ModelFileError(`${path}.columns must be a list`);
  const columns = o.columns.map((c, i): Column => {
    const col = object(c, `${path}.columns[${i}]`);
    const name = string(col.name, `${path}.columns[${i}].name`);
    if (col.type === "string") {
      if (!Array.isArray(col.values) || col.values.some((v) => v !== null && typeof v !== "string")) {
        throw new ModelFileError(`${path}.columns[${i}].values must be text or null`);
      }
      return { name, type: "string", values: col.values as (string | null)[] };
    }
    if (col.type !== "number" && col.type !== "boolean" && col.type !== "date") throw new ModelFileError(`${path}.columns[${i}].type is not a column type`);
    const values = decodeArray(col.values, `${path}.columns[${i}].values`);
    if (!(values instanceof Float64Array)) throw new ModelFileError(`${path}.columns[${i}].values must be float64`);
    return { name, type: col.type, values };
  });
  try {
    return makeTable(columns);
  } catch (e) {
    throw new ModelFileError(`${path}: ${(e as Error).message}`);
  }
}
