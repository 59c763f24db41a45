// The notebook document autosaves to localStorage on every edit and is restored on reload.
import { parseNotebook, serializeNotebook } from "../core/notebook";
import type { NotebookDocument } from "../core/notebook/types";

const KEY = "sales-notebook:autosave:v1";

/** Saves the document; returns a message when the browser refuses (quota, private mode). */
export function saveAutosave(doc: NotebookDocument): string | null {
  try {
    localStorage.setItem(KEY, serializeNotebook(doc));
    return null;
  } catch (error) {
    return `Autosave failed: ${(error as Error).message}. Save the notebook to a file to keep your edits.`;
  }
}

/** The autosaved document, or null (with the reason when one existed but was unreadable). */
export function loadAutosave(): { doc: NotebookDocument | null; problem?: string } {
  let text: string | null;
  try {
    text = localStorage.getItem(KEY);
  } catch {
    return { doc: null };
  }
  if (!text) return { doc: null };
  try {
    return { doc: parseNotebook(text) };
  } catch (error) {
    return { doc: null, problem: `The autosaved notebook could not be read (${(error as Error).message}); opened the default notebook.` };
  }
}

/** Forgets the autosave (used by "Reset to the sample notebook"). */
export function clearAutosave(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}
