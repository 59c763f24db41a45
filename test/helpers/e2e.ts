// Shared by the end-to-end tests: the built app served with the CSP headers, Debian's Chromium,
// and waiting for a notebook to settle.
import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { existsSync } from "node:fs";
import { chromiumArgs, chromiumPath } from "../../scripts/chromium.mjs";
import { startStaticServer } from "../../scripts/serve.mjs";

export interface AppHarness {
  server: { url: string; close(): Promise<void> };
  browser: Browser;
  /** CSP violation reports: requests the policy blocked never reach the network, so they land here. */
  cspViolations: unknown[];
}

/** Serves dist/ and launches Chromium for the file's tests (closed after them). */
export function useBuiltApp(): AppHarness {
  const harness = { cspViolations: [] as unknown[] } as AppHarness;
  beforeAll(async () => {
    // E2E_DIST points at another build (e.g. one built with --outDir beside a dist/ in use).
    const root = process.env.E2E_DIST ?? "dist";
    if (!existsSync(`${root}/index.html`)) throw new Error(`${root}/ is missing: run \`npm run build\` (npm test does it)`);
    harness.server = await startStaticServer({ root, onCspViolation: (report: unknown) => harness.cspViolations.push(report) });
    harness.browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.server?.close();
  });
  return harness;
}

/** Waits until every cell on the page is done or failed. */
export async function waitForAllCells(page: Page, timeout = 180_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const chips = [...document.querySelectorAll('[data-testid="cell-status"]')];
      return chips.length > 0 && chips.every((c) => ["done", "error"].includes(c.getAttribute("data-status") ?? ""));
    },
    undefined,
    { timeout, polling: 250 },
  );
}
