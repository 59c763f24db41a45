import { mount } from "svelte";
import App from "./App.svelte";
import "./styles.css";
import { NotebookState } from "./state/notebook.svelte";
import { Session, sampleNotebook } from "./state/session.svelte";
import { installAutomation } from "./state/automation";
import { applyTheme } from "./state/theme";
import { registerServiceWorker } from "./state/offline";

applyTheme();
const target = document.getElementById("app")!;

if (new URLSearchParams(location.search).has("automation")) {
  // Automation (headless runner, benchmarks) starts from the sample, never autoruns and never
  // touches the user's library: the runner loads its own notebook.
  const doc = await sampleNotebook();
  const notebook = new NotebookState({ ...doc, settings: { ...doc.settings, autorun: false } }, { id: "automation", persist: false });
  installAutomation(notebook);
  const session = new Session();
  session.current = notebook;
  void notebook.start().catch(() => undefined);
  mount(App, { target, props: { session } });
} else {
  const session = new Session();
  await session.init(location.hash);
  mount(App, { target, props: { session } });
  registerServiceWorker();
}
