// Exporting a notebook document to other tools (Jupyter, for analysts who move to Python).
export { notebookToIpynb, type IpynbOptions } from "./ipynb";
export { NotExported, type CellGenerator, type ExportContext, type ExportedCell } from "./types";
