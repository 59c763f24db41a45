// Where data cells get their bytes: CSVs shipped under the app's data/ folder, or files the user
// (or the headless runner) bound by name. Everything is read from this page's origin or memory.
import type { DataSource } from "../src/core/cells/types";
import { MAX_INPUT_BYTES } from "../src/core/frame/read-table";

type Binding = { readonly bytes: Uint8Array } | { readonly blob: Blob } | { readonly url: string };

const bindings = new Map<string, Binding>();
let baseUrl = "";

/** The page's base URL, against which `data/<sample>.csv` and bound URLs resolve. */
export function setBaseUrl(url: string): void {
  baseUrl = url;
}

/** Binds a file name to bytes in memory or a same-origin URL. */
export function bindFile(name: string, binding: Binding): void {
  bindings.set(name, binding);
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(new URL(url, baseUrl));
  if (!response.ok) throw new Error(`Could not read ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const GIB = 2 ** 30;

/**
 * Gunzips in the worker with the browser's DecompressionStream (core stays free of it), stopping
 * as soon as the output passes the size limit rather than after exhausting memory.
 */
export async function gunzip(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"));
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_INPUT_BYTES) {
      await reader.cancel();
      throw new Error(`${name}: decompresses to more than 1.5 GiB, this app's limit; split or filter it first`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) out.set(c, at), (at += c.byteLength);
  return out;
}

/** The bytes as the parser needs them: gzip (by its magic number, whatever the name) is decompressed. */
async function prepare(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new Error(`${name}: the file is ${(bytes.length / GIB).toFixed(2)} GiB, above this app's limit of 1.5 GiB`);
  }
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzip(bytes, name) : bytes;
}

/** The bytes of a data source, decompressed; a missing file gets a message that says how to provide it. */
export async function readSource(source: DataSource): Promise<Uint8Array> {
  return prepare(await readRaw(source), source.name);
}

async function readRaw(source: DataSource): Promise<Uint8Array> {
  if (source.type === "sample") {
    if (!/^[a-z0-9_-]+$/i.test(source.name)) throw new Error(`"${source.name}" is not a sample dataset name`);
    return fetchBytes(`data/${source.name}.csv`);
  }
  const binding = bindings.get(source.name);
  if (!binding) {
    throw new Error(`No file "${source.name}" is loaded: drop it on this cell or pick it with "Choose file"`);
  }
  return "bytes" in binding ? binding.bytes : "blob" in binding ? new Uint8Array(await binding.blob.arrayBuffer()) : fetchBytes(binding.url);
}
