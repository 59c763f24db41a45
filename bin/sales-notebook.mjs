#!/usr/bin/env node
// The headless runner: serves the built app (dist/) locally, drives Debian's Chromium headless
// through the page's automation API (src/bridge/automation.ts), runs every cell through the real
// worker and backend, and writes a JSON result. docs/runner.md documents usage and output.
//
//   npx sales-notebook run NOTEBOOK.json --data NAME=PATH ... [--out RESULT.json]
//       [--export CELL=PATH.csv ...] [--backend auto|webgpu|webgl|wasm|cpu] [--dist DIR] [--timeout SECONDS]
import { existsSync, realpathSync, statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../scripts/chromium.mjs";
import { startStaticServer } from "../scripts/serve.mjs";

export const EXIT_OK = 0;
export const EXIT_CELL_ERROR = 1;
export const EXIT_USAGE = 2;
export const BACKENDS = ["auto", "webgpu", "webgl", "wasm", "cpu"];
export const DEFAULT_DIST = fileURLToPath(new URL("../dist", import.meta.url));
/** URL prefix under which --data files are mounted; the worker fetches them same-origin. */
export const DATA_PREFIX = "/__data/";

export const USAGE = `usage: sales-notebook run NOTEBOOK.json [options]

Runs every cell of a notebook in headless Chromium on the built app and writes a JSON result.

options:
  --data NAME=PATH       bind the notebook's file source NAME to the local CSV PATH (repeatable)
  --out RESULT.json      write the JSON result here (default: stdout)
  --export CELL=PATH     write cell CELL's output table as CSV to PATH (repeatable)
  --backend B            force a compute backend: ${BACKENDS.join("|")} (default: the notebook's setting)
  --dist DIR             the built app (default: ${path.relative(process.cwd(), DEFAULT_DIST) || "."}; build it with \`npm run build\`)
  --timeout SECONDS      give up after this long (default: 600)
  -h, --help             show this help

exit status: 0 every cell done, 1 a cell errored (or the run failed), 2 usage or validation error`;

/** A usage/validation problem: reported with the usage hint, exit status 2. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}

function splitPair(value, flag) {
  const eq = value.indexOf("=");
  if (eq <= 0 || eq === value.length - 1) throw new UsageError(`${flag} expects NAME=PATH, got "${value}"`);
  return [value.slice(0, eq), value.slice(eq + 1)];
}

/**
 * Parses `run` arguments (everything after the sub-command) into options. Throws UsageError.
 * @param {string[]} argv
 */
export function parseRunArgs(argv) {
  const opts = { notebook: undefined, data: [], exports: [], out: undefined, backend: undefined, dist: DEFAULT_DIST, timeoutS: 600 };
  const takesValue = new Set(["--data", "--out", "--export", "--backend", "--dist", "--timeout"]);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg.startsWith("--") && arg.includes("=") && takesValue.has(arg.slice(0, arg.indexOf("=")))) {
      value = arg.slice(arg.indexOf("=") + 1);
      arg = arg.slice(0, arg.indexOf("="));
    } else if (takesValue.has(arg)) {
      value = argv[++i];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) throw new UsageError(`${arg} needs a value`);
    }
    switch (arg) {
      case "--data": {
        const [name, file] = splitPair(value, "--data");
        if (opts.data.some((d) => d.name === name)) throw new UsageError(`--data ${name} is given twice`);
        opts.data.push({ name, file: path.resolve(file) });
        break;
      }
      case "--export": {
        const [cell, file] = splitPair(value, "--export");
        opts.exports.push({ cell, file: path.resolve(file) });
        break;
      }
      case "--out":
        opts.out = path.resolve(value);
        break;
      case "--backend":
        if (!BACKENDS.includes(value)) throw new UsageError(`--backend must be one of ${BACKENDS.join(", ")}, got "${value}"`);
        opts.backend = value;
        break;
      case "--dist":
        opts.dist = path.resolve(value);
        break;
      case "--timeout": {
        const t = Number(value);
        if (!Number.isFinite(t) || t <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${value}"`);
        opts.timeoutS = t;
        break;
      }
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
        if (opts.notebook !== undefined) throw new UsageError(`unexpected argument "${arg}" (one notebook per run)`);
        opts.notebook = path.resolve(arg);
    }
  }
  if (opts.notebook === undefined) throw new UsageError("missing NOTEBOOK.json");
  return opts;
}

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Checks files on disk before anything starts. Throws UsageError. */
export function checkRunInputs(opts) {
  if (!isFile(opts.notebook)) throw new UsageError(`notebook not found: ${opts.notebook}`);
  for (const d of opts.data) if (!isFile(d.file)) throw new UsageError(`--data ${d.name}: file not found: ${d.file}`);
  for (const target of [opts.out, ...opts.exports.map((e) => e.file)]) {
    if (target !== undefined && !isDir(path.dirname(target))) throw new UsageError(`output folder does not exist: ${path.dirname(target)}`);
  }
  checkDist(opts.dist);
}

/** Throws UsageError unless `dist` holds a built app. */
export function checkDist(dist) {
  if (!isFile(path.join(dist, "index.html"))) {
    throw new UsageError(`no built app at ${path.join(dist, "index.html")}: run \`npm run build\` first (or pass --dist DIR)`);
  }
}

/** Reads and JSON-parses the notebook; throws UsageError on unreadable or non-JSON files. */
export async function readNotebook(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read notebook ${file}: ${err.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${err.message}`);
  }
}

/** Names of `{"type": "file"}` data sources the notebook reads (best effort, for warnings only). */
export function fileSourceNames(doc) {
  const names = new Set();
  for (const cell of Array.isArray(doc?.cells) ? doc.cells : []) {
    const src = cell?.params?.source;
    if (cell?.kind === "data" && src?.type === "file" && typeof src.name === "string") names.add(src.name);
  }
  return names;
}

/** Same-origin check for a request URL (data: is not a network request; blob: carries its origin). */
export function isSameOrigin(url, origin) {
  if (url.startsWith("data:") || url === "about:blank" || url.startsWith("about:srcdoc")) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Launches Chromium headless and a static server for `dist` with the data files mounted.
 * Every request of the pages, their workers and popups is recorded; off-origin ones are collected
 * in `offOrigin` and aborted.
 */
export async function startSession({ dist, data = [], blockOffOrigin = true, log = (line) => process.stderr.write(line + "\n") }) {
  const files = {};
  // Keys are decoded URL paths (the server decodes before matching); bindFile gets the encoded URL.
  for (const d of data) files[DATA_PREFIX + d.name] = d.file;
  const requests = [];
  const offOrigin = [];
  const cspViolations = [];
  // Requests the CSP blocks (e.g. a worker's fetch to another host) never reach the network, so no
  // request listener sees them; the browser's violation reports do.
  const onCspViolation = (report) => {
    const blocked = String(report?.["blocked-uri"] ?? report?.blockedURL ?? "");
    const directive = String(report?.["violated-directive"] ?? report?.["effective-directive"] ?? "");
    const source = String(report?.["source-file"] ?? report?.["document-uri"] ?? "");
    cspViolations.push({ blocked, directive, source });
    if (/^(https?|wss?):/i.test(blocked) && !isSameOrigin(blocked.replace(/^ws/i, "http"), server.origin)) {
      offOrigin.push(blocked);
      log(`[runner] blocked by CSP (${directive}) from ${source}: request to ${blocked}`);
    } else {
      log(`[runner] CSP violation (${directive}) from ${source}: ${blocked}`);
    }
  };
  const server = await startStaticServer({ root: dist, files, onCspViolation });
  let browser;
  try {
    // Signals are ours to handle: playwright would otherwise exit the process mid-cleanup.
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
    });
  } catch (err) {
    await server.close();
    throw new Error(`could not launch Chromium at ${chromiumPath}: ${err.message}`);
  }
  const seen = new WeakSet();
  const record = (req) => {
    if (seen.has(req)) return;
    seen.add(req);
    const url = req.url();
    requests.push(url);
    if (!isSameOrigin(url, server.origin)) {
      offOrigin.push(url);
      log(`[runner] request outside ${server.origin}: ${req.method()} ${url}`);
    }
  };
  const pages = new Set();

  async function newPage() {
    const context = await browser.newContext();
    context.on("request", record);
    context.on("page", (p) => p.on("request", record));
    if (blockOffOrigin) {
      // Abort off-origin requests too: the data must not leave even though the run will fail anyway.
      await context.route((url) => !isSameOrigin(url.href, server.origin), (route) => {
        record(route.request());
        return route.abort("blockedbyclient");
      });
    }
    const page = await context.newPage();
    page.on("request", record);
    page.on("websocket", (ws) => {
      requests.push(ws.url());
      if (!isSameOrigin(ws.url().replace(/^ws/, "http"), server.origin)) {
        offOrigin.push(ws.url());
        log(`[runner] websocket outside ${server.origin}: ${ws.url()}`);
      }
    });
    page.on("console", (msg) => {
      if (msg.type() === "error") log(`[page console.error] ${msg.text()}`);
    });
    page.on("response", (res) => {
      if (res.status() >= 400) log(`[runner] HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
    });
    page.on("pageerror", (err) => log(`[page error] ${err.stack || err.message}`));
    page.on("crash", () => log("[page crashed]"));
    pages.add(page);
    return page;
  }

  /** Opens the app with the automation API and waits for `whenReady()`. */
  async function openApp(page, timeoutMs) {
    const response = await page.goto(`${server.url}/?automation=1`, { waitUntil: "load", timeout: timeoutMs });
    if (!response || !response.ok()) throw new Error(`loading ${server.url}/ failed: HTTP ${response?.status()}`);
    try {
      // main.ts installs the API at start-up, so a page without it after 30 s is the wrong build.
      await page.waitForFunction(() => typeof window.__salesNotebook === "object" && window.__salesNotebook !== null, null, {
        timeout: Math.min(timeoutMs * 0.9, 30_000),
      });
    } catch {
      throw new Error("the page never exposed window.__salesNotebook (is dist/ built from this version of the app?)");
    }
    return page.evaluate(() => window.__salesNotebook.whenReady());
  }

  async function closePage(page) {
    pages.delete(page);
    await page.context().close().catch(() => {});
  }

  let closing;
  function close() {
    closing ??= (async () => {
      await Promise.allSettled([...pages].map((p) => p.context().close()));
      await browser.close().catch(() => {});
      await server.close();
    })();
    return closing;
  }

  return { server, browser, requests, offOrigin, cspViolations, newPage, openApp, closePage, close };
}

/** Calls an automation method in the page and returns {ok, value} or {ok: false, message}. */
/**
 * Binds a local file to a file source name as a person does: through a file input, so the page
 * holds a disk-backed File and the worker streams it from disk (`Blob.stream()`), never over HTTP.
 */
export async function bindLocalFile(page, name, file) {
  const input = await page.evaluateHandle(() => {
    const el = document.createElement("input");
    el.type = "file";
    el.hidden = true;
    return document.body.appendChild(el);
  });
  try {
    await input.setInputFiles(file);
    return await page.evaluate(
      async ([el, n]) => {
        try {
          return { ok: true, value: await window.__salesNotebook.bindFile(n, el.files[0]) };
        } catch (err) {
          return { ok: false, message: err instanceof Error ? err.message : String(err) };
        } finally {
          el.remove();
        }
      },
      [input, name],
    );
  } finally {
    await input.dispose();
  }
}

export async function callApi(page, method, ...args) {
  return page.evaluate(
    async ({ method, args }) => {
      try {
        return { ok: true, value: await window.__salesNotebook[method](...args) };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
    },
    { method, args },
  );
}

function fmtMs(ms) {
  if (typeof ms !== "number") return "-";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** One line per cell, aligned, for stderr. */
export function formatCellTable(cells) {
  const rows = [["cell", "kind", "status", "time", "backend", "rows x cols", "error"]];
  for (const c of cells) {
    const shape = c.nRows !== undefined || c.nColumns !== undefined ? `${c.nRows ?? "?"} x ${c.nColumns ?? "?"}` : "-";
    rows.push([c.id, c.kind ?? "-", c.status, fmtMs(c.ms), c.backend ?? "-", shape, c.error ? String(c.error).split("\n")[0] : ""]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => String(r[j]).length)));
  return rows.map((r) => r.map((v, j) => (j === r.length - 1 ? v : String(v).padEnd(widths[j]))).join("  ").trimEnd()).join("\n");
}

/** Rejects with "`what`: ..." when `promise` takes longer than `ms` (the rest of the --timeout budget). */
export function withTimeout(promise, ms, what, budgetS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    const limit = budgetS === undefined ? `${(ms / 1000).toFixed(1)} s` : `the --timeout of ${budgetS} s`;
    timer = setTimeout(() => reject(new Error(`${what}: not finished within ${limit}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the `run` sub-command; returns the exit status. */
export async function runCommand(argv, { log = (line) => process.stderr.write(line + "\n") } = {}) {
  const opts = parseRunArgs(argv);
  checkRunInputs(opts);
  const doc = await readNotebook(opts.notebook);

  const wanted = fileSourceNames(doc);
  for (const name of wanted) if (!opts.data.some((d) => d.name === name)) log(`[runner] warning: file source "${name}" has no --data ${name}=PATH`);
  for (const d of opts.data) if (!wanted.has(d.name)) log(`[runner] warning: --data ${d.name} is not a file source of this notebook`);

  const startedAt = new Date().toISOString();
  const session = await startSession({ dist: opts.dist, log });
  const onSignal = (sig) => {
    log(`[runner] ${sig}: closing the browser and server`);
    session.close().finally(() => process.exit(sig === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const deadline = Date.now() + opts.timeoutS * 1000;
    const left = () => Math.max(1, deadline - Date.now());
    const page = await session.newPage();
    const ready = await withTimeout(session.openApp(page, left()), left(), "starting the app", opts.timeoutS);
    log(`[runner] app ready on ${session.server.url} (backend ${ready?.backend ?? "?"}: ${ready?.reason ?? ""})`);

    const loaded = await withTimeout(callApi(page, "loadNotebook", doc), left(), "loading the notebook", opts.timeoutS);
    if (!loaded.ok) {
      log(`sales-notebook: ${opts.notebook} was rejected: ${loaded.message}`);
      return EXIT_USAGE;
    }
    // The backend first: switching restarts the worker, which may forget URL bindings.
    if (opts.backend) {
      const set = await withTimeout(callApi(page, "setBackend", opts.backend), left(), "switching the backend", opts.timeoutS);
      if (!set.ok) {
        log(`sales-notebook: --backend ${opts.backend}: ${set.message}`);
        return EXIT_CELL_ERROR;
      }
      log(`[runner] backend ${set.value?.backend ?? "?"}: ${set.value?.reason ?? ""}`);
    }
    for (const d of opts.data) {
      const bound = await bindLocalFile(page, d.name, d.file);
      if (!bound.ok) {
        log(`sales-notebook: --data ${d.name}: ${bound.message}`);
        return EXIT_USAGE;
      }
    }
    const ran = await withTimeout(callApi(page, "runAll"), left(), "running the notebook", opts.timeoutS);
    if (!ran.ok) throw new Error(`runAll failed: ${ran.message}`);
    const report = ran.value;
    const cells = Array.isArray(report?.cells) ? report.cells : [];
    const allDone = cells.length > 0 && cells.every((c) => c.status === "done");

    let exportFailed = false;
    for (const e of opts.exports) {
      const cell = cells.find((c) => c.id === e.cell);
      if (!cell) {
        log(`sales-notebook: --export ${e.cell}: no such cell in ${opts.notebook}`);
        exportFailed = true;
        continue;
      }
      const csv = await callApi(page, "exportCsv", e.cell);
      if (!csv.ok || typeof csv.value !== "string") {
        log(`sales-notebook: --export ${e.cell}: ${csv.ok ? "the app returned no CSV text" : csv.message}`);
        exportFailed = true;
        continue;
      }
      await writeFile(e.file, csv.value);
      log(`[runner] wrote ${e.cell} to ${e.file}`);
    }

    // Late requests (a popup, a beacon) and CSP reports arrive asynchronously: let them land.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const offOrigin = [...new Set(session.offOrigin)];
    const result = {
      notebook: opts.notebook,
      title: report?.title ?? doc?.title,
      startedAt,
      backend: report?.backend,
      backendReason: report?.backendReason,
      ok: Boolean(report?.ok) && allDone && !exportFailed && offOrigin.length === 0,
      ms: report?.ms,
      data: Object.fromEntries(opts.data.map((d) => [d.name, d.file])),
      offOriginRequests: offOrigin,
      cspViolations: session.cspViolations,
      cells,
    };
    const json = JSON.stringify(result, null, 2) + "\n";
    if (opts.out) await writeFile(opts.out, json);
    else process.stdout.write(json);

    log(formatCellTable(cells));
    log(`[runner] ${cells.filter((c) => c.status === "done").length}/${cells.length} cells done in ${fmtMs(report?.ms)} on ${report?.backend ?? "?"}`);
    if (offOrigin.length > 0) {
      log(`sales-notebook: FAILED: ${offOrigin.length} request(s) aimed outside ${session.server.origin} (blocked or not): ${offOrigin.join(", ")}`);
      return EXIT_CELL_ERROR;
    }
    return allDone && !exportFailed ? EXIT_OK : EXIT_CELL_ERROR;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await session.close();
  }
}

export async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || rest.includes("-h") || rest.includes("--help")) {
    (command === undefined ? process.stderr : process.stdout).write(USAGE + "\n");
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command !== "run") {
    process.stderr.write(`sales-notebook: unknown command "${command}"\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    return await runCommand(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`sales-notebook: ${err.message}\n(run \`sales-notebook --help\` for usage)\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`sales-notebook: ${err.message}\n`);
    return EXIT_CELL_ERROR;
  }
}

const self = fileURLToPath(import.meta.url);
const invoked = process.argv[1] && existsSync(process.argv[1]) ? realpathSync(process.argv[1]) : "";
if (invoked === self || (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
