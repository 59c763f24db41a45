// What makes the notebook a tool people keep: nothing lost on reload, share links without data,
// offline use, recovery from a worker crash, keyboard and accessibility.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { inflateRawSync } from "node:zlib";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { useBuiltApp, waitForAllCells as settled } from "../helpers/e2e";

const app = useBuiltApp();
const statusOf = (page: Page, id: string) => page.getAttribute(`[data-cell-id="${id}"] [data-testid="cell-status"]`, "data-status");

describe("notebook experience", () => {
  it("reload restores edits and an uploaded dataset from IndexedDB", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.server.url);
    await settled(page);
    await page.fill('input[aria-label="Notebook title"]', "Q3 review");
    await page.press('input[aria-label="Notebook title"]', "Enter");
    const csv = "month,region,revenue\n2024-01-01,North,10\n2024-02-01,North,12\n2024-03-01,South,7\n";
    await page.setInputFiles('[data-cell-id="deals"] input[type="file"]', { name: "q3.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.waitForFunction(() => document.querySelector('[data-cell-id="deals"] .summary')?.textContent?.includes("3"), undefined, { timeout: 60_000 });
    await page.waitForTimeout(600); // autosave is debounced
    await page.reload();
    await page.waitForFunction(() => (document.querySelector('input[aria-label="Notebook title"]') as HTMLInputElement)?.value === "Q3 review");
    await page.waitForFunction(() => document.querySelector('[data-cell-id="deals"] [data-testid="cell-status"]')?.getAttribute("data-status") === "done", undefined, { timeout: 60_000 });
    const rows = await page.textContent('[data-cell-id="deals"] .summary');
    expect(rows).toMatch(/rows\s*3/);
    await context.close();
  });

  it("undo and redo an edit", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.server.url);
    await settled(page);
    const before = await page.inputValue('input[aria-label="Notebook title"]');
    await page.fill('input[aria-label="Notebook title"]', "Changed");
    await page.press('input[aria-label="Notebook title"]', "Tab");
    await page.click('button[aria-label="Undo"]');
    expect(await page.inputValue('input[aria-label="Notebook title"]')).toBe(before);
    await page.keyboard.press("Control+Shift+Z");
    expect(await page.inputValue('input[aria-label="Notebook title"]')).toBe("Changed");
    await context.close();
  });

  it("a share link round-trips the notebook and carries no data values", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.server.url);
    await settled(page);
    await page.click("text=Share");
    await page.waitForFunction(() => (document.querySelector('[data-testid="share-link"]') as HTMLInputElement | null)?.value.includes("#nb="));
    const link = await page.inputValue('[data-testid="share-link"]');
    const fragment = new URL(link).hash.slice("#nb=".length);
    const json = inflateRawSync(Buffer.from(fragment.replace(/-/g, "+").replace(/_/g, "/"), "base64")).toString("utf8");
    const doc = JSON.parse(json);
    expect(doc.cells.map((c: { id: string }) => c.id)).toContain("budget");
    const sample = readFileSync("public/data/opportunities.csv", "utf8").split("\n")[1].split(",");
    for (const value of [sample[0], sample[5], sample[8]]) expect(json).not.toContain(value); // id, amount, rep
    const other = await app.browser.newContext();
    const opened = await other.newPage();
    await opened.goto(link);
    await settled(opened);
    expect(await opened.inputValue('input[aria-label="Notebook title"]')).toBe(doc.title);
    expect(opened.url()).not.toContain("#nb=");
    await other.close();
    await context.close();
  });

  it("after a first visit the app opens and runs the sample notebook offline", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.server.url);
    await settled(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);
    await page.reload();
    await settled(page);
    expect(await statusOf(page, "budget")).toBe("done");
    await context.close();
  });

  it("when the worker crashes mid-run the app says so, restarts it and re-runs the notebook", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL("/?automation=1", app.server.url).href);
    await page.waitForFunction(() => !!window.__salesNotebook);
    await page.evaluate(async () => {
      const api = window.__salesNotebook!;
      await api.whenReady();
      await api.loadNotebook(await (await fetch("notebooks/default.json")).json());
      void api.runAll();
      await new Promise((r) => setTimeout(r, 150));
      await api.crashWorker();
    });
    await page.waitForSelector('[data-testid="notice"]:has-text("stopped")', { timeout: 30_000 });
    const report = await page.evaluate(() => window.__salesNotebook!.runAll());
    expect(report.ok).toBe(true);
    await context.close();
  });

  it("when the GPU device is lost the app says so, starts a new worker on WebGPU and re-runs", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL("/?automation=1", app.server.url).href);
    await page.waitForFunction(() => !!window.__salesNotebook);
    const before = await page.evaluate(async () => {
      const api = window.__salesNotebook!;
      await api.whenReady();
      // A small notebook: on this machine WebGPU is a software adapter, forced here, and slow.
      await api.loadNotebook({
        format: "sales-notebook", version: 1, title: "gpu", settings: { backend: "auto", seed: 1, autorun: false },
        cells: [
          { id: "d", kind: "data", params: { source: { type: "sample", name: "opportunities" } } },
          { id: "m", kind: "model", inputs: { data: "d" }, params: { task: "regression", algorithm: "linear", target: "amount", features: ["marketing_touches", "discount"] } },
        ],
      });
      await api.setBackend("webgpu");
      return api.runAll();
    });
    expect(before).toMatchObject({ ok: true, backend: "webgpu" });
    await page.evaluate(() => window.__salesNotebook!.crashWorker("gpu-device"));
    await page.waitForSelector('[data-testid="notice"]:has-text("GPU device lost")', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-cell-id="m"] [data-testid="cell-status"]')?.getAttribute("data-status") === "done", undefined, { timeout: 60_000 });
    const after = await page.evaluate(() => window.__salesNotebook!.runAll());
    expect(after).toMatchObject({ ok: true, backend: "webgpu" });
    await context.close();
  });

  it("axe-core finds no serious or critical accessibility violations", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.server.url);
    await settled(page);
    const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
    // Injected as a script tag would be refused by the CSP; evaluate it in the page instead.
    await page.evaluate(readFileSync(axePath, "utf8"));
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run({ resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) x${v.nodes.length}`);
    });
    expect(violations).toEqual([]);
    await context.close();
  });

  it("the keyboard runs the focused cell with Shift+Enter", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.server.url);
    await settled(page);
    // Record every status the cell passes through, to see the re-run happen.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      const chip = () => document.querySelector('[data-cell-id="revenue"] [data-testid="cell-status"]');
      new MutationObserver(() => seen.push(chip()?.getAttribute("data-status") ?? "")).observe(document.querySelector('[data-cell-id="revenue"]')!, { subtree: true, attributes: true, childList: true });
    });
    await page.focus('[data-cell-id="revenue"] input[aria-label="Cell title"]');
    await page.keyboard.press("Shift+Enter");
    await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.includes("running") && document.querySelector('[data-cell-id="revenue"] [data-testid="cell-status"]')?.getAttribute("data-status") === "done");
    expect(await statusOf(page, "revenue")).toBe("done");
    await context.close();
  });

  it("exports the notebook as a Jupyter notebook and tables as CSV from the page", async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await settled(page);
    const [ipynb] = await Promise.all([page.waitForEvent("download"), page.click("text=Export .ipynb")]);
    const notebook = JSON.parse(readFileSync(await ipynb.path(), "utf8"));
    expect(notebook.nbformat).toBe(4);
    expect(notebook.cells.length).toBeGreaterThan(5);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click('[data-cell-id="budget"] >> text=Download CSV')]);
    const lines = readFileSync(await csv.path(), "utf8").trim().split("\n");
    expect(lines[0]).toContain("spend");
    expect(lines.length).toBe(6);
    await context.close();
  });
});
