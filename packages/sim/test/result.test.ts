import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOME_COUNT } from '../src/plane/codes.js';
import { checkExpectations, groupResult } from '../src/result.js';

fc.configureGlobal({ seed: 20261125, numRuns: 200 });

/** Per-second oracle: expands the intervals into seconds and measures naively. */
function oracle(times: number[], lost: number[], flows: number, horizon: number) {
  const perSecond: number[] = [];
  for (let t = 0; t < horizon; t++) {
    let k = 0;
    while (k + 1 < times.length && times[k + 1]! <= t) k++;
    perSecond.push(lost[k]!);
  }
  const outages: { start: number; end: number; flows: number }[] = [];
  perSecond.forEach((l, t) => {
    const last = outages[outages.length - 1];
    if (l > 0 && last && last.end === t) {
      last.end = t + 1;
      last.flows = Math.max(last.flows, l);
    } else if (l > 0) outages.push({ start: t, end: t + 1, flows: l });
  });
  const lostSum = perSecond.reduce((a, x) => a + x, 0);
  return { outages, lostFlowSeconds: lostSum, availability: 1 - lostSum / (flows * horizon) };
}

describe('groupResult', () => {
  it('outages are maximal half-open intervals; lost flow-seconds and availability match a per-second oracle', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 199 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 13, maxLength: 13 }),
        (cuts, lostPer) => {
          const times = [0, ...cuts.sort((a, b) => a - b)];
          const flows = 10;
          const horizon = 200;
          const counts = new Array<number>(times.length * OUTCOME_COUNT).fill(0);
          times.forEach((_, k) => {
            counts[k * OUTCOME_COUNT] = flows - lostPer[k]!;
            counts[k * OUTCOME_COUNT + 1] = lostPer[k]!;
          });
          const g = groupResult(
            { name: 'g', from: 'a/b', to: 'internet', count: flows },
            times,
            counts,
            horizon,
          );
          const o = oracle(times, lostPer.slice(0, times.length), flows, horizon);
          expect(g.outages.map(({ start, end, flows: f }) => ({ start, end, flows: f }))).toEqual(o.outages);
          expect(g.lostFlowSeconds).toBe(o.lostFlowSeconds);
          expect(g.availability).toBeCloseTo(o.availability, 9);
          expect(g.maxOutageSeconds).toBe(Math.max(0, ...o.outages.map((x) => x.end - x.start)));
        },
      ),
    );
  });

  it("an outage's reason is the one with the most lost flow-seconds", () => {
    const counts = new Array<number>(2 * OUTCOME_COUNT).fill(0);
    counts[1] = 1; // no-route: 1 flow for 10 s
    counts[0] = 9;
    counts[OUTCOME_COUNT + 2] = 3; // none-route: 3 flows for 90 s
    counts[OUTCOME_COUNT] = 7;
    const g = groupResult({ name: 'g', from: 'a/b', to: 'internet', count: 10 }, [0, 10], counts, 100);
    expect(g.outages).toEqual([{ start: 0, end: 100, flows: 3, reason: 'none-route' }]);
  });

  it('expectations measure the delivered fraction within [start, end)', () => {
    const counts = new Array<number>(3 * OUTCOME_COUNT).fill(0);
    counts[0] = 10;
    counts[OUTCOME_COUNT] = 0;
    counts[OUTCOME_COUNT + 1] = 10;
    counts[2 * OUTCOME_COUNT] = 10;
    const flows = [{ name: 'g', from: 'a/b', to: 'internet', count: 10 }];
    const [a, b] = checkExpectations(
      [
        { flows: 'g', during: [600, 2400], reachable: 0 },
        { flows: 'g', during: [0, 7200], reachable: 1 },
      ],
      flows,
      [0, 600, 2400],
      [counts],
      7200,
    );
    expect(a).toMatchObject({ ok: true, actual: 0 });
    expect(b).toMatchObject({ ok: false, actual: 0.75, delta: -0.25 });
  });
});
