// Where data cells get their bytes: CSVs shipped under the app's data/ folder, or files the user
// (or the headless runner) bound by name. Everything is read from this page's origin or memory.
import type { DataSource } from "../src/core/cells/types";

type Binding = { readonly bytes: Uint8Array } | { readonly url: string };

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

/** The bytes of a data source; a missing file gets a message that says how to provide it. */
export async function readSource(source: DataSource): Promise<Uint8Array> {
  if (source.type === "sample") {
    if (!/^[a-z0-9_-]+$/i.test(source.name)) throw new Error(`"${source.name}" is not a sample dataset name`);
    return fetchBytes(`data/${source.name}.csv`);
  }
  const binding = bindings.get(source.name);
  if (!binding) {
    throw new Error(`No file "${source.name}" is loaded: drop it on this cell or pick it with "Choose file"`);
  }
  return "bytes" in binding ? binding.bytes : fetchBytes(binding.url);
}
