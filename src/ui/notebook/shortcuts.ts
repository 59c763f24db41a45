// Notebook-wide keyboard shortcuts (Shift+Enter on a cell is handled by the cell itself).
import type { NotebookState } from "../../state/notebook.svelte";

/** The shortcuts, as listed in the help dialog. */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: "Shift+Enter", action: "Run the focused cell" },
  { keys: "Ctrl+Enter", action: "Run all cells" },
  { keys: "Escape", action: "Cancel everything running" },
  { keys: "Ctrl+Z", action: "Undo the last edit" },
  { keys: "Ctrl+Shift+Z or Ctrl+Y", action: "Redo" },
  { keys: "Ctrl+S", action: "Save the notebook to a file" },
  { keys: "?", action: "Show this help" },
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

/** Handles a keydown on the window; returns whether it was a shortcut. */
export function handleShortcut(event: KeyboardEvent, notebook: NotebookState, actions: { save(): void; help(): void }): boolean {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  let handled = true;
  if (mod && key === "enter") void notebook.runAll();
  else if (mod && key === "s") actions.save();
  else if (key === "escape" && !isTyping(event.target)) notebook.cancel();
  // Inside a text field the browser's own undo applies to the text being typed.
  else if (mod && !isTyping(event.target) && ((key === "z" && event.shiftKey) || key === "y")) notebook.redo();
  else if (mod && !isTyping(event.target) && key === "z") notebook.undo();
  else if (event.key === "?" && !isTyping(event.target)) actions.help();
  else handled = false;
  if (handled) event.preventDefault();
  return handled;
}
