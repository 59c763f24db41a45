import type { Json } from "../json";
import type { CellId, CellSpec } from "../notebook/types";

/** The input ports a cell must have bound (usually its kind's `inputs`). */
export type RequiredInputs = (cell: CellSpec) => readonly string[];

/**
 * How to run a notebook: every distinct cell id once, upstream before downstream, and the cells
 * that cannot run with the reason why. Problems are values, not exceptions, so a notebook with a
 * broken cell still opens and the rest of it still runs (observablehq/runtime's error variables).
 */
export interface Plan {
  /** Topological order; among independent cells, document order. Cells in or below a cycle come last. */
  readonly order: CellId[];
  /** Cell id -> why it cannot run. */
  readonly problems: ReadonlyMap<CellId, string>;
}

const noRequiredInputs: RequiredInputs = () => [];

function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, Json>, rb = b as Record<string, Json>;
  return keys.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]));
}

/**
 * Whether two specs of a cell compute the same thing: same kind, inputs and params (deep,
 * key order ignored). The title is display only, so renaming a cell never re-runs it.
 */
export function sameDefinition(a: CellSpec, b: CellSpec): boolean {
  return a.kind === b.kind && jsonEqual(a.inputs, b.inputs) && jsonEqual(a.params, b.params);
}

/** Maps each cell id to the ids of the cells that read it (all occurrences of duplicated ids). */
function readersOf(cells: readonly CellSpec[]): Map<CellId, CellId[]> {
  const readers = new Map<CellId, CellId[]>();
  for (const cell of cells) {
    for (const source of new Set(Object.values(cell.inputs))) {
      const list = readers.get(source) ?? [];
      if (!list.includes(cell.id)) list.push(cell.id);
      readers.set(source, list);
    }
  }
  return readers;
}

/** Breadth-first walk from `start` along `next`, returning every id reached (start included). */
function reach(start: Iterable<CellId>, next: (id: CellId) => Iterable<CellId>): Set<CellId> {
  const seen = new Set(start);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const id of next(queue[i])) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}

/**
 * The given cells and every cell that reads from them, directly or not. Ids that are not (or no
 * longer) cells may be passed: their readers are still found, which is how an edit that removes
 * a cell reaches the cells that used it.
 */
export function downstreamOf(cells: readonly CellSpec[], ids: Iterable<CellId>): ReadonlySet<CellId> {
  const readers = readersOf(cells);
  return reach(ids, (id) => readers.get(id) ?? []);
}

/** `id` and every cell it reads from, directly or not. */
export function upstreamOf(cells: readonly CellSpec[], id: CellId): ReadonlySet<CellId> {
  const sources = new Map<CellId, CellId[]>();
  for (const cell of cells) sources.set(cell.id, [...(sources.get(cell.id) ?? []), ...Object.values(cell.inputs)]);
  return reach([id], (cellId) => sources.get(cellId) ?? []);
}

/** Shortest path from `id` back to itself along `readers`, within `within`; undefined if none. */
function cycleThrough(id: CellId, readers: Map<CellId, CellId[]>, within: ReadonlySet<CellId>): CellId[] | undefined {
  const cameFrom = new Map<CellId, CellId>();
  const queue: CellId[] = [id];
  for (let i = 0; i < queue.length; i++) {
    for (const next of readers.get(queue[i]) ?? []) {
      if (!within.has(next) || cameFrom.has(next)) continue;
      cameFrom.set(next, queue[i]);
      if (next === id) {
        const path = [id];
        for (let at = cameFrom.get(id)!; at !== id; at = cameFrom.get(at)!) path.unshift(at);
        return [id, ...path];
      }
      queue.push(next);
    }
  }
  return undefined;
}

/**
 * Orders the cells for running and finds the ones that cannot run: a duplicated id, an input
 * bound to a missing cell, a required input left unbound, a circular dependency (reported on
 * every cell of the cycle), and anything downstream of such a cell.
 * @param requiredInputs the ports each cell must have bound; none by default.
 */
export function plan(cells: readonly CellSpec[], requiredInputs: RequiredInputs = noRequiredInputs): Plan {
  // With duplicated ids, the first cell stands for the id; the id is broken either way.
  const byId = new Map<CellId, CellSpec>();
  const duplicated = new Set<CellId>();
  for (const cell of cells) {
    if (byId.has(cell.id)) duplicated.add(cell.id);
    else byId.set(cell.id, cell);
  }
  const ids = [...byId.keys()];
  const position = new Map(ids.map((id, i) => [id, i]));

  const own = new Map<CellId, string[]>();
  const complain = (id: CellId, problem: string) => own.set(id, [...(own.get(id) ?? []), problem]);
  for (const id of duplicated) complain(id, `id '${id}' is used by more than one cell`);
  for (const cell of byId.values()) {
    for (const [port, source] of Object.entries(cell.inputs)) {
      if (!byId.has(source)) complain(cell.id, `input '${port}' refers to missing cell '${source}'`);
    }
    for (const port of requiredInputs(cell)) {
      if (!cell.inputs[port]) complain(cell.id, `input '${port}' is not connected`);
    }
  }

  // Kahn's algorithm, always taking the earliest ready cell in document order, so a notebook
  // that is already in running order keeps exactly that order.
  const readers = readersOf([...byId.values()]);
  const waitingOn = new Map(ids.map((id) => [id, new Set(Object.values(byId.get(id)!.inputs).filter((s) => byId.has(s))).size]));
  const ready = ids.filter((id) => waitingOn.get(id) === 0);
  const order: CellId[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const reader of readers.get(id) ?? []) {
      const left = waitingOn.get(reader)! - 1;
      waitingOn.set(reader, left);
      if (left > 0) continue;
      // Insert in document position: ready stays sorted, so shift() is always the earliest.
      const at = ready.findIndex((other) => position.get(other)! > position.get(reader)!);
      ready.splice(at === -1 ? ready.length : at, 0, reader);
    }
  }

  // Whatever Kahn could not place sits on a cycle or below one. A cell is on a cycle exactly
  // when it can reach itself; the others are reported as downstream problems below.
  const placed = new Set(order);
  const leftover = new Set(ids.filter((id) => !placed.has(id)));
  for (const id of leftover) {
    const cycle = cycleThrough(id, readers, leftover);
    if (cycle) complain(id, `circular dependency: ${cycle.join(" -> ")}`);
  }
  order.push(...leftover);

  const problems = new Map<CellId, string>();
  for (const id of ids) {
    const list = own.get(id);
    if (list) problems.set(id, list.join("; "));
  }
  // Spread breakage downstream, breadth-first from the broken cells in document order, so each
  // cell names the nearest broken cell it depends on.
  const queue = ids.filter((id) => problems.has(id));
  for (let i = 0; i < queue.length; i++) {
    for (const reader of readers.get(queue[i]) ?? []) {
      if (problems.has(reader)) continue;
      problems.set(reader, `upstream cell '${queue[i]}' cannot run`);
      queue.push(reader);
    }
  }
  return { order, problems };
}
