/**
 * The pieces of the HTML report: downsampling against a naive oracle, JSON-in-script escaping,
 * and the time axis in the scenario's units.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Outage } from '@cloudroute/sim';
import { outageBars, stepSegments } from '../src/html-downsample.js';
import { formatCount, scriptJson, timeTicks, valueTicks } from '../src/html-format.js';

const outagesArb = fc
  .array(
    fc.tuple(
      fc.integer({ min: 1, max: 500 }),
      fc.integer({ min: 1, max: 500 }),
      fc.integer({ min: 1, max: 1000 }),
    ),
    {
      maxLength: 400,
    },
  )
  .map((xs) => {
    const out: Outage[] = [];
    let t = 0;
    for (const [gap, len, flows] of xs) {
      t += gap;
      out.push({ start: t, end: t + len, flows, reason: flows % 2 ? 'no-route' : 'session-down' });
      t += len;
    }
    return out;
  });

describe('outageBars', () => {
  it('passes small lanes through, one bar per outage', () => {
    const o: Outage[] = [{ start: 600, end: 2400, flows: 5, reason: 'no-route' }];
    expect(outageBars(o, 10, 1)).toEqual([{ start: 600, end: 2400, flows: 5, reason: 'no-route', count: 1 }]);
  });

  it('fits the budget, keeps every outage inside exactly one bar, bars in order and disjoint', () => {
    fc.assert(
      fc.property(outagesArb, fc.integer({ min: 1, max: 50 }), (outages, budget) => {
        const bars = outageBars(outages, budget, 1);
        expect(bars.length).toBeLessThanOrEqual(Math.max(budget, Math.min(outages.length, budget)));
        expect(bars.reduce((s, b) => s + b.count, 0)).toBe(outages.length);
        let k = 0;
        for (const b of bars) {
          const mine = outages.slice(k, k + b.count);
          k += b.count;
          // Oracle: a bar spans its outages and keeps the most flows lost at once.
          expect(b.start).toBe(mine[0]!.start);
          expect(b.end).toBe(mine[mine.length - 1]!.end);
          expect(b.flows).toBe(Math.max(...mine.map((o) => o.flows)));
          expect(mine.map((o) => o.reason)).toContain(b.reason);
        }
        for (let i = 1; i < bars.length; i++) expect(bars[i]!.start).toBeGreaterThan(bars[i - 1]!.end);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('stepSegments', () => {
  const seriesArb = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 1000 })), {
      minLength: 1,
      maxLength: 600,
    })
    .map((xs) => {
      let t = 0;
      return xs.map(([dt, v], i) => {
        if (i > 0) t += dt;
        return [t, v / 1000] as const;
      });
    });

  it('keeps at most ~4 values per bucket and every bucket’s min, max and final value', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 5, max: 200 }), (series, buckets) => {
        const horizon = series[series.length - 1]![0] + 1;
        const segs = stepSegments(series, horizon, buckets);
        const values = segs.reduce((s, x) => s + x.values.length, 0);
        if (series.length > buckets) expect(values).toBeLessThanOrEqual(4 * (buckets + 1));
        // Oracle: the set of values drawn covers the series' overall min and max, and the last value.
        const drawn = segs.flatMap((s) => s.values);
        expect(Math.min(...drawn)).toBe(Math.min(...series.map((p) => p[1])));
        expect(Math.max(...drawn)).toBe(Math.max(...series.map((p) => p[1])));
        expect(segs[segs.length - 1]!.values.at(-1)).toBe(series[series.length - 1]![1]);
        for (let i = 1; i < segs.length; i++) expect(segs[i]!.t).toBeGreaterThan(segs[i - 1]!.t);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('scriptJson', () => {
  it('reads back unchanged and contains no character that could end the script element', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (v, s) => {
        const value = { v, s, x: '</script><!-- <script>\u2028\u2029&' };
        const text = scriptJson(value);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: 42 },
    );
  });
});

describe('axes', () => {
  it("puts time ticks on round durations of the scenario's horizon", () => {
    expect(timeTicks(7200)).toEqual([0, 900, 1800, 2700, 3600, 4500, 5400, 6300, 7200]);
    expect(timeTicks(90)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(timeTicks(30 * 86_400).length).toBeLessThanOrEqual(11);
  });

  it('puts value ticks on 1, 2, 5 × 10^k', () => {
    expect(valueTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(valueTicks(0.95, 1, 5)).toEqual([0.95, 0.96, 0.97, 0.98, 0.99, 1]);
  });

  it('formats counts with fixed grouping', () => {
    expect(formatCount(10_000_000)).toBe('10,000,000');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(-1234.6)).toBe('-1,235');
  });
});
