// The built app (dist/) opened in Debian's Chromium as a person would: the sample notebook must
// run to the end in the worker, on an honest backend, with no request leaving the origin.
import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startStaticServer } from "../../scripts/serve.mjs";
import { useBuiltApp, waitForAllCells } from "../helpers/e2e";

const app = useBuiltApp();
const { cspViolations } = app;

/** Opens the app and records console errors and every request URL (page and workers). */
async function openApp(path = "/") {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  context.on("request", (r) => requests.push(r.url()));
  await page.goto(new URL(path, app.server.url).href);
  return { page, context, errors, requests };
}


describe("the sample notebook in the built app", () => {
  it("runs every cell to done in a worker, shows the backend, stays on its origin, and the budget adds up", async () => {
    const { page, context, errors, requests } = await openApp();
    await waitForAllCells(page);
    const statuses = await page.$$eval('[data-testid="cell"]', (cells) =>
      cells.map((c) => `${c.getAttribute("data-cell-id")}:${c.querySelector('[data-testid="cell-status"]')?.getAttribute("data-status")}`),
    );
    const errorTexts = await page.$$eval('[data-testid="cell-error"]', (e) => e.map((x) => x.textContent));
    expect(errorTexts).toEqual([]);
    expect(statuses.every((s) => s.endsWith(":done"))).toBe(true);

    // The backend is visible and honest: no hardware GPU here, so not WebGPU/WebGL under auto.
    const backend = await page.getAttribute('[data-testid="backend"] .backend-name', "data-backend");
    expect(["wasm", "cpu"]).toContain(backend);
    await expect(page.textContent('[data-testid="backend-reason"]')).resolves.toMatch(/Compute: /);

    // Training ran in the worker: TF.js was never loaded on the main thread, and a worker exists.
    expect(page.workers().length).toBeGreaterThanOrEqual(1);
    const workerUrls = page.workers().map((w) => w.url());
    expect(workerUrls.some((u) => u.startsWith("blob:"))).toBe(true);
    expect(await page.evaluate(() => "tf" in globalThis || "__tfjs" in globalThis)).toBe(false);

    // Charts were drawn (Observable Plot SVGs).
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThanOrEqual(3);

    // The automation surface exists only when asked for (?automation=1).
    expect(await page.evaluate(() => window.__salesNotebook === undefined)).toBe(true);
    const origin = new URL(app.server.url).origin;
    const offOrigin = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"));
    expect(offOrigin).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("through automation, the allocation spends exactly the budget within its limits", async () => {
    const { page, context, errors } = await openApp("/?automation=1");
    await page.waitForFunction(() => !!window.__salesNotebook);
    const report = await page.evaluate(async () => {
      const api = window.__salesNotebook!;
      await api.whenReady();
      const doc = await (await fetch("notebooks/default.json")).json();
      await api.loadNotebook(doc);
      const run = await api.runAll();
      return { run, csv: await api.exportCsv("budget"), doc };
    });
    expect(report.run.ok).toBe(true);
    const params = report.doc.cells.find((c: { id: string }) => c.id === "budget").params;
    const lines = report.csv.trim().split("\n");
    const header = lines[0].split(",");
    const spend = lines.slice(1).map((l) => Number(l.split(",")[header.indexOf("spend")]));
    const total = spend.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(params.budget, 4);
    for (const s of spend) {
      expect(s).toBeGreaterThanOrEqual(params.min - 1e-6);
      expect(s).toBeLessThanOrEqual(params.max + 1e-6);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a malformed notebook file gets a clear error naming the bad field, and the notebook stays", async () => {
    const { page, context } = await openApp("/?automation=1");
    await page.waitForFunction(() => !!window.__salesNotebook);
    const message = await page.evaluate(async () => {
      try {
        await window.__salesNotebook!.loadNotebook({ format: "sales-notebook", version: 1, title: "x", cells: [{ id: "a", kind: "teleport", params: {} }] });
        return "accepted";
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(message).toMatch(/cells\[0\]\.kind/);
    await expect(page.locator('[data-testid="cell"]').count()).resolves.toBeGreaterThan(3);
    await context.close();
  });

  it("works from a sub-path of a static host (every asset URL is relative)", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "subpath-"));
    cpSync("dist", path.join(root, "team/sales-notebook"), { recursive: true });
    const nested = await startStaticServer({ root });
    try {
      const page = await app.browser.newPage();
      const failed: string[] = [];
      page.on("requestfailed", (r) => failed.push(r.url()));
      page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      await page.goto(new URL("/team/sales-notebook/", nested.url).href);
      await waitForAllCells(page);
      const statuses = await page.$$eval('[data-testid="cell-status"]', (c) => c.map((x) => x.getAttribute("data-status")));
      expect(statuses.every((s) => s === "done")).toBe(true);
      expect(failed).toEqual([]);
      await page.close();
    } finally {
      await nested.close();
    }
  });
});
