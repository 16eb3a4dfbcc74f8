/** @cloudroute/sim: flow generation, forwarding over time, connectivity-loss measurement. */
export { runJob } from './commands/run.js';
export { diffJob } from './commands/diff.js';
export { chaosJob } from './commands/chaos.js';
export { mergeParts, MergeError } from './commands/merge.js';
export { fingerprint } from './commands/job.js';
export { simSource } from './sim-scenario.js';
export { trace, TraceInputError } from './trace.js';
export { foldTimeline, simulateSlice, stateAt } from './simulate.js';
export { simulateParallel, part } from './parallel.js';
export { OUTCOMES } from './plane/codes.js';

export type * from './spec.js';
export type { SimScenario, SimSource, ReportScenario } from './sim-scenario.js';
export type { JobOptions, Shard } from './commands/job.js';
export type { PartDocument } from './commands/part.js';
export type { DiffResult, DiffSide } from './commands/diff.js';
export type { ChaosResult } from './commands/chaos.js';
export type { SimResult } from './commands/merge.js';
export type { RunResult, GroupResult, Outage, ExpectationResult } from './result.js';
export type { TraceResult, TraceHop, TraceRoute, TraceFilterCheck, TraceOptions } from './trace.js';
export type { SimInput, Slice, SliceResult, Timeline } from './simulate.js';
