// Where data cells get their bytes: CSVs shipped under the app's data/ folder, or files the user
// (or the headless runner) bound by name. Everything is read from this page's origin or memory.
import type { DataSource } from "../src/core/cells/types";
import { MAX_INPUT_BYTES } from "../src/core/frame/read-table";
import type { ChunkSource } from "../src/core/frame/read-stream";

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

/** Where a source's bytes are: a sample's URL under data/, or what the user bound to its name. */
function locate(source: DataSource): Binding {
  if (source.type === "sample") {
    if (!/^[a-z0-9_-]+$/i.test(source.name)) throw new Error(`"${source.name}" is not a sample dataset name`);
    return { url: `data/${source.name}.csv` };
  }
  const binding = bindings.get(source.name);
  if (!binding) {
    throw new Error(`No file "${source.name}" is loaded: drop it on this cell or pick it with "Choose file"`);
  }
  return binding;
}

async function readRaw(source: DataSource): Promise<Uint8Array> {
  const binding = locate(source);
  return "bytes" in binding ? binding.bytes : "blob" in binding ? new Uint8Array(await binding.blob.arrayBuffer()) : fetchBytes(binding.url);
}

/** A file that can be streamed from its start again and again: what a re-read (CSV pass 2) needs. */
interface RawSource {
  /** The file's size when known before reading it. */
  readonly size?: number;
  open(): Promise<ReadableStream<Uint8Array>>;
}

/** Chunks of bytes in memory, as views (nothing copied). */
function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, (at += 4 << 20)));
    },
  });
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(new URL(url, baseUrl));
  if (!response.ok) throw new Error(`Could not read ${url}: HTTP ${response.status}`);
  return response;
}

/** A URL fetched again for every read; the first response (fetched to learn the size) serves the first read. */
async function urlSource(url: string): Promise<RawSource> {
  let first: Response | null = await fetchOk(url);
  const length = first.headers.get("content-length");
  // With a Content-Encoding the length counts encoded bytes, not what the body yields.
  const size = length !== null && !first.headers.get("content-encoding") ? Number(length) : undefined;
  return {
    size,
    async open() {
      const response = first ?? (await fetchOk(url));
      first = null;
      return response.body ?? bytesStream(new Uint8Array(0));
    },
  };
}

async function rawSource(source: DataSource): Promise<RawSource> {
  const binding = locate(source);
  if ("bytes" in binding) return { size: binding.bytes.length, open: async () => bytesStream(binding.bytes) };
  if ("blob" in binding) return { size: binding.blob.size, open: async () => binding.blob.stream() };
  return urlSource(binding.url);
}

/**
 * Lets the worker's message queue run: a stream whose data is already buffered resolves reads as
 * microtasks, so without this a Cancel message would wait for the whole parse.
 */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (channel.port1.close(), resolve());
    channel.port2.postMessage(null);
  });
}

/** Bytes read from a stream, then the stream released (when the reader leaves early too). */
async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>, head: readonly Uint8Array[] = [], onChunk?: (n: number) => void) {
  let done = false;
  let yielded = performance.now();
  try {
    for (const chunk of head) yield chunk;
    for (;;) {
      if (performance.now() - yielded > 20) {
        await yieldToMessages();
        yielded = performance.now();
      }
      const next = await reader.read();
      if (next.done) return void (done = true);
      onChunk?.(next.value.byteLength);
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

/**
 * A data source as a re-openable stream of chunks for the streaming reader (`readAnyTableStream`):
 * a gzip file (by its magic number, whatever the name) is decompressed as it streams, and refused
 * once its output passes 1.5 GiB; a file known to be larger is refused before reading.
 */
export async function openSource(source: DataSource): Promise<ChunkSource> {
  const name = source.name;
  const raw = await rawSource(source);
  if (raw.size !== undefined && raw.size > MAX_INPUT_BYTES) {
    throw new Error(`${name}: the file is ${(raw.size / GIB).toFixed(2)} GiB, above this app's limit of 1.5 GiB`);
  }
  // The first read looks at the first bytes for the gzip signature; what it read is not read again.
  const firstReader = (await raw.open()).getReader();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < 2) {
    const next = await firstReader.read();
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const second = head.length === 0 ? undefined : head[0].length > 1 ? head[0][1] : head[1]?.[0];
  const isGzip = head[0]?.[0] === 0x1f && second === 0x8b;
  let first: { reader: ReadableStreamDefaultReader<Uint8Array>; head: Uint8Array[] } | null = { reader: firstReader, head };
  let compressed = 0;
  const rawChunks = async () => {
    const opened = first ?? { reader: (await raw.open()).getReader(), head: [] };
    first = null;
    compressed = 0;
    return chunksOf(opened.reader, opened.head, (n) => (compressed += n));
  };
  if (!isGzip) return { size: raw.size, open: () => plain(rawChunks) };
  return {
    fraction: raw.size ? () => Math.min(1, compressed / raw.size!) : undefined,
    open: () => gunzipped(rawChunks, name),
  };
}

async function* plain(open: () => Promise<AsyncGenerator<Uint8Array>>): AsyncGenerator<Uint8Array> {
  yield* await open();
}

/** Gzip bytes decompressed as they stream (DecompressionStream), stopping past the size limit. */
async function* gunzipped(open: () => Promise<AsyncGenerator<Uint8Array>>, name: string): AsyncGenerator<Uint8Array> {
  const input = await open();
  const compressedStream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await input.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await input.return(undefined);
    },
  });
  const reader = compressedStream.pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  let total = 0;
  for await (const chunk of chunksOf(reader)) {
    total += chunk.byteLength;
    if (total > MAX_INPUT_BYTES) throw new Error(`${name}: decompresses to more than 1.5 GiB, this app's limit; split or filter it first`);
    yield chunk;
  }
}
