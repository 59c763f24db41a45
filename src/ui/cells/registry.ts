import type { Component } from "svelte";
import type { CellKindId } from "../../core/notebook/types";
import type { CellProps } from "./types";
import DataCell from "./DataCell.svelte";
import PreprocessCell from "./PreprocessCell.svelte";
import ModelCell from "./ModelCell.svelte";
import EvaluateCell from "./EvaluateCell.svelte";
import ClusterCell from "./ClusterCell.svelte";
import RfmCell from "./RfmCell.svelte";
import ClvCell from "./ClvCell.svelte";
import BasketCell from "./BasketCell.svelte";
import ForecastCell from "./ForecastCell.svelte";
import AllocateCell from "./AllocateCell.svelte";
import ChartCell from "./ChartCell.svelte";
import NoteCell from "./NoteCell.svelte";

/** One component per cell kind, with the same stem as core/cells/<kind>.ts. */
export const cellComponents = {
  data: DataCell,
  preprocess: PreprocessCell,
  model: ModelCell,
  cluster: ClusterCell,
  evaluate: EvaluateCell,
  rfm: RfmCell,
  clv: ClvCell,
  basket: BasketCell,
  forecast: ForecastCell,
  allocate: AllocateCell,
  chart: ChartCell,
  note: NoteCell,
} satisfies Record<CellKindId, Component<CellProps>>;

/** Display names of the kinds. */
export const KIND_LABELS: Record<CellKindId, string> = {
  data: "Data",
  preprocess: "Preprocess",
  model: "Model",
  cluster: "Cluster",
  evaluate: "Evaluate",
  rfm: "RFM",
  clv: "Lifetime value",
  basket: "Basket rules",
  forecast: "Forecast",
  allocate: "Allocate",
  chart: "Chart",
  note: "Note",
};
