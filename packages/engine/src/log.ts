/**
 * The event log: the events a timeline applied (and the commands it refused), one JSON object a
 * line. Replaying a log folds the same events with the same reducer, ignoring what the reducer
 * schedules (the scheduled facts are in the log already), and gives the same states as the live
 * run.
 */
import type { NetworkState } from '@cloudroute/model';
import { eventTypes } from './events.js';
import type { EngineEvent } from './events.js';
import { stepOf } from './internal/step.js';
import { reduce } from './reducer.js';
import type { TimelineStep } from './results.js';

/** A line of an event log that is not an engine event. */
export class EventLogError extends Error {
  override readonly name = 'EventLogError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`event log line ${line}: ${message}`);
  }
}

/** The events of a run's steps, in order: the log to write out. */
export function eventLog(steps: readonly TimelineStep[]): readonly EngineEvent[] {
  return steps.map((s) => s.event);
}

/** One JSON object per line, each line ending with `\n`. */
export function toNdjson(log: readonly EngineEvent[]): string {
  return log.map((e) => `${JSON.stringify(e)}\n`).join('');
}

const TYPES = new Set<string>(eventTypes);
const ORIGINS = new Set(['timeline', 'chaos', 'engine']);

/** Parses an NDJSON event log (blank lines ignored). Throws {@link EventLogError} on a bad line. */
export function fromNdjson(text: string): EngineEvent[] {
  const out: EngineEvent[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new EventLogError(i + 1, err instanceof Error ? err.message : 'not JSON');
    }
    const e = v as Partial<Record<string, unknown>> | null;
    if (typeof e !== 'object' || e === null || Array.isArray(e))
      throw new EventLogError(i + 1, 'not an object');
    if (typeof e['type'] !== 'string' || !TYPES.has(e['type'])) {
      throw new EventLogError(i + 1, `unknown event type ${JSON.stringify(e['type'])}`);
    }
    if (typeof e['at'] !== 'number' || !Number.isFinite(e['at']))
      throw new EventLogError(i + 1, '`at` is not a number');
    if (typeof e['label'] !== 'string') throw new EventLogError(i + 1, '`label` is not a string');
    if (typeof e['origin'] !== 'string' || !ORIGINS.has(e['origin'])) {
      throw new EventLogError(i + 1, '`origin` is not timeline, chaos or engine');
    }
    out.push(v as EngineEvent);
  });
  return out;
}

/** Folds a log from `initial`: the steps of the run that wrote it (states, touched, rejections). */
export function replayLog(
  initial: NetworkState,
  log: readonly EngineEvent[],
  options: { readonly audit?: boolean } = {},
): TimelineStep[] {
  const steps: TimelineStep[] = [];
  let state = initial;
  for (const ev of log) {
    const step = stepOf(ev, reduce(state, ev, { patches: options.audit === true }));
    if (step === undefined) continue;
    state = step.state;
    steps.push(step);
  }
  return steps;
}
