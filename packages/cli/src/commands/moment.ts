/**
 * `--at` of `routes` and `trace`: the answer at the moment asked, and since when it holds. The
 * documents keep `at` as the time asked (seconds) and add `since`, the earliest moment from which
 * the answer is the same without a break; the text says "at 15m (unchanged since 10m)". A time after
 * the scenario's horizon is refused: nothing is simulated there (`run` stops at the horizon, and
 * changes at or after it never take effect).
 */
import type { NetworkState } from '@cloudroute/model';
import { formatDuration, type Scenario } from '@cloudroute/scenario';
import { foldTimeline, simSource } from '@cloudroute/sim';

/** The answer at `at` and the earliest time from which it holds unchanged up to `at`. */
export interface Moment<T> {
  readonly state: NetworkState;
  readonly value: T;
  readonly since: number;
}

/**
 * Evaluates `view` at `at` seconds and walks back over the earlier moments while `key` of the
 * answer stays the same. `flag` and `text` name the option for the refusal past the horizon.
 */
export function momentOf<T>(
  sc: Scenario,
  file: string,
  at: { readonly seconds: number; readonly text: string },
  view: (state: NetworkState) => T,
  key: (value: T) => string,
  UsageError: new (message: string) => Error,
): Moment<T> {
  if (at.seconds > sc.horizon)
    throw new UsageError(
      `--at ${at.text}: after the horizon ${formatDuration(sc.horizon)} of ${file} — the scenario is simulated from 0s to ${formatDuration(sc.horizon)}; ask for a time up to ${formatDuration(sc.horizon)}, or raise \`horizon\``,
    );
  const { moments } = foldTimeline(simSource(sc));
  let i = 0;
  while (i + 1 < moments.length && moments[i + 1]!.time <= at.seconds) i++;
  const state = moments[i]!.state;
  const value = view(state);
  const k = key(value);
  let since = moments[i]!.time;
  for (let j = i - 1; j >= 0; j--) {
    const m = moments[j]!;
    // A moment whose state is the same object changed nothing (a refused action).
    if (m.state !== moments[j + 1]!.state && !sameAnswer(() => key(view(m.state)), k)) break;
    since = m.time;
  }
  return { state, value, since };
}

function sameAnswer(other: () => string, k: string): boolean {
  try {
    return other() === k;
  } catch {
    return false; // e.g. a trace source that did not exist yet
  }
}

/** `doc` with `at` set to the time asked and `since` right after it. */
export function atAndSince<T extends { readonly at: number }>(
  doc: T,
  at: number,
  since: number,
): T & { readonly since: number } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'since') continue;
    out[k] = k === 'at' ? at : v;
    if (k === 'at') out['since'] = since;
  }
  return out as T & { readonly since: number };
}
