// A few promise helpers over IndexedDB: enough for the notebook library (page) and the trained
// models (worker), no dependency.

/** A database: its name, schema version, and how to create its stores. */
export interface DatabaseSpec {
  readonly name: string;
  readonly version: number;
  upgrade(db: IDBDatabase): void;
}

export const STORES = { notebooks: "notebooks", files: "files", meta: "meta" } as const;

/** The notebook library. */
const LIBRARY: DatabaseSpec = {
  name: "sales-notebook",
  version: 1,
  upgrade(db) {
    if (!db.objectStoreNames.contains(STORES.notebooks)) db.createObjectStore(STORES.notebooks, { keyPath: "id" });
    // Files are keyed [notebookId, fileName] so a notebook's files can be listed by range.
    if (!db.objectStoreNames.contains(STORES.files)) db.createObjectStore(STORES.files, { keyPath: ["notebookId", "name"] });
    if (!db.objectStoreNames.contains(STORES.meta)) db.createObjectStore(STORES.meta);
  },
};

const opened = new Map<string, Promise<IDBDatabase>>();

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

/** Opens (and on first use creates) a database, once per page or worker. */
export function openDatabase(spec: DatabaseSpec): Promise<IDBDatabase> {
  let promise = opened.get(spec.name);
  if (!promise) {
    promise = new Promise((resolve, reject) => {
      if (typeof indexedDB === "undefined") return reject(new Error("IndexedDB is not available in this browser"));
      const open = indexedDB.open(spec.name, spec.version);
      open.onupgradeneeded = () => spec.upgrade(open.result);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error("IndexedDB could not be opened"));
    });
    opened.set(spec.name, promise);
  }
  return promise;
}

/** Runs `work` in one transaction of the notebook library. */
export function transact<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T> | T): Promise<T> {
  return transactIn(LIBRARY, stores, mode, work);
}

/** Runs `work` in one transaction and resolves when it commits (so quota errors surface here). */
export async function transactIn<T>(spec: DatabaseSpec, stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T> | T): Promise<T> {
  const db = await openDatabase(spec);
  const tx = db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    // The transaction fails too; its rejection says nothing more than this error does.
    done.catch(() => undefined);
    throw error;
  }
  await done;
  return result;
}

/** Reads one value. */
export function get<T>(tx: IDBTransaction, store: string, key: IDBValidKey): Promise<T | undefined> {
  return request(tx.objectStore(store).get(key));
}

/** Reads every value of a store, optionally within a key range. */
export function getAll<T>(tx: IDBTransaction, store: string, range?: IDBKeyRange): Promise<T[]> {
  return request(tx.objectStore(store).getAll(range));
}

/** Writes one value (with an explicit key for stores without a key path). */
export function put(tx: IDBTransaction, store: string, value: unknown, key?: IDBValidKey): Promise<IDBValidKey> {
  return request(tx.objectStore(store).put(value, key));
}

/** Deletes a key or key range. */
export function del(tx: IDBTransaction, store: string, key: IDBValidKey | IDBKeyRange): Promise<undefined> {
  return request(tx.objectStore(store).delete(key));
}

/** A plain-language message for a storage failure (quota, private mode). */
export function storageProblem(error: unknown): string {
  const e = error as DOMException;
  if (e?.name === "QuotaExceededError") {
    return "The browser's storage for this site is full: the notebook was not saved. Free space (delete notebooks or large files) or save to a file.";
  }
  return `Saving in the browser failed (${e?.message ?? String(error)}). Save the notebook to a file to keep your edits.`;
}
