/**
 * @cloudroute/engine: events, the immer reducer, the RxJS virtual-time timeline, chaos.
 *
 * Time is seconds of virtual time from the scenario start. The fold is deterministic: the same
 * input gives the same steps, whether replayed at once (`replay`), streamed on a scheduler
 * (`timeline$`) or folded back from its NDJSON log (`replayLog`).
 */
export { initialState } from './initial-state.js';
export { reduce } from './reducer.js';
export { createTimeline, commandEvents, replay, ClockError, RunawayTimelineError } from './timeline.js';
export { timeline$ } from './stream.js';
export { eventLog, toNdjson, fromNdjson, replayLog, EventLogError } from './log.js';
export { forkTimeline, forkInput } from './fork.js';
export { chaosActions, faultSeed, mulberry32 } from './chaos.js';
export { eventTypes, actionOfEvent, isCommand } from './events.js';
export { eventOfAction, UnknownActionError } from './commands.js';
export { labelOf } from './labels.js';

export type * from './actions.js';
export type {
  EngineEvent,
  EngineEventType,
  CommandEvent,
  FactEvent,
  EventOrigin,
  Settings,
  RouteAdded,
  RouteReplaced,
  RouteRemoved,
  RouteTableAssociated,
  PropagationSet,
  BgpAdvertised,
  BgpWithdrawn,
  BgpSessionDisabled,
  BgpSessionEnabled,
  TunnelDowned,
  TunnelUpped,
  GatewayCreated,
  GatewayDeleted,
  GatewayUpdated,
  GatewayFailoverStarted,
  HostUpdated,
  SubnetUpdated,
  NetworkUpdated,
  FilterRuleAdded,
  FilterRuleReplaced,
  FilterRuleRemoved,
  FilterUpdated,
  GatewayProvisioned,
  GatewayUpgraded,
  GatewayFailoverCompleted,
  BgpSessionEstablished,
  BgpSessionDropped,
  HostRestored,
} from './events.js';
export type { Unlabeled } from './labels.js';
export type { Rejection, Note, TimelineStep, TimelineInput, Transition } from './results.js';
export type { ReduceOptions } from './reducer.js';
export type { TimelineOptions, TimelineRun } from './timeline.js';
export type { TimelineStreamOptions } from './stream.js';
export type { TimelineEdit } from './fork.js';
