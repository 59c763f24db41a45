/**
 * The Parquet codecs beyond snappy (which hyparquet has built in), taken file by file from
 * hyparquet-compressors plus fzstd. Its package entry is not imported on purpose: that module
 * builds an object whose SNAPPY entry compiles a WebAssembly snappy at load time, which we do not
 * need (hyparquet's own JS snappy is used) and which a page CSP without 'wasm-unsafe-eval' refuses.
 */
import { decompress as decompressZstd } from "fzstd";
import { gunzip } from "hyparquet-compressors/src/gzip.js";
import { decompressBrotli } from "hyparquet-compressors/src/brotli.js";
import { decompressLz4, decompressLz4Raw } from "hyparquet-compressors/src/lz4.js";

/** Decompressors by Parquet codec name, in hyparquet's `compressors` shape. */
export const codecs = {
  GZIP: (input: Uint8Array, length: number) => gunzip(input, new Uint8Array(length)),
  ZSTD: (input: Uint8Array) => decompressZstd(input),
  BROTLI: decompressBrotli,
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};
