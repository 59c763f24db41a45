import { mount } from "svelte";
import App from "./App.svelte";
import "./styles.css";
import { NotebookState } from "./state/notebook.svelte";
import { clearAutosave, loadAutosave } from "./state/autosave";
import { installAutomation } from "./state/automation";
import { parseNotebook } from "./core/notebook";
import type { NotebookDocument } from "./core/notebook/types";

async function sampleNotebook(): Promise<NotebookDocument> {
  const response = await fetch("notebooks/default.json");
  return parseNotebook(await response.text());
}

const isAutomation = new URLSearchParams(location.search).has("automation");
// Automation starts from a clean sample and never autoruns: the runner loads its own notebook.
const saved = isAutomation ? { doc: null } : loadAutosave();
const initial = saved.doc ?? (await sampleNotebook());
const notebook = new NotebookState(
  isAutomation ? { ...initial, settings: { ...initial.settings, autorun: false } } : initial,
);
if ("problem" in saved && saved.problem) notebook.notice = saved.problem;
if (isAutomation) installAutomation(notebook);

mount(App, {
  target: document.getElementById("app")!,
  props: {
    notebook,
    onreset: async () => {
      clearAutosave();
      notebook.load(await sampleNotebook());
    },
  },
});
void notebook.start().catch(() => undefined);
