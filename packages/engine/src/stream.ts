/**
 * The timeline as an RxJS stream on an injected scheduler. Nothing sleeps: with a
 * `VirtualTimeScheduler` or `TestScheduler` the whole horizon runs as fast as the fold.
 *
 * Time scale: 1 virtual millisecond (scheduler frame) = 1 simulated millisecond, i.e. an event
 * at `at` seconds is emitted at frame `at × 1000` after subscription (`msPerSecond` changes it).
 * So in `TestScheduler.run` marbles, `45m` is 45 simulated minutes. The stream completes at the
 * horizon.
 */
import { Observable, VirtualTimeScheduler } from 'rxjs';
import type { SchedulerLike, Subscription } from 'rxjs';
import { initialState } from './initial-state.js';
import type { TimelineInput, TimelineStep } from './results.js';
import { commandEvents, createTimeline } from './timeline.js';

/** How `timeline$` maps virtual time onto scheduler frames. */
export interface TimelineStreamOptions {
  /** Scheduler frames per simulated second (default 1000: one frame is one simulated millisecond). */
  readonly msPerSecond?: number;
}

/**
 * Emits a {@link TimelineStep} for every change (and every refused command) at its virtual time.
 * Without a scheduler it runs on a private `VirtualTimeScheduler`, flushed on subscription, so it
 * emits everything synchronously.
 */
export function timeline$(
  input: TimelineInput,
  scheduler?: SchedulerLike,
  options: TimelineStreamOptions = {},
): Observable<TimelineStep> {
  return new Observable<TimelineStep>((subscriber) => {
    const scale = options.msPerSecond ?? 1000;
    const horizon = input.horizon;
    const run = createTimeline(initialState(input.topology, input.profile), {
      horizon,
      audit: input.audit === true,
    });
    run.push(commandEvents(input));
    const own = scheduler === undefined ? new VirtualTimeScheduler() : undefined;
    const sched: SchedulerLike = scheduler ?? (own as VirtualTimeScheduler);
    const origin = sched.now();
    let pending: Subscription | undefined;
    const wake = (t: number): void => {
      const delay = Math.max(0, origin + t * scale - sched.now());
      pending = sched.schedule(() => {
        try {
          run.runUntil(t, (step) => subscriber.next(step));
        } catch (err) {
          subscriber.error(err);
          return;
        }
        const next = run.nextTime();
        if (next !== undefined) wake(next);
        else if (t < horizon) wake(horizon);
        else subscriber.complete();
      }, delay);
    };
    wake(run.nextTime() ?? horizon);
    own?.flush();
    return () => pending?.unsubscribe();
  });
}
