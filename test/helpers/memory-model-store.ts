// A ModelStore for Node tests: records go through structuredClone on the way in and out, as
// IndexedDB clones them, so a record that would not survive the real store fails here too.
import type { ModelRecord, ModelStore } from "../../src/core/models/model-record";

export class MemoryModelStore implements ModelStore {
  readonly records = new Map<string, ModelRecord>();
  gets = 0;
  constructor(readonly saveAfterMs = 0, readonly maxBytes = 64 * 2 ** 20) {}
  async get(key: string): Promise<ModelRecord | undefined> {
    this.gets++;
    const r = this.records.get(key);
    return r && structuredClone(r);
  }
  async put(key: string, record: ModelRecord): Promise<void> {
    this.records.set(key, structuredClone(record));
  }
  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }
}
