import { getColumn, TableError, type NumericColumn, type Table } from "../frame/table";

/**
 * The bridge from a Table to the numbers a model fits: the chosen feature columns as a row-major
 * matrix over the rows that have every feature and the target, and the bookkeeping a user needs to
 * trust it (how many rows were left out, which features carry no information).
 */
export interface DesignMatrix {
  /** Feature names, in column order. */
  readonly features: readonly string[];
  /** Number of rows kept. */
  readonly n: number;
  /** Number of features. */
  readonly p: number;
  /** Row-major n×p feature values in float64 (the exact input; float32 copies are made for TF.js). */
  readonly x: Float64Array;
  /** Target per kept row (NaN-free). Empty when no target was asked for. */
  readonly y: Float64Array;
  /** Index in the source table of each kept row. */
  readonly rows: Int32Array;
  /** Candidate rows left out because a feature or the target was missing. */
  readonly droppedRows: number;
  /** Features with a single value over the kept rows (no information; collinear with the intercept). */
  readonly constantFeatures: readonly string[];
}

/** What to build a design matrix from. */
export interface DesignOptions {
  readonly features: readonly string[];
  /** Target values per table row (NaN = missing), already encoded (e.g. classes as 0/1). */
  readonly y?: Float64Array;
  /** Candidate rows (e.g. the training split); all rows when absent. */
  readonly rows?: ArrayLike<number>;
  /** Allocates x (e.g. memory shared with helper threads); a plain ArrayBuffer when absent. */
  readonly memory?: (bytes: number) => ArrayBufferLike;
}

/**
 * The feature columns, checked: each must exist and hold numbers or booleans. Text and date
 * columns are rejected with a message saying what to do, since silently coding them as numbers
 * would fit nonsense.
 */
export function featureColumns(table: Table, features: readonly string[]): NumericColumn[] {
  if (features.length === 0) throw new TableError("No feature columns: choose at least one numeric or boolean column");
  return features.map((name) => {
    const c = getColumn(table, name);
    if (c.type === "string") {
      throw new TableError(
        `Feature "${name}" is text; models need numbers. One-hot encode it first (a preprocess step {"op": "onehot", "columns": ["${name}"]}) or leave it out`,
      );
    }
    if (c.type === "date") {
      throw new TableError(`Feature "${name}" is a date; derive a numeric feature from it (e.g. days since a start) or leave it out`);
    }
    return c;
  });
}

/** Builds the design matrix over the candidate rows that have every feature and the target. */
export function buildDesignMatrix(table: Table, opts: DesignOptions): DesignMatrix {
  const cols = featureColumns(table, opts.features).map((c) => c.values);
  const p = cols.length;
  const { y } = opts;
  if (y && y.length !== table.nRows) throw new TableError(`Target has ${y.length} values for ${table.nRows} rows`);
  const candidates = opts.rows;
  const nCandidates = candidates ? candidates.length : table.nRows;
  const memory = opts.memory ?? ((bytes: number) => new ArrayBuffer(bytes));
  const whole = candidates ? undefined : copyComplete(cols, y, nCandidates, memory);
  if (whole) {
    const rows = new Int32Array(nCandidates);
    for (let i = 0; i < nCandidates; i++) rows[i] = i;
    return finish(opts.features, nCandidates, p, whole.x, whole.y, rows, 0);
  }
  // Typed buffers and one column at a time (x !== x is NaN): on a million rows, boxed arrays and
  // row-by-row gathers across p columns cost more than the copy itself.
  const missing = new Uint8Array(nCandidates);
  for (const col of y ? [...cols, y] : cols) {
    if (candidates) for (let k = 0; k < nCandidates; k++) missing[k] |= col[candidates[k]] !== col[candidates[k]] ? 1 : 0;
    else for (let k = 0; k < nCandidates; k++) missing[k] |= col[k] !== col[k] ? 1 : 0;
  }
  const keptAll = new Int32Array(nCandidates);
  let n = 0;
  for (let k = 0; k < nCandidates; k++) if (!missing[k]) keptAll[n++] = candidates ? candidates[k] : k;
  const kept = keptAll.slice(0, n);
  const x = new Float64Array(memory(8 * n * p));
  const yOut = new Float64Array(y ? n : 0);
  // In blocks of rows, so the block of x being filled stays in cache across the p columns.
  const BLOCK = 4096;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let j = 0; j < p; j++) {
      const col = cols[j];
      for (let i = start, o = start * p + j; i < end; i++, o += p) x[o] = col[kept[i]];
    }
  }
  if (y) for (let i = 0; i < n; i++) yOut[i] = y[kept[i]];
  return finish(opts.features, n, p, x, yOut, kept, nCandidates - n);
}

function finish(
  features: readonly string[], n: number, p: number, x: Float64Array, y: Float64Array, rows: Int32Array, droppedRows: number,
): DesignMatrix {
  const constantFeatures = features.filter((_, j) => isConstant(x, n, p, j));
  return { features: [...features], n, p, x, y, rows, droppedRows, constantFeatures };
}

/**
 * Every row of the table, copied in one pass that also looks for missing values; undefined as soon
 * as one is found (the caller then builds the matrix the general way). A table without missing
 * values, the common case, so skips the separate pass that marks rows and the gather through row
 * indices (about a third of the time on a million rows).
 */
function copyComplete(
  cols: readonly Float64Array[], y: Float64Array | undefined, n: number, memory: (bytes: number) => ArrayBufferLike,
): { x: Float64Array; y: Float64Array } | undefined {
  const p = cols.length;
  if (y) for (let i = 0; i < n; i++) if (y[i] !== y[i]) return undefined;
  const x = new Float64Array(memory(8 * n * p));
  const BLOCK = 4096;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let nan = false;
    for (let j = 0; j < p; j++) {
      const col = cols[j];
      for (let i = start, o = start * p + j; i < end; i++, o += p) {
        const v = col[i];
        x[o] = v;
        if (v !== v) nan = true;
      }
    }
    if (nan) return undefined;
  }
  return { x, y: y ? y.slice() : new Float64Array(0) };
}

function isConstant(x: Float64Array, n: number, p: number, j: number): boolean {
  for (let i = 1; i < n; i++) if (x[i * p + j] !== x[j]) return false;
  return true;
}

/** The same matrix without the named features (e.g. constant ones). */
export function dropFeatures(dm: DesignMatrix, names: readonly string[]): DesignMatrix {
  const keep = dm.features.map((f, j) => (names.includes(f) ? -1 : j)).filter((j) => j >= 0);
  const p = keep.length;
  const x = new Float64Array(dm.n * p);
  for (let i = 0; i < dm.n; i++) for (let k = 0; k < p; k++) x[i * p + k] = dm.x[i * dm.p + keep[k]];
  return {
    ...dm, p, x,
    features: keep.map((j) => dm.features[j]),
    constantFeatures: dm.constantFeatures.filter((f) => !names.includes(f)),
  };
}

/** Standardised float32 copy of a design matrix, ready to become a TF.js tensor. */
export interface ScaledMatrix {
  /** Row-major n×(p [+1]) values (x − mean) / scale, with a trailing column of ones when asked. */
  readonly x32: Float32Array;
  /** Columns in x32 (p, or p + 1 with the intercept column). */
  readonly width: number;
  readonly means: Float64Array;
  /** Population standard deviations (1 for a constant column). */
  readonly scales: Float64Array;
}

/**
 * Centres and scales each column in float64, then rounds to float32. Why: on the GPU the Gram
 * matrix X'X is accumulated in float32; raw columns like "balance" (~1e3) beside "age" (~1e1)
 * and the mean they share with the intercept make it ill-conditioned, and float32 would lose
 * most digits. Standardised columns give X'X ≈ n · correlation matrix, which float32 holds well.
 * The models undo the transform exactly in float64.
 */
export function standardizeToFloat32(dm: DesignMatrix, withIntercept: boolean): ScaledMatrix {
  const { n, p, x } = dm;
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  // Row by row (x is row-major), each column's sums still taken in row order: the same numbers
  // as a column at a time, without striding through memory.
  const sums = new Float64Array(p);
  for (let o = 0; o < n * p; o += p) for (let j = 0; j < p; j++) sums[j] += x[o + j];
  for (let j = 0; j < p; j++) means[j] = n ? sums[j] / n : 0;
  const squares = new Float64Array(p);
  for (let o = 0; o < n * p; o += p) {
    for (let j = 0; j < p; j++) {
      squares[j] += (x[o + j] - means[j]) ** 2;
    }
  }
  for (let j = 0; j < p; j++) scales[j] = squares[j] > 0 ? Math.sqrt(squares[j] / n) : 1;
  const width = withIntercept ? p + 1 : p;
  const x32 = new Float32Array(n * width);
  for (let i = 0, o = 0, a = 0; i < n; i++, o += p, a += width) {
    for (let j = 0; j < p; j++) x32[a + j] = (x[o + j] - means[j]) / scales[j];
    if (withIntercept) x32[a + p] = 1;
  }
  return { x32, width, means, scales };
}
