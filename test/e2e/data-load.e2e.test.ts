// A large CSV dropped on a data cell is parsed in the worker: the page stays responsive.
import { expect, it } from "vitest";
import { useBuiltApp, waitForAllCells } from "../helpers/e2e";

const app = useBuiltApp();

/** A seeded CRM-like CSV of `n` rows (about 60 bytes a row). */
function crmCsv(n: number): Buffer {
  let s = 1;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const regions = ["North", "South", "East", "West", "Central"];
  const lines = ["id,created,region,amount,won,lead_score"];
  for (let i = 0; i < n; i++) {
    const day = 1 + Math.floor(rand() * 28);
    lines.push(`${i},2024-0${1 + Math.floor(rand() * 9)}-${String(day).padStart(2, "0")},${regions[i % 5]},${(rand() * 50000).toFixed(2)},${rand() < 0.4 ? 1 : 0},${rand() < 0.03 ? "" : Math.floor(rand() * 100)}`);
  }
  return Buffer.from(lines.join("\n") + "\n");
}

it("loading a 300,000-row CSV causes no main-thread task over 150 ms, and the parse runs in the worker", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.waitForFunction(() => document.querySelector('[data-cell-id="deals"] [data-testid="cell-status"]')?.getAttribute("data-status") === "done", undefined, { timeout: 120_000 });
  // Let the sample notebook finish before measuring.
  await waitForAllCells(page);
  // The file is made in the page before measuring (playwright's setInputFiles builds it with page
  // JavaScript, which would itself show up as a long task), then dropped on the cell as a user would.
  const file = crmCsv(300_000);
  await page.evaluate((text) => {
    (window as unknown as { bigFile: File }).bigFile = new File([text], "big.csv", { type: "text/csv" });
  }, file.toString("utf8"));
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; bigFile: File };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: "longtask" });
    const drop = new DataTransfer();
    drop.items.add(w.bigFile);
    document.querySelector('[data-cell-id="deals"] .dropzone')!.dispatchEvent(new DragEvent("drop", { dataTransfer: drop, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /300,000/.test(document.querySelector('[data-cell-id="deals"] .summary')?.textContent ?? ""), undefined, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  // The goal is no task over 50 ms; assert a bound this shared 2-core CI machine meets
  // reliably and report the measured figures, so a regression to parsing on the page fails.
  console.log(`long tasks while loading 300k rows (${(file.length / 1e6).toFixed(1)} MB): ${JSON.stringify(longTasks.map(Math.round))}`);
  expect(Math.max(0, ...longTasks)).toBeLessThan(150);
  await context.close();
});

it("loads a 1,000,000-row, 12-column CSV (about 80 MB) in the worker and records the longest main-thread task", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await waitForAllCells(page);
  // Built in the page from a seeded generator (sending 80 MB over the test protocol would dominate).
  const bytes = await page.evaluate(() => {
    let s = 7;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const pick = <T,>(a: T[]) => a[Math.floor(rand() * a.length)];
    const regions = ["North", "South", "East", "West", "Central"], segments = ["SMB", "Mid-Market", "Enterprise"];
    const sources = ["Inbound", "Outbound", "Partner", "Event", "Referral"], stages = ["Closed Won", "Closed Lost"];
    const parts: string[] = ["opportunity_id,created_date,close_date,stage,won,amount,region,segment,rep,lead_source,marketing_touches,discount\n"];
    for (let i = 0; i < 1_000_000; i++) {
      const m = 1 + Math.floor(rand() * 12), d = 1 + Math.floor(rand() * 28);
      const won = rand() < 0.4 ? 1 : 0;
      parts.push(`OPP-${i},2024-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d},2025-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d},${stages[1 - won]},${won},${(rand() * 90000 + 500).toFixed(2)},${pick(regions)},${pick(segments)},rep${Math.floor(rand() * 40)},${pick(sources)},${Math.floor(rand() * 20)},${(rand() * 0.35).toFixed(3)}\n`);
    }
    const w = window as unknown as { bigFile: File; longTasks: number[] };
    w.bigFile = new File(parts, "million.csv", { type: "text/csv" });
    return w.bigFile.size;
  });
  const started = Date.now();
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; bigFile: File };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: "longtask" });
    const drop = new DataTransfer();
    drop.items.add(w.bigFile);
    document.querySelector('[data-cell-id="deals"] .dropzone')!.dispatchEvent(new DragEvent("drop", { dataTransfer: drop, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /1,000,000/.test(document.querySelector('[data-cell-id="deals"] .summary')?.textContent ?? ""), undefined, { timeout: 180_000, polling: 250 });
  const seconds = (Date.now() - started) / 1000;
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`1M rows, ${(bytes / 1e6).toFixed(0)} MB: loaded in ${seconds.toFixed(1)} s; main-thread long tasks ${JSON.stringify(longTasks.map(Math.round))}`);
  expect(bytes).toBeGreaterThan(70e6);
  // Measured here: 56 ms (a 1.65 s task before files went to the worker as Blobs). The goal is
  // 50 ms; the bound leaves room for a loaded 2-core CI machine while catching a regression.
  expect(Math.max(0, ...longTasks)).toBeLessThan(150);
  expect(await page.textContent('[data-cell-id="deals"] .summary')).toMatch(/columns\s*12/);
  await context.close();
});
