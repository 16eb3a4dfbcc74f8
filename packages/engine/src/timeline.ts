/**
 * The timeline fold: a queue of events ordered by time, the reducer applied to each, and the
 * facts it schedules queued in turn. Synchronous and deterministic; `timeline$` paces the same
 * fold on an RxJS scheduler, `replay` runs it to the horizon at once.
 *
 * Order at equal times: the scenario's timeline in its written order, then chaos faults, then the
 * facts the engine scheduled, in the order they were scheduled (a fact scheduled with no delay
 * runs after the commands of its instant).
 */
import type { NetworkState } from '@cloudroute/model';
import { chaosActions } from './chaos.js';
import { eventOfAction } from './commands.js';
import type { CommandEvent, EngineEvent } from './events.js';
import { initialState } from './initial-state.js';
import { EventHeap } from './internal/heap.js';
import { stepOf } from './internal/step.js';
import { reduce } from './reducer.js';
import type { TimelineInput, TimelineStep } from './results.js';

/** The clock was asked to go back in time, or to a time that is not a number. */
export class ClockError extends Error {
  override readonly name = 'ClockError';
}

/** More events at one instant than any timeline can mean: a fact that keeps rescheduling itself. */
export class RunawayTimelineError extends Error {
  override readonly name = 'RunawayTimelineError';
}

const MAX_EVENTS_PER_INSTANT = 1_000_000;

/** How an incremental timeline runs: up to which horizon, and whether it records patches. */
export interface TimelineOptions {
  /** Seconds; events after it are dropped. Default: no horizon. */
  readonly horizon?: number;
  /** Record immer patches on every step. */
  readonly audit?: boolean;
}

/** An incremental timeline: queue commands, run to a time, read the state. */
export interface TimelineRun {
  /** The state after the last applied event. */
  readonly state: NetworkState;
  /** The virtual time reached (s). Queued commands may not be earlier. */
  readonly time: number;
  /** Queues command events (timeline or chaos), after those already queued at the same time. */
  push(events: Iterable<EngineEvent>): void;
  /** Time of the next queued event, if any. */
  nextTime(): number | undefined;
  /** Applies every queued event at or before `time`, in order; returns (and reports) the steps. */
  runUntil(time: number, onStep?: (step: TimelineStep) => void): TimelineStep[];
}

/** Starts an incremental timeline from a state: queue events with `push`, apply them with `runUntil`. */
export function createTimeline(initial: NetworkState, options: TimelineOptions = {}): TimelineRun {
  const horizon = options.horizon ?? Infinity;
  const audit = options.audit === true;
  const heap = new EventHeap<EngineEvent>();
  let seq = 0;
  let state = initial;
  let now = initial.time;

  const enqueue = (ev: EngineEvent, klass: 0 | 1): void => {
    if (!Number.isFinite(ev.at))
      throw new ClockError(`event ${ev.type} has no finite time (${String(ev.at)})`);
    if (ev.at < now) throw new ClockError(`event ${ev.type} at ${ev.at} s is before the clock (${now} s)`);
    if (ev.at > horizon) return;
    heap.push({ at: ev.at, klass, seq: seq++, item: ev });
  };

  return {
    get state() {
      return state;
    },
    get time() {
      return now;
    },
    push(events) {
      for (const ev of events) enqueue(ev, 0);
    },
    nextTime() {
      return heap.peek()?.at;
    },
    runUntil(time, onStep) {
      if (Number.isNaN(time) || time < now)
        throw new ClockError(`cannot run back to ${time} s from ${now} s`);
      const steps: TimelineStep[] = [];
      let instant = now;
      let count = 0;
      for (let top = heap.peek(); top !== undefined && top.at <= time; top = heap.peek()) {
        heap.pop();
        const ev = top.item;
        if (ev.at !== instant) {
          instant = ev.at;
          count = 0;
        }
        if (++count > MAX_EVENTS_PER_INSTANT)
          throw new RunawayTimelineError(`more than ${MAX_EVENTS_PER_INSTANT} events at ${instant} s`);
        now = ev.at;
        const t = reduce(state, ev, { patches: audit });
        for (const fact of t.scheduled) enqueue(fact.at < now ? { ...fact, at: now } : fact, 1);
        const step = stepOf(ev, t);
        if (step === undefined) continue; // a stale fact: nothing happened
        state = step.state;
        steps.push(step);
        onStep?.(step);
      }
      now = Math.max(now, Math.min(time, horizon));
      return steps;
    },
  };
}

/** The command events of an input: its timeline (with indexes), then its chaos repetition's faults. */
export function commandEvents(input: TimelineInput): CommandEvent[] {
  const events = input.timeline.map((a, i) => eventOfAction(a, 'timeline', i));
  if (input.chaos) {
    const faults = chaosActions(input.chaos.spec, input.horizon, input.seed, input.chaos.run);
    for (const a of faults) events.push(eventOfAction(a, 'chaos'));
  }
  return events;
}

/** The whole timeline folded synchronously in virtual time: every step, in order. */
export function replay(input: TimelineInput): {
  readonly initial: NetworkState;
  readonly steps: readonly TimelineStep[];
} {
  const initial = initialState(input.topology, input.profile);
  const run = createTimeline(initial, { horizon: input.horizon, audit: input.audit === true });
  run.push(commandEvents(input));
  return { initial, steps: run.runUntil(input.horizon) };
}
