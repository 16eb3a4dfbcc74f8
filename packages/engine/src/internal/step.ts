/**
 * The step one event makes in a run: what the timeline's clock and a log's replay both record.
 */
import type { EngineEvent } from '../events.js';
import type { TimelineStep, Transition } from '../results.js';

/**
 * The step of `event` given its transition, or `undefined` when it neither changed the state nor
 * was refused (a stale fact: nothing happened). Patches are kept when the reducer recorded them.
 */
export function stepOf(event: EngineEvent, t: Transition): TimelineStep | undefined {
  if (!t.applied && t.rejections.length === 0) return undefined;
  return {
    time: event.at,
    state: t.state,
    event,
    touched: t.touched,
    rejections: t.rejections,
    notes: t.notes,
    ...(t.patches === undefined ? {} : { patches: t.patches }),
    ...(t.inversePatches === undefined ? {} : { inversePatches: t.inversePatches }),
  };
}
