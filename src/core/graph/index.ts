// The cell graph: planning (order and per-cell problems) and the scheduler that runs it.
export { downstreamOf, plan, sameDefinition, upstreamOf, type Plan, type RequiredInputs } from "./plan";
export {
  Scheduler,
  type CellRunState,
  type CellStatus,
  type Executor,
  type SchedulerOptions,
} from "./scheduler";
