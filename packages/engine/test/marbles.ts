/**
 * Marble helpers for the engine's virtual-time tests. One scheduler frame is one simulated
 * millisecond (see `timeline$`), so a diagram is written from simulated seconds.
 */
import { map } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import type { NetworkState } from '@cloudroute/model';
import { replay, timeline$ } from '../src/index.js';
import type { TimelineInput } from '../src/index.js';

export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/**
 * A marble diagram: at each time (seconds) the events given (one character each, grouped when
 * several), then completion at `end` seconds. Frames are milliseconds.
 */
export function diagram(points: readonly (readonly [number, string])[], end: number): string {
  let frame = 0;
  let out = '';
  const advance = (to: number): void => {
    const gap = to - frame;
    if (gap < 0) throw new Error(`diagram goes back in time at ${to} ms`);
    if (gap > 0) out += `${out === '' ? '' : ' '}${gap}ms `;
    frame = to;
  };
  for (const [seconds, chars] of points) {
    advance(Math.round(seconds * 1000));
    out += chars.length > 1 ? `(${chars})` : chars;
    frame += chars.length > 1 ? chars.length + 2 : 1;
  }
  advance(Math.round(end * 1000));
  return `${out}|`;
}

/** Event types of the stream, as marble values. */
export function types(input: TimelineInput, scheduler: TestScheduler): Observable<string> {
  return timeline$(input, scheduler).pipe(map((s) => s.event.type));
}

/** One moment of an expected stream: a time in seconds, then the event types at it, in order. */
export type Moment = readonly [seconds: number, ...types: string[]];

/**
 * Runs the stream of `input` on a fresh `TestScheduler` and checks its event types: at each
 * moment the types given, in order, then completion at the horizon. Each type is drawn as one
 * marble letter, given in order of first appearance.
 */
export function expectEvents(input: TimelineInput, moments: readonly Moment[]): void {
  const letters = new Map<string, string>();
  const letter = (type: string): string => {
    const known = letters.get(type);
    if (known !== undefined) return known;
    const next = String.fromCharCode(97 + letters.size);
    letters.set(type, next);
    return next;
  };
  const points = moments.map(([seconds, ...kinds]) => [seconds, kinds.map(letter).join('')] as const);
  const values = Object.fromEntries([...letters].map(([type, l]) => [l, type]));
  const ts = testScheduler();
  ts.run(({ expectObservable }) => {
    expectObservable(types(input, ts)).toBe(diagram(points, input.horizon), values);
  });
}

/** The state in force at `t` seconds (after every step at or before t). */
export function stateAt(input: TimelineInput, t: number): NetworkState {
  const r = replay(input);
  let s = r.initial;
  for (const step of r.steps) if (step.time <= t) s = step.state;
  return s;
}

/** Whether each tunnel of connection `c` is up. */
export const tunnelsUp = (s: NetworkState, c: string): boolean[] => (s.tunnels[c] ?? []).map((t) => t.up);
