/** @cloudroute/engine: events, the immer reducer, the RxJS virtual-time timeline, chaos. */
export type * from './actions.js';
export { initialState, replay, chaosActions } from './api-stubs.js';
export type { Rejection, EngineEvent, TimelineStep, TimelineInput } from './api-stubs.js';
