// A few promise helpers over IndexedDB: enough for the notebook library, no dependency.

const DB_NAME = "sales-notebook";
const DB_VERSION = 1;
export const STORES = { notebooks: "notebooks", files: "files", meta: "meta" } as const;
type StoreName = (typeof STORES)[keyof typeof STORES];

let dbPromise: Promise<IDBDatabase> | undefined;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

/** Opens (and on first use creates) the database. */
export function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") return reject(new Error("IndexedDB is not available in this browser"));
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(STORES.notebooks)) db.createObjectStore(STORES.notebooks, { keyPath: "id" });
      // Files are keyed [notebookId, fileName] so a notebook's files can be listed by range.
      if (!db.objectStoreNames.contains(STORES.files)) db.createObjectStore(STORES.files, { keyPath: ["notebookId", "name"] });
      if (!db.objectStoreNames.contains(STORES.meta)) db.createObjectStore(STORES.meta);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error("IndexedDB could not be opened"));
  });
  return dbPromise;
}

/** Runs `work` in one transaction and resolves when it commits (so quota errors surface here). */
export async function transact<T>(stores: StoreName[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T> | T): Promise<T> {
  const db = await openDb();
  const tx = db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
  const result = await work(tx);
  await done;
  return result;
}

/** Reads one value. */
export function get<T>(tx: IDBTransaction, store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return request(tx.objectStore(store).get(key));
}

/** Reads every value of a store, optionally within a key range. */
export function getAll<T>(tx: IDBTransaction, store: StoreName, range?: IDBKeyRange): Promise<T[]> {
  return request(tx.objectStore(store).getAll(range));
}

/** Writes one value (with an explicit key for stores without a key path). */
export function put(tx: IDBTransaction, store: StoreName, value: unknown, key?: IDBValidKey): Promise<IDBValidKey> {
  return request(tx.objectStore(store).put(value, key));
}

/** Deletes a key or key range. */
export function del(tx: IDBTransaction, store: StoreName, key: IDBValidKey | IDBKeyRange): Promise<undefined> {
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
