// The notebook document: its types, how a file is read (parse -> migrate -> validate) and written.
export * from "./types";
export {
  BACKEND_CHOICES,
  CELL_ID_PATTERN,
  DEFAULT_SETTINGS,
  DEFAULT_TITLE,
  MAX_CELLS,
  NOTEBOOK_FORMAT,
  NOTEBOOK_VERSION,
  NotebookError,
  validateNotebook,
} from "./validate";
export { MIGRATIONS, migrate, type Migration } from "./migrate";
export { MAX_NOTEBOOK_CHARS, loadNotebook, parseNotebook, serializeNotebook } from "./parse";
