// window.__salesNotebook: the headless runner and benchmarks drive the app through this, using
// the same state, scheduler and worker a person does.
import type { AutomationApi, CellReport, RunReport } from "../bridge/automation";
import { loadNotebook } from "../core/notebook";
import type { NotebookState } from "./notebook.svelte";

/** Installs the automation API for `notebook`. */
export function installAutomation(notebook: NotebookState): void {
  const backendOf = () => ({ backend: notebook.backend?.backend ?? "none", reason: notebook.backend?.reason ?? "" });
  const api: AutomationApi = {
    async whenReady() {
      await notebook.whenReady();
      return backendOf();
    },
    async loadNotebook(document) {
      const doc = loadNotebook(document);
      // The runner runs explicitly; autorun here would start the work twice.
      notebook.load({ ...doc, settings: { ...doc.settings, autorun: false } });
      await notebook.whenReady();
    },
    async bindFile(name, source) {
      if (typeof source === "string") await notebook.bindUrl(name, source);
      else await notebook.bindFile(name, source);
    },
    async setBackend(choice) {
      await notebook.setBackend(choice);
      return backendOf();
    },
    async runAll(): Promise<RunReport> {
      const started = performance.now();
      await notebook.runAll();
      const cells: CellReport[] = notebook.doc.cells.map((cell) => {
        const run = notebook.runs.get(cell.id);
        const result = run?.result;
        const isCurrent = run?.status === "done";
        return {
          id: cell.id,
          kind: cell.kind,
          status: run?.status ?? "idle",
          error: run?.error,
          ms: run?.ms,
          backend: isCurrent ? result?.backend : undefined,
          nRows: isCurrent ? result?.nRows : undefined,
          nColumns: isCurrent ? result?.columns.length : undefined,
          summary: isCurrent ? result?.summary : undefined,
        };
      });
      return {
        title: notebook.doc.title,
        ok: cells.every((c) => c.status === "done"),
        ...(({ backend, reason }) => ({ backend, backendReason: reason }))(backendOf()),
        ms: performance.now() - started,
        cells,
      };
    },
    async crashWorker(how) {
      notebook.simulateWorkerCrash(how);
    },
    async exportCsv(cellId) {
      const run = notebook.runs.get(cellId);
      if (!run?.result || run.status !== "done") throw new Error(`Cell "${cellId}" has no output to export (status ${run?.status ?? "unknown"})`);
      return notebook.api!.exportCsv(run.result.handle);
    },
  };
  window.__salesNotebook = api;
}
