/**
 * Chaos runs over threads (issue 14, "Both cores"; packages/sim/src/chaos-pool.ts): runs are dealt
 * one at a time from a shared counter to the calling thread and the worker threads, and put back
 * in run order, so the results equal one thread's run by run, for any number of threads and any
 * range of runs (a shard's). The worker threads need the compiled simulator (`tsc -b`), so this
 * file drives the built chaos-pool.js; the reference is the sources' one-thread loop.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '@cloudroute/scenario';
import { simSource } from '@cloudroute/sim';
import { chaosRuns, type ChaosInput } from '../packages/sim/src/chaos-runs.js';
import type { chaosPool as sourcePool } from '../packages/sim/src/chaos-pool.js';

type Pool = typeof sourcePool;
const built = new URL('../packages/sim/dist/chaos-pool.js', import.meta.url).href;
const { chaosPool } = (await import(built)) as { chaosPool: Pool };

function chaosInput(): ChaosInput {
  const file = 'scenarios/chaos-tunnel-flaps.yaml';
  const { scenario } = loadScenario(readFileSync(file, 'utf8'), file);
  if (!scenario?.chaos) throw new Error(`${file}: no chaos block`);
  return { ...simSource(scenario), spec: scenario.chaos };
}

/** Printed as the chaos document holds them: equal text is byte-identical output. */
const text = (x: unknown): string => JSON.stringify(x);

describe('chaos runs over threads equal one thread run by run', () => {
  const input = chaosInput();
  const runs = 24;
  const one = chaosRuns(input, 0, runs);
  const runsOf = (from: number, to: number): string => text(one.slice(from, to));

  it('worker threads alone, and with this thread', async () => {
    expect(text(await chaosPool(input, 0, runs, 2, { inThread: false }))).toBe(text(one));
    expect(text(await chaosPool(input, 0, runs, 3))).toBe(text(one));
  });

  it("a shard's range of runs over 3 workers, with progress rising to 1; one thread; no runs", async () => {
    const seen: number[] = [];
    const shard = await chaosPool(input, 5, 19, 3, { inThread: false, progress: (f) => seen.push(f) });
    expect(text(shard)).toBe(runsOf(5, 19));
    expect(seen.every((f, i) => f >= (seen[i - 1] ?? 0))).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
    expect(text(await chaosPool(input, 3, 11, 1))).toBe(runsOf(3, 11));
    expect(await chaosPool(input, 4, 4, 2)).toEqual([]);
  });
});
