/**
 * The app session: which notebook is open, and the library of notebooks in this browser.
 * Opening another notebook replaces the NotebookState (and its worker) as a whole.
 */
import { parseNotebook } from "../core/notebook";
import type { NotebookDocument } from "../core/notebook/types";
import { NotebookState } from "./notebook.svelte";
import * as library from "./library";
import { readShareFragment } from "./share";

/** The sample notebook shipped with the app. */
export async function sampleNotebook(): Promise<NotebookDocument> {
  const response = await fetch("notebooks/default.json");
  return parseNotebook(await response.text());
}

export class Session {
  current = $state.raw<NotebookState>(undefined as unknown as NotebookState);
  entries = $state.raw<readonly library.NotebookEntry[]>([]);
  /** A message to show on the next notebook (a refused share link, an unreadable save). */
  #pendingNotice: string | null = null;

  /**
   * Opens what the visitor expects: a share link in the URL, else the notebook open last, else
   * the sample notebook (saved as a new library entry).
   */
  async init(hash: string): Promise<void> {
    try {
      const shared = await readShareFragment(hash);
      if (shared) {
        history.replaceState(null, "", location.pathname + location.search);
        await this.create(shared, "Opened from a share link. It carries no data: drop the files it names on its data cells.");
        return;
      }
    } catch (error) {
      this.#pendingNotice = `Could not open the share link: ${(error as Error).message}`;
    }
    const last = await library.lastOpened().catch(() => undefined);
    if (last && (await this.open(last))) return;
    await this.create(await sampleNotebook());
  }

  /** Opens a stored notebook; false when it is gone or unreadable (with a notice). */
  async open(id: string): Promise<boolean> {
    const stored = await library.loadStored(id).catch((e: Error) => ({ doc: null, files: new Map(), problem: e.message }));
    if (!stored.doc) {
      this.#pendingNotice = stored.problem ?? null;
      return false;
    }
    this.#show(new NotebookState(stored.doc, { id, files: stored.files }));
    await library.setLastOpened(id).catch(() => undefined);
    await this.refresh();
    return true;
  }

  /** Adds `doc` to the library as a new notebook and opens it. */
  async create(doc: NotebookDocument, notice?: string): Promise<void> {
    const state = new NotebookState(doc, { id: library.newNotebookId() });
    if (notice) this.#pendingNotice = notice;
    this.#show(state);
    await state.saveNow();
    await this.refresh();
  }

  async duplicate(id: string): Promise<void> {
    await this.current.saveNow();
    await this.open(await library.duplicateNotebook(id));
  }

  /** Deletes a notebook; deleting the open one opens the next (or a fresh sample). */
  async remove(id: string): Promise<void> {
    await library.deleteNotebook(id);
    await this.refresh();
    if (id !== this.current.id) return;
    const next = this.entries[0];
    if (!next || !(await this.open(next.id))) await this.create(await sampleNotebook());
  }

  async refresh(): Promise<void> {
    this.entries = await library.listNotebooks().catch(() => []);
  }

  #show(state: NotebookState): void {
    this.current?.dispose();
    if (this.#pendingNotice) state.notice = this.#pendingNotice;
    this.#pendingNotice = null;
    this.current = state;
    void state.start().catch(() => undefined);
  }
}
