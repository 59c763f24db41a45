#!/usr/bin/env node
// A small static file server (node:http, no dependencies) for the built app: the headless runner,
// the benchmarks and manual checks serve dist/ with it. Every response carries the same strict
// Content-Security-Policy and the COOP/COEP pair, so the page is cross-origin isolated
// (SharedArrayBuffer, threaded WASM) and can only talk to its own origin.
//
//   node scripts/serve.mjs [ROOT=dist] [PORT=5173] [HOST=127.0.0.1]
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const SECURITY_HEADERS = Object.freeze({
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; font-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'none'",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
});

/** Where the browser POSTs CSP violation reports when `onCspViolation` is set. */
export const CSP_REPORT_PATH = "/__csp-report";

export const MIME_TYPES = Object.freeze({
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".gz": "application/gzip",
  ".zip": "application/zip",
});

/** The Content-Type for a file name (by extension), `application/octet-stream` when unknown. */
export function mimeType(fileName) {
  return MIME_TYPES[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";
}

function isInside(root, candidate) {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Starts a static server for `root`.
 * @param {{root: string, port?: number, host?: string, files?: Record<string, string>, onCspViolation?: (report: unknown) => void}} options
 *   `files` mounts extra local files at URL paths (e.g. `{"/__data/sales.csv": "/tmp/sales.csv"}`);
 *   keys are decoded paths (a request for `/__data/my%20file.csv` matches the key
 *   `/__data/my file.csv`). They are streamed from disk on each request, never held in memory.
 *   `onCspViolation(report)`, when given, adds `report-uri /__csp-report` to the policy and is called
 *   with each violation report the browser POSTs there (also for workers, whose blocked requests
 *   never reach the network and so are invisible to request listeners).
 * @returns {Promise<{url: string, origin: string, port: number, close(): Promise<void>}>}
 */
export async function startStaticServer({ root, port = 0, host = "127.0.0.1", files = {}, onCspViolation } = {}) {
  if (!root) throw new Error("startStaticServer: root is required");
  const rootReal = await realpath(path.resolve(root));
  const rootStat = await stat(rootReal);
  if (!rootStat.isDirectory()) throw new Error(`startStaticServer: ${root} is not a directory`);
  const mounts = new Map();
  for (const [urlPath, filePath] of Object.entries(files)) {
    if (!urlPath.startsWith("/")) throw new Error(`startStaticServer: mount path must start with "/": ${urlPath}`);
    mounts.set(urlPath, path.resolve(filePath));
  }

  const headers = { ...SECURITY_HEADERS };
  if (onCspViolation) headers["Content-Security-Policy"] += `; report-uri ${CSP_REPORT_PATH}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, "Internal Server Error\n");
      else res.destroy(err);
    });
  });

  async function handle(req, res) {
    if (onCspViolation && req.method === "POST" && req.url === CSP_REPORT_PATH) {
      const chunks = [];
      let size = 0;
      for await (const chunk of req) {
        size += chunk.length;
        if (size > 65536) return send(res, 413, "Payload Too Large\n");
        chunks.push(chunk);
      }
      let report;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        report = body["csp-report"] ?? body;
      } catch {
        return send(res, 400, "Bad Request\n");
      }
      try {
        onCspViolation(report);
      } finally {
        send(res, 204, "");
      }
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, "Method Not Allowed\n", { Allow: "GET, HEAD" });
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      send(res, 400, "Bad Request\n");
      return;
    }
    if (pathname.includes("\0")) return notFound(res);

    const mounted = mounts.get(pathname);
    if (mounted !== undefined) return sendFile(req, res, mounted);

    // Resolve against the root and refuse anything that lands outside it, also through symlinks.
    const candidate = path.resolve(rootReal, "." + path.posix.normalize("/" + pathname));
    if (!isInside(rootReal, candidate)) return notFound(res);
    let real;
    try {
      real = await realpath(candidate);
    } catch {
      return notFound(res);
    }
    if (!isInside(rootReal, real)) return notFound(res);
    const st = await stat(real);
    if (st.isDirectory()) {
      if (!pathname.endsWith("/")) {
        // Relative asset URLs (vite base "./") need the trailing slash.
        const u = new URL(req.url ?? "/", "http://x");
        send(res, 301, "", { Location: u.pathname + "/" + u.search });
        return;
      }
      const index = path.join(real, "index.html");
      try {
        const indexReal = await realpath(index);
        if (!isInside(rootReal, indexReal)) return notFound(res);
        return sendFile(req, res, indexReal);
      } catch {
        return notFound(res);
      }
    }
    return sendFile(req, res, real);
  }

  async function sendFile(req, res, filePath) {
    let st;
    try {
      st = await stat(filePath);
    } catch {
      return notFound(res);
    }
    if (!st.isFile()) return notFound(res);
    res.writeHead(200, {
      ...headers,
      "Content-Type": mimeType(filePath),
      "Content-Length": String(st.size),
      "Cache-Control": "no-cache",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    const stream = createReadStream(filePath);
    stream.on("error", (err) => res.destroy(err));
    stream.pipe(res);
  }

  function notFound(res) {
    send(res, 404, "Not Found\n");
  }

  function send(res, status, body, extra = {}) {
    res.writeHead(status, {
      ...headers,
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      "Cache-Control": "no-store",
      ...extra,
    });
    res.end(body);
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  const origin = `http://${hostForUrl}:${actualPort}`;

  let closing;
  return {
    url: origin,
    origin,
    port: actualPort,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      return closing;
    },
  };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const [root = "dist", portArg = "5173", host = "127.0.0.1"] = process.argv.slice(2);
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`usage: node scripts/serve.mjs [ROOT=dist] [PORT=5173] [HOST=127.0.0.1]\n  bad port: ${portArg}`);
    process.exit(2);
  }
  try {
    const server = await startStaticServer({ root, port, host });
    console.log(`${server.url}/`);
    const stop = () => server.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  }
}
