import type { CellKind } from "./types";
import { asObject } from "./params";
import { ParamError } from "./types";
import { makeTable } from "../frame/table";

/** Parameters of a note: Markdown text, rendered as text-only blocks (never as raw HTML). */
export interface NoteParams {
  readonly markdown: string;
}

/** A note cell: prose between the computations. It runs instantly and outputs an empty table. */
export const noteCell: CellKind<NoteParams> = {
  id: "note",
  title: "Note",
  inputs: [],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    const markdown = p.markdown ?? "";
    if (typeof markdown !== "string") throw new ParamError("params.markdown", "must be text");
    if (markdown.length > 100_000) throw new ParamError("params.markdown", "is longer than 100,000 characters");
    return { markdown };
  },
  async run(_inputs, params) {
    return { table: makeTable([]), summary: { characters: params.markdown.length } };
  },
};
