/** @cloudroute/sim: flow generation, forwarding over time, connectivity-loss measurement. */
export { runJob, diffJob, chaosJob, mergeParts, fingerprint, MergeError } from './commands.js';
export { simSource } from './sim-scenario.js';
export { trace, TraceInputError } from './trace.js';
export { foldTimeline, simulateSlice, stateAt } from './simulate.js';
export { simulateParallel, part } from './parallel.js';
export { OUTCOMES } from './plane/codes.js';

export type * from './spec.js';
export type { SimScenario, SimSource, ReportScenario } from './sim-scenario.js';
export type {
  SimResult,
  JobOptions,
  Shard,
  PartDocument,
  DiffResult,
  DiffSide,
  ChaosResult,
} from './commands.js';
export type { RunResult, GroupResult, Outage, ExpectationResult } from './result.js';
export type { TraceResult, TraceHop, TraceRoute, TraceFilterCheck, TraceOptions } from './trace.js';
export type { SimInput, Slice, SliceResult, Timeline } from './simulate.js';
