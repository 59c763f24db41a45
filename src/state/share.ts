// Share links: the notebook document (never its data) deflated into the URL fragment, which
// browsers do not send to the server.
import { parseNotebook, serializeNotebook } from "../core/notebook";
import type { NotebookDocument } from "../core/notebook/types";

const PREFIX = "#nb=";

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (starting "#nb=") that opens `doc`; data files are referred to by name only. */
export async function shareFragment(doc: NotebookDocument): Promise<string> {
  const bytes = new TextEncoder().encode(serializeNotebook(doc));
  return PREFIX + toBase64Url(await pipe(bytes, new CompressionStream("deflate-raw")));
}

/** The notebook in a share fragment, null when the fragment is not a share link; throws when damaged. */
export async function readShareFragment(hash: string): Promise<NotebookDocument | null> {
  if (!hash.startsWith(PREFIX)) return null;
  let text: string;
  try {
    text = new TextDecoder().decode(await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream("deflate-raw")));
  } catch {
    throw new Error("The share link is damaged (it could not be decompressed); ask for a new link");
  }
  return parseNotebook(text);
}
