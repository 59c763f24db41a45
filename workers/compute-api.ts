/**
 * The worker's implementation of the ComputeApi contract: it looks cell kinds up in the core
 * registry and keeps their outputs behind handles.
 */
import * as tf from "@tensorflow/tfjs-core";
import { cellKinds } from "../src/core/cells/registry";
import type { CellOutput, RunContext } from "../src/core/cells/types";
import { findColumn, sliceRows, takeRows, makeTable, type Table } from "../src/core/frame/table";
import { toCsv } from "../src/core/frame/to-csv";
import { selectRows, sortIndex } from "../src/core/frame/row-index";
import type { BackendName, ComputeApi, Progress, ReadRequest } from "../src/bridge/api";
import { notebookToIpynb } from "../src/core/export/ipynb";
import { chooseBackend, loseGpuDevice } from "./backend";
import { solveLp } from "./highs-solver";
import * as sources from "./sources";
import * as store from "./store";
import { indexedDbModelStore } from "./model-store";
import { encodeModelFile } from "../src/core/models/model-file";
import { helperThreads, startHelperThreads } from "./helper-pool";

const running = new Map<string, AbortController>();
let backend: BackendName = "cpu";

/** Calls `report` at most every `ms` milliseconds, always passing the final value. */
function throttle(report: ((p: Progress) => void) | undefined, ms: number) {
  let last = 0;
  return (p: Progress) => {
    const now = performance.now();
    if (!report || (now - last < ms && p.fraction < 1)) return;
    last = now;
    void Promise.resolve(report(p)).catch(() => undefined);
  };
}

function pickTable(output: CellOutput, extra: string | undefined): Table {
  if (!extra) return output.table;
  const table = output.extras?.[extra];
  if (!table) throw new Error(`This output has no table "${extra}"`);
  return table;
}

/** The row order a read asks for (sorted, filtered, searched), cached per handle; null for table order. */
function viewRows(request: ReadRequest, table: Table): Int32Array | null {
  const { sortBy, filters = [], search } = request;
  const base = `${request.extra ?? ""}\u0000`;
  const column = sortBy && findColumn(table, sortBy.column);
  const order = column ? store.rowIndex(request.handle, `${base}sort\u0000${column.name}\u0000${sortBy.descending}`, () => sortIndex(column, sortBy.descending)) : undefined;
  if (!filters.length && !search?.trim()) return order ?? null;
  const key = `${base}view\u0000${JSON.stringify([sortBy ?? null, filters, search ?? ""])}`;
  return store.rowIndex(request.handle, key, () => selectRows(table, filters, search, order));
}

export const computeApi = {
  async init(request) {
    sources.setBaseUrl(request.baseUrl);
    const info = await chooseBackend(request.backend);
    backend = info.backend;
    startHelperThreads();
    return info;
  },

  async bindFile(name, source) {
    if ("blob" in source) {
      sources.bindFile(name, { blob: source.blob });
      return { bytes: source.blob.size };
    }
    const bytes = "bytes" in source ? new Uint8Array(source.bytes) : undefined;
    sources.bindFile(name, bytes ? { bytes } : { url: (source as { url: string }).url });
    return { bytes: bytes?.byteLength ?? 0 };
  },

  async runCell(request, onProgress) {
    const kind = cellKinds[request.kind];
    if (!kind) throw new Error(`Unknown cell kind "${request.kind}"`);
    const params = kind.parse(request.params);
    const inputs: Record<string, CellOutput> = {};
    for (const [port, handle] of Object.entries(request.inputs)) inputs[port] = store.get(handle);

    running.get(request.cellId)?.abort();
    const controller = new AbortController();
    running.set(request.cellId, controller);
    const report = throttle(onProgress, 100);
    const ctx: RunContext = {
      seed: request.seed,
      signal: controller.signal,
      inputCells: request.inputCells,
      progress: (fraction, message) => report({ cellId: request.cellId, fraction, message }),
      readSource: sources.readSource,
      openSource: sources.openSource,
      solveLp,
      ...(typeof indexedDB !== "undefined" ? { models: indexedDbModelStore } : {}),
      backend,
      threads: helperThreads(),
    };
    const started = performance.now();
    try {
      const output = await kind.run(inputs, params, ctx);
      const handle = store.put(request.cellId, output);
      return {
        handle,
        nRows: output.table.nRows,
        columns: output.table.columns.map((c) => ({ name: c.name, type: c.type })),
        summary: output.summary,
        extras: Object.keys(output.extras ?? {}),
        ms: performance.now() - started,
        backend,
      };
    } finally {
      if (running.get(request.cellId) === controller) running.delete(request.cellId);
    }
  },

  async read(request) {
    if (request.extra === "describe" && !store.get(request.handle).extras?.describe) {
      // danfo loads on first use only: it is large, and most sessions never ask for it.
      const { describeTable } = await import("./danfo-adapter");
      store.addExtra(request.handle, "describe", await describeTable(store.get(request.handle).table));
    }
    const source = pickTable(store.get(request.handle), request.extra);
    const offset = Math.max(0, request.offset ?? 0);
    const limit = Math.max(0, Math.min(request.limit ?? 200, 100_000));
    const columns = request.columns
      ? makeTable(source.columns.filter((c) => request.columns!.includes(c.name)))
      : source;
    const rows = viewRows(request, source);
    const table = rows ? takeRows(columns, rows.subarray(offset, offset + limit)) : sliceRows(columns, offset, offset + limit);
    return { table, totalRows: rows ? rows.length : source.nRows, sourceRows: source.nRows };
  },

  async exportModel(handle) {
    const model = store.get(handle).model;
    if (!model) throw new Error("This output has no trained model");
    return encodeModelFile(await model.record());
  },

  async forgetModel(handle) {
    const key = store.get(handle).model?.storeKey;
    if (key) await indexedDbModelStore.delete(key);
  },

  async exportCsv(handle, extra) {
    return toCsv(pickTable(store.get(handle), extra));
  },

  async release(handles) {
    store.release(handles);
  },

  async cancel(cellId) {
    if (cellId) running.get(cellId)?.abort();
    else for (const controller of running.values()) controller.abort();
  },

  async stats() {
    const memory = tf.memory();
    return { numTensors: memory.numTensors, tensorBytes: memory.numBytes, handles: store.size() };
  },

  async exportIpynb(document) {
    // In the worker because the exporter parses cells with their kinds (which load TF.js).
    return notebookToIpynb(document);
  },

  async crash(how = "error") {
    if (how === "gpu-device") return loseGpuDevice();
    setTimeout(() => {
      throw new Error("simulated worker crash");
    });
  },
} satisfies ComputeApi;
