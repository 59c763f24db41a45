/**
 * Trained models kept in IndexedDB by the worker, so a reload (or a restarted worker) restores a
 * model cell's fit instead of training again. Its own database, not the notebook library's: the
 * page holds that one open, and a schema change from here would wait on it.
 *
 * Records are keyed by their fit (see core/models/saved-models.ts), so notebooks that train the
 * same model share one record. The least recently used records go first once there are more than
 * MAX_MODELS or they hold more than MAX_BYTES.
 */
import { recordBytes, type ModelRecord, type ModelStore } from "../src/core/models/model-record";
import { del, get, getAll, put, transactIn, type DatabaseSpec } from "../src/state/storage/idb";

const MODELS: DatabaseSpec = {
  name: "sales-notebook-models",
  version: 1,
  upgrade(db) {
    if (!db.objectStoreNames.contains("records")) db.createObjectStore("records");
    // Small entries beside the records, so eviction reads sizes and ages without loading models.
    if (!db.objectStoreNames.contains("usage")) db.createObjectStore("usage");
  },
};

const MAX_MODELS = 24;
/** All records together. */
const MAX_BYTES = 512 * 2 ** 20;
/**
 * One record. A full-depth 100-tree forest on 100,000 rows holds about 350 MB of nodes; in the
 * benchmark, saving one left the cell waiting on IndexedDB until the write failed. Such a model
 * is not kept (the cell says so).
 */
const MAX_RECORD_BYTES = 64 * 2 ** 20;
/** Fits quicker than this are trained again rather than stored (see ModelStore.saveAfterMs). */
const SAVE_AFTER_MS = 200;

interface Usage {
  readonly key: string;
  readonly usedAt: number;
  readonly bytes: number;
}

export const indexedDbModelStore: ModelStore = {
  saveAfterMs: SAVE_AFTER_MS,
  maxBytes: MAX_RECORD_BYTES,

  async get(key) {
    return transactIn(MODELS, ["records", "usage"], "readwrite", async (tx) => {
      const record = await get<ModelRecord>(tx, "records", key);
      const usage = await get<Usage>(tx, "usage", key);
      if (record && usage) await put(tx, "usage", { ...usage, usedAt: Date.now() }, key);
      return record;
    });
  },

  async put(key, record) {
    const bytes = recordBytes(record);
    await transactIn(MODELS, ["records", "usage"], "readwrite", async (tx) => {
      await put(tx, "records", record, key);
      await put(tx, "usage", { key, usedAt: Date.now(), bytes } satisfies Usage, key);
      const all = (await getAll<Usage>(tx, "usage")).sort((a, b) => a.usedAt - b.usedAt);
      let total = all.reduce((s, u) => s + u.bytes, 0);
      let count = all.length;
      for (const old of all) {
        if (count <= MAX_MODELS && total <= MAX_BYTES) break;
        if (old.key === key) continue;
        await del(tx, "records", old.key);
        await del(tx, "usage", old.key);
        total -= old.bytes;
        count--;
      }
    });
  },

  async delete(key) {
    await transactIn(MODELS, ["records", "usage"], "readwrite", async (tx) => {
      await del(tx, "records", key);
      await del(tx, "usage", key);
    });
  },
};
