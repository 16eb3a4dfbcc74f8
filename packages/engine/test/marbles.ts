/**
 * Marble helpers for the engine's virtual-time tests. One scheduler frame is one simulated
 * millisecond (see `timeline$`), so a diagram is written from simulated seconds.
 */
import { map } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import { timeline$ } from '../src/index.js';
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
