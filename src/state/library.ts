/**
 * The notebook library in IndexedDB: every notebook the user has, the data files loaded into
 * each, and which one was open last. Data stays in this browser.
 */
import { parseNotebook, serializeNotebook } from "../core/notebook";
import type { NotebookDocument } from "../core/notebook/types";
import { STORES, del, get, getAll, put, storageProblem, transact } from "./storage/idb";

/** A library entry as listed. */
export interface NotebookEntry {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
}

interface StoredNotebook extends NotebookEntry {
  readonly text: string;
}

interface StoredFile {
  readonly notebookId: string;
  readonly name: string;
  /** The file's data; IndexedDB keeps Blobs without serialising their bytes on the page. */
  readonly blob: Blob;
}

const filesOf = (id: string) => IDBKeyRange.bound([id, ""], [id, "\uffff"]);

/** A new random notebook id. */
export function newNotebookId(): string {
  return `nb-${crypto.randomUUID()}`;
}

/** Every notebook, most recently edited first. */
export async function listNotebooks(): Promise<NotebookEntry[]> {
  const all = await transact([STORES.notebooks], "readonly", (tx) => getAll<StoredNotebook>(tx, STORES.notebooks));
  return all.map(({ id, title, updatedAt }) => ({ id, title, updatedAt })).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Saves a notebook document; returns a message when the browser refuses. */
export async function saveNotebook(id: string, doc: NotebookDocument): Promise<string | null> {
  try {
    const entry: StoredNotebook = { id, title: doc.title, updatedAt: Date.now(), text: serializeNotebook(doc) };
    await transact([STORES.notebooks, STORES.meta], "readwrite", async (tx) => {
      await put(tx, STORES.notebooks, entry);
      await put(tx, STORES.meta, id, "lastOpened");
    });
    return null;
  } catch (error) {
    return storageProblem(error);
  }
}

/** Saves a data file loaded into a notebook. */
export async function saveFile(id: string, name: string, blob: Blob): Promise<string | null> {
  try {
    await transact([STORES.files], "readwrite", (tx) => put(tx, STORES.files, { notebookId: id, name, blob } satisfies StoredFile));
    return null;
  } catch (error) {
    return storageProblem(error);
  }
}

/** A stored notebook and its files; a damaged entry gets a message instead of a document. */
export async function loadStored(id: string): Promise<{ doc: NotebookDocument | null; files: Map<string, Blob>; problem?: string }> {
  const { stored, files } = await transact([STORES.notebooks, STORES.files], "readonly", async (tx) => ({
    stored: await get<StoredNotebook>(tx, STORES.notebooks, id),
    files: await getAll<StoredFile>(tx, STORES.files, filesOf(id)),
  }));
  const fileMap = new Map(files.map((f) => [f.name, f.blob]));
  if (!stored) return { doc: null, files: fileMap, problem: "That notebook is no longer in this browser." };
  try {
    return { doc: parseNotebook(stored.text), files: fileMap };
  } catch (error) {
    return { doc: null, files: fileMap, problem: `The saved notebook "${stored.title}" could not be read: ${(error as Error).message}` };
  }
}

/** The id of the notebook open last, if any. */
export async function lastOpened(): Promise<string | undefined> {
  return transact([STORES.meta], "readonly", (tx) => get<string>(tx, STORES.meta, "lastOpened"));
}

/** Marks a notebook as the one to reopen. */
export async function setLastOpened(id: string): Promise<void> {
  await transact([STORES.meta], "readwrite", (tx) => put(tx, STORES.meta, id, "lastOpened"));
}

/** Deletes a notebook and its files. */
export async function deleteNotebook(id: string): Promise<void> {
  await transact([STORES.notebooks, STORES.files], "readwrite", async (tx) => {
    await del(tx, STORES.notebooks, id);
    await del(tx, STORES.files, filesOf(id));
  });
}

/** Copies a notebook (and its files) under a new id; returns the id. */
export async function duplicateNotebook(id: string): Promise<string> {
  const { doc, files } = await loadStored(id);
  if (!doc) throw new Error("That notebook could not be read, so it cannot be duplicated");
  const copy = newNotebookId();
  const problem = await saveNotebook(copy, { ...doc, title: `${doc.title} (copy)` });
  if (problem) throw new Error(problem);
  for (const [name, blob] of files) {
    const fileProblem = await saveFile(copy, name, blob);
    if (fileProblem) throw new Error(fileProblem);
  }
  return copy;
}
