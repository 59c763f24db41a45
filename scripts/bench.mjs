#!/usr/bin/env node
// Benchmarks the built app (dist/) in headless Chromium through the automation API, against the
// same work in pandas / scikit-learn / scipy (scripts/bench-baseline.py). docs/benchmarks.md says
// exactly what is measured.
//
// Each workload (its notebook, data and baseline name) is a module in scripts/bench-workloads/.
//
//   npm run bench -- [--json OUT.json] [--only ingest,default_notebook,...] [--rows N] [--data PATH]
//                    [--repeat 3] [--backend auto|webgpu|webgl|wasm|cpu] [--dist DIR] [--timeout SECONDS]
//                    [--sample-csv PATH] [--no-baseline] [--bind file|url]
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  BACKENDS,
  DATA_PREFIX,
  UsageError,
  bindLocalFile,
  callApi,
  checkDist,
  startSession,
  withTimeout,
} from "../bin/sales-notebook.mjs";
import { WORKLOADS as WORKLOAD_MODULES } from "./bench-workloads/index.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORKLOADS = WORKLOAD_MODULES.map((w) => w.name);
/** The default set: every workload but the optional ones, which run only when --only names them. */
const DEFAULT_WORKLOADS = WORKLOAD_MODULES.filter((w) => !w.optional).map((w) => w.name);
const OPTIONAL = WORKLOAD_MODULES.filter((w) => w.optional).map((w) => w.name);
const SCALED = WORKLOAD_MODULES.filter((w) => w.defaultRows).map((w) => `${w.name} ${w.defaultRows.toLocaleString("en-US")}`);
const PYTHON = process.env.BENCH_PYTHON || "/usr/bin/python3";
const SAMPLE_MS = 100;
let stopping = false;
let baselineChild; // the running python baseline, killed on SIGINT/SIGTERM

const USAGE = `usage: npm run bench -- [options]

Runs named workloads through the built app (dist/; this command builds nothing: run \`npm run build\`)
in headless Chromium, each run in a fresh page, and compares them with pandas / scikit-learn.

options:
  --json OUT.json      also write the results as JSON
  --only NAMES         comma-separated workloads (default: all but the optional ones): ${DEFAULT_WORKLOADS.join(", ")};
                       optional: ${OPTIONAL.join(", ")}
  --rows N             rows of the generated tables (defaults: ${SCALED.join(", ")})
  --data PATH          ingest this CSV instead of the generated one (ingest only)
  --repeat R           timed runs per workload after one warm-up (default 3, or the workload's own); the median is reported
  --backend B          force a backend: ${BACKENDS.join("|")} (default: the notebook's setting)
  --dist DIR           the built app (default: dist)
  --timeout SECONDS    limit per run (default 600)
  --notebook PATH      the notebook for default_notebook (default: public/notebooks/default.json)
  --sample-csv PATH    the CSV behind that notebook's sample source, for the baseline (default: found under public/)
  --no-baseline        skip the python baseline
  --bind file|url      how data files reach the page: as a File from a file input, as a person picks or drops
                       one (default), or fetched from the benchmark's local server`;

function parseArgs(argv) {
  const o = { json: undefined, only: DEFAULT_WORKLOADS, rows: undefined, data: undefined, repeat: 3, repeatGiven: false, backend: undefined,
    dist: path.join(ROOT, "dist"), notebook: path.join(ROOT, "public/notebooks/default.json"), timeoutS: 600, sampleCsv: undefined, baseline: true, rowsGiven: false, bind: "file" };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg.startsWith("--") && arg.includes("=")) [arg, value] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
    const need = () => {
      value ??= argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      return value;
    };
    const int = (min) => {
      const n = Number(need());
      if (!Number.isInteger(n) || n < min) throw new UsageError(`${arg} must be an integer >= ${min}, got "${value}"`);
      return n;
    };
    switch (arg) {
      case "--json": o.json = path.resolve(need()); break;
      case "--only": {
        o.only = need().split(",").map((s) => s.trim()).filter(Boolean);
        const bad = o.only.filter((n) => !WORKLOADS.includes(n));
        if (bad.length || !o.only.length) throw new UsageError(`--only: unknown workload ${bad.join(", ") || "(none)"}; known: ${WORKLOADS.join(", ")}`);
        break;
      }
      case "--rows": o.rows = int(1); o.rowsGiven = true; break;
      case "--data": o.data = path.resolve(need()); break;
      case "--repeat": o.repeat = int(1); o.repeatGiven = true; break;
      case "--backend":
        if (!BACKENDS.includes(need())) throw new UsageError(`--backend must be one of ${BACKENDS.join(", ")}`);
        o.backend = value;
        break;
      case "--dist": o.dist = path.resolve(need()); break;
      case "--timeout": {
        const t = Number(need());
        if (!(t > 0)) throw new UsageError("--timeout must be a positive number of seconds");
        o.timeoutS = t;
        break;
      }
      case "--notebook": o.notebook = path.resolve(need()); break;
      case "--sample-csv": o.sampleCsv = path.resolve(need()); break;
      case "--no-baseline": o.baseline = false; break;
      case "--bind":
        if (!["file", "url"].includes(need())) throw new UsageError("--bind must be file or url");
        o.bind = value;
        break;
      case "-h": case "--help": o.help = true; break;
      default: throw new UsageError(`unknown argument ${arg}`);
    }
  }
  if (o.data && !existsSync(o.data)) throw new UsageError(`--data: file not found: ${o.data}`);
  if (o.data && o.rowsGiven && o.only.length === 1 && o.only[0] === "ingest") throw new UsageError("--rows only applies to the generated CSV; drop it or --data");
  if (o.json && !existsSync(path.dirname(o.json))) throw new UsageError(`--json: folder does not exist: ${path.dirname(o.json)}`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Memory: RSS of Chromium's renderer processes, sampled from /proc (Linux only).
// performance.memory does not exist in workers, and the page and its dedicated workers share one
// renderer process, so that process's resident set size is what the app costs in memory.

const procType = new Map(); // pid -> chromium --type (or "" for the browser process / others)

function readProcs() {
  const children = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  return children;
}

function typeOf(pid) {
  if (!procType.has(pid)) {
    let type = "";
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? "";
    } catch {}
    procType.set(pid, type);
  }
  return procType.get(pid);
}

function rssMB(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

function hasWorkerThread(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).some((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").startsWith("DedicatedWorker");
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** This process's Chromium descendants: renderer PIDs (WebUI ones excluded) and GPU process PIDs. */
function chromiumProcesses() {
  const children = readProcs();
  const stack = [process.pid];
  const renderers = [];
  const gpu = [];
  while (stack.length) {
    const pid = stack.pop();
    for (const child of children.get(pid) ?? []) {
      stack.push(child);
      const type = typeOf(child);
      if (type === "renderer" && !procFlags(child).includes("--top-chrome-webui")) renderers.push(child);
      else if (type === "gpu-process") gpu.push(child);
    }
  }
  return { renderers, gpu };
}

function procFlags(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

/**
 * The page's renderer process: the renderer hosting a dedicated worker thread (the app's compute
 * worker runs as a thread of its page's renderer, and each run has a fresh context, so exactly one
 * does). Falls back to every non-WebUI renderer when none is found.
 */
export function findPageRenderers() {
  const { renderers, gpu } = chromiumProcesses();
  const withWorker = renderers.filter(hasWorkerThread);
  return { pids: withWorker.length ? withWorker : renderers, exact: withWorker.length > 0, gpu };
}

/** RSS (MiB) now: the page's renderer(s) summed, and the GPU process. */
function sampleRss(target) {
  return {
    renderer: target.pids.reduce((sum, pid) => sum + rssMB(pid), 0),
    gpu: target.gpu.reduce((sum, pid) => sum + rssMB(pid), 0),
  };
}

function startSampler(target) {
  const peak = { renderer: 0, gpu: 0, samples: 0 };
  const tick = () => {
    const s = sampleRss(target);
    peak.renderer = Math.max(peak.renderer, s.renderer);
    peak.gpu = Math.max(peak.gpu, s.gpu);
    peak.samples++;
  };
  tick();
  const timer = setInterval(tick, SAMPLE_MS);
  return () => {
    clearInterval(timer);
    tick();
    return peak;
  };
}

// ---------------------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 1) => (typeof x === "number" && Number.isFinite(x) ? Number(x.toFixed(d)) : x ?? null);

async function oneRun(session, workload, opts) {
  const page = await session.newPage();
  const ms = opts.timeoutS * 1000;
  try {
    await withTimeout(session.openApp(page, ms), ms, "starting the app");
    const loaded = await callApi(page, "loadNotebook", workload.doc);
    if (!loaded.ok) throw new Error(`the app rejected the notebook: ${loaded.message}`);
    if (opts.backend) {
      const s = await withTimeout(callApi(page, "setBackend", opts.backend), ms, "setBackend");
      if (!s.ok) throw new Error(`setBackend ${opts.backend}: ${s.message}`);
    }
    for (const name of workload.bind) {
      const b = opts.bind === "file"
        ? await bindLocalFile(page, name, workload.files.find((f) => f.name === name).file)
        : await callApi(page, "bindFile", name, session.server.origin + DATA_PREFIX + encodeURIComponent(name));
      if (!b.ok) throw new Error(`bindFile ${name}: ${b.message}`);
    }
    const target = findPageRenderers();
    const before = sampleRss(target);
    const stop = startSampler(target);
    const t0 = performance.now();
    let ran;
    let peak;
    try {
      ran = await withTimeout(callApi(page, "runAll"), ms, "runAll");
    } finally {
      peak = stop();
    }
    const wallMs = performance.now() - t0;
    if (!ran.ok) throw new Error(`runAll: ${ran.message}`);
    const report = ran.value;
    const failed = report.cells.filter((c) => c.status !== "done");
    if (failed.length) throw new Error(`cell ${failed[0].id} ${failed[0].status}: ${failed[0].error ?? ""}`);
    const dataCell = report.cells.find((c) => c.kind === "data");
    return {
      ms: report.ms,
      wallMs,
      backend: report.backend,
      backendReason: report.backendReason,
      rows: dataCell?.nRows ?? null,
      rssBeforeMB: before.renderer,
      peakRendererRssMB: peak.renderer,
      peakGpuProcessRssMB: peak.gpu,
      samples: peak.samples,
      rendererFound: target.exact ? "renderer with a DedicatedWorker thread" : `all ${target.pids.length} non-WebUI renderers (no worker thread found)`,
      cells: report.cells.map((c) => ({ id: c.id, kind: c.kind, ms: round(c.ms), nRows: c.nRows ?? null })),
    };
  } finally {
    await session.closePage(page);
  }
}

function runBaseline(workload, csv, params, repeat, warmup, timeoutS) {
  return new Promise((resolve) => {
    if (!csv) return resolve({ error: "no CSV for the baseline (see --sample-csv)" });
    const args = [path.join(ROOT, "scripts/bench-baseline.py"), "--workload", workload, "--csv", csv, "--repeat", String(repeat), "--warmup", warmup ? "1" : "0"];
    if (params) args.push("--params", JSON.stringify(params));
    const child = spawn(PYTHON, args, {
      stdio: ["ignore", "pipe", "pipe"],
    });
    baselineChild = child;
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutS * 1000 * (repeat + (warmup ? 1 : 0)));
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ error: `cannot run ${PYTHON}: ${e.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      baselineChild = undefined;
      const last = out.trim().split("\n").pop() ?? "";
      let parsed;
      try {
        parsed = JSON.parse(last);
      } catch {}
      if (parsed?.error) return resolve({ error: parsed.error });
      if (code !== 0 || !parsed) {
        const tail = err.trim().split("\n").slice(-3).join(" | ");
        return resolve({ error: `python exited ${signal ?? code}${tail ? `: ${tail}` : ""}` });
      }
      resolve(parsed);
    });
  });
}

function printTable(results) {
  const rows = [["workload", "rows", "backend", "ours (median)", "runs", "main cell", "peak renderer RSS", "baseline (read)", "ratio", "fit ratio"]];
  for (const r of results) {
    rows.push([
      r.name,
      r.rows?.toLocaleString("en-US") ?? "-",
      r.backend ?? "-",
      r.ms != null ? `${r.ms.toFixed(0)} ms` : `FAILED`,
      r.runs?.length ? r.runs.map((x) => x.toFixed(0)).join(", ") : "-",
      r.focusMs != null ? `${r.focus} ${r.focusMs.toFixed(0)} ms` : "-",
      r.peakRendererRssMB != null ? `${r.peakRendererRssMB.toFixed(0)} MiB` : "-",
      r.baselineMs != null ? `${r.baselineMs.toFixed(0)} ms${r.baselineReadMs != null ? ` (${r.baselineReadMs.toFixed(0)})` : ""}` : "n/a",
      r.ratio != null ? `${r.ratio.toFixed(2)}x` : "-",
      r.fitRatio != null ? `${r.fitRatio.toFixed(2)}x` : "-",
    ]);
  }
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => String(r[j]).length)));
  const line = (r) => r.map((v, j) => String(v).padEnd(w[j])).join("  ").trimEnd();
  console.log([line(rows[0]), w.map((n) => "-".repeat(n)).join("  "), ...rows.slice(1).map(line)].join("\n"));
  console.log("ratio: ours ÷ baseline, both with the data read. fit ratio: main cell ÷ (baseline − its read).");
  for (const r of results) {
    if (r.error) console.log(`  ${r.name}: ${r.error}`);
    if (r.baselineError) console.log(`  ${r.name} baseline: ${r.baselineError}`);
  }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log(USAGE);
      return 0;
    }
    checkDist(opts.dist);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`bench: ${err.message}\n\n${USAGE}`);
    return 2;
  }

  const tmp = await mkdtemp(path.join(os.tmpdir(), "sales-notebook-bench-"));
  let session;
  const cleanup = async () => {
    await session?.close();
    await rm(tmp, { recursive: true, force: true });
  };
  const onSignal = (sig) => {
    stopping = true;
    process.stderr.write(`\n[bench] ${sig}: stopping\n`);
    baselineChild?.kill("SIGKILL");
    cleanup().finally(() => process.exit(sig === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const workloads = [];
    const log = (text) => process.stderr.write(text);
    for (const mod of WORKLOAD_MODULES) {
      if (!opts.only.includes(mod.name)) continue;
      let w;
      try {
        w = await mod.prepare({ root: ROOT, tmp, opts, log });
      } catch (err) {
        w = { error: `preparing the workload: ${err.message}` };
      }
      workloads.push({ name: mod.name, baseline: mod.baseline, files: [], bind: (w.files ?? []).map((f) => f.name), ...w });
    }
    const served = new Map();
    for (const w of workloads) {
      for (const f of w.files) {
        if (served.has(f.name) && served.get(f.name) !== f.file) {
          // Two workloads serve different files under one name: give the later one its own name.
          const renamed = `${w.name}-${f.name}`;
          w.doc = JSON.parse(JSON.stringify(w.doc).replaceAll(JSON.stringify(f.name), JSON.stringify(renamed)));
          w.bind = w.bind.map((n) => (n === f.name ? renamed : n));
          f.name = renamed;
        }
        served.set(f.name, f.file);
      }
    }

    session = await startSession({
      dist: opts.dist,
      data: [...served].map(([name, file]) => ({ name, file })),
      blockOffOrigin: false, // no request interception: it would sit in every request's path
      log: (line) => process.stderr.write(line + "\n"),
    });
    const machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim(),
      memGB: round(os.totalmem() / 2 ** 30, 1),
      chromium: session.browser.version(),
      node: process.version,
      playwrightCore: JSON.parse(readFileSync(path.join(ROOT, "node_modules/playwright-core/package.json"), "utf8")).version,
      os: `${os.type()} ${os.release()}`,
    };

    const results = [];
    for (const w of workloads) {
      if (stopping) break;
      const r = { name: w.name, ms: null, runs: [], rows: null, backend: null, peakRendererRssMB: null, baselineMs: null, ratio: null, fitRatio: null };
      results.push(r);
      const mod = WORKLOAD_MODULES.find((m) => m.name === w.name);
      const repeat = opts.repeatGiven ? opts.repeat : (mod.repeat ?? opts.repeat);
      const warmup = mod.warmup !== false;
      r.repeat = repeat;
      r.warmup = warmup;
      if (w.error) {
        r.error = w.error;
      } else {
        try {
          process.stderr.write(`[bench] ${w.name}:`);
          if (warmup) {
            process.stderr.write(" warm-up |");
            await oneRun(session, w, opts);
          }
          const runs = [];
          for (let i = 0; i < repeat; i++) {
            process.stderr.write(` run ${i + 1} |`);
            runs.push(await oneRun(session, w, opts));
          }
          process.stderr.write("\n");
          Object.assign(r, {
            ms: round(median(runs.map((x) => x.ms))),
            runs: runs.map((x) => round(x.ms)),
            wallMs: round(median(runs.map((x) => x.wallMs))),
            rows: runs[0].rows,
            backend: runs[0].backend,
            backendReason: runs[0].backendReason,
            peakRendererRssMB: round(Math.max(...runs.map((x) => x.peakRendererRssMB))),
            peakRendererRssMBRuns: runs.map((x) => round(x.peakRendererRssMB)),
            rendererRssBeforeMB: round(runs[0].rssBeforeMB),
            peakGpuProcessRssMB: round(Math.max(...runs.map((x) => x.peakGpuProcessRssMB))),
            memorySource: runs[0].rendererFound,
            cells: runs[0].cells,
          });
          if (w.focus) {
            r.focus = w.focus;
            r.focusMs = round(median(runs.map((x) => x.cells.find((c) => c.id === w.focus)?.ms ?? NaN)));
          }
        } catch (err) {
          process.stderr.write("\n");
          r.error = err.message;
        }
      }
      if (stopping) break;
      if (!opts.baseline) r.baselineError = "skipped (--no-baseline)";
      else if (w.baselineMissing) r.baselineError = w.baselineMissing;
      else {
        process.stderr.write(`[bench] ${w.name}: python baseline\n`);
        const b = await runBaseline(w.baseline, w.baselineCsv, w.baselineParams, repeat, warmup, opts.timeoutS);
        if (b.error) r.baselineError = b.error;
        else {
          Object.assign(r, {
            baselineMs: round(b.ms),
            baselineRuns: b.runs.map((x) => round(x)),
            baselineReadMs: round(b.readMs ?? null),
            baselineFitMs: round(b.fitMs ?? null),
            baselineRows: b.rows,
            baselinePeakRssMB: round(b.peakRssMB),
            baselineVersions: b.versions,
            baselineSummary: b.summary,
          });
          machine.python ??= b.versions;
        }
      }
      if (r.ms != null && r.baselineMs) r.ratio = round(r.ms / r.baselineMs, 2);
      if (r.focusMs != null && r.baselineFitMs > 0) r.fitRatio = round(r.focusMs / r.baselineFitMs, 2);
    }

    const out = { machine, repeat: opts.repeat, bind: opts.bind, date: new Date().toISOString(), workloads: results };
    if (opts.json) await writeFile(opts.json, JSON.stringify(out, null, 2) + "\n");
    const runsNote = results.some((r) => r.repeat !== opts.repeat || !r.warmup) ? " (except: " + results.filter((r) => r.repeat !== opts.repeat || !r.warmup).map((r) => `${r.name} ${r.repeat} run${r.repeat > 1 ? "s" : ""}${r.warmup ? "" : ", no warm-up"}`).join("; ") + ")" : "";
    console.log(`\n${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memGB} GiB, Chromium ${machine.chromium}; median of ${opts.repeat} after 1 warm-up${runsNote}`);
    printTable(results);
    if (opts.json) console.log(`\nwrote ${opts.json}`);
    return results.some((r) => r.error) ? 1 : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await cleanup();
  }
}

process.exitCode = await main();
