/**
 * sortSpans (spans.ts): walks of one span mask return their spans in no order; sorting them by
 * start must give back the spans in address order, fields kept, for both of its sorts (comparison
 * below 1,024 spans, radix above). Oracle: the spans as generated, in order.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPAN, sortSpans } from '../src/spans.js';

/** Disjoint spans in address order: SPAN numbers each (lo, hi and four fields). */
const orderedSpans = (min: number, max: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 0xfffff }), fc.integer({ min: 0, max: 9 })), {
      minLength: 1,
      maxLength: max,
    })
    .map((steps) => {
      const out: number[] = [];
      let at = 0;
      for (const [gap, field] of steps) {
        const lo = at + (gap % 7);
        const hi = Math.min(lo + (gap >> 3), 0xffffffff);
        if (lo > 0xffffffff) break;
        out.push(lo, hi, field, field - 1, gap, field & 1);
        at = hi + 1 + (gap & 0xfff) * 0x1000;
      }
      return out;
    });

describe('sortSpans puts the spans of a mask back in address order', () => {
  for (const [label, min, max] of [
    ['few spans (comparison sort)', 1, 40],
    ['many spans (radix sort)', 1100, 3000],
  ] as const)
    it(label, () => {
      fc.assert(
        fc.property(
          orderedSpans(min, max),
          fc.nat(),
          fc.integer({ min: 0, max: 3 }),
          (spans, seed, prefix) => {
            // A shuffled copy after `prefix` spans that must stay where they are.
            const n = spans.length / SPAN;
            const order = Array.from({ length: n }, (_, i) => i);
            let s = seed;
            for (let i = n - 1; i > 0; i--) {
              s = (Math.imul(s, 1103515245) + 12345) >>> 0;
              const j = s % (i + 1);
              [order[i], order[j]] = [order[j]!, order[i]!];
            }
            const head = [-9, -9, 0, 0, 0, 0].slice(0, prefix > 0 ? SPAN : 0);
            const shuffled = [...head, ...order.flatMap((i) => spans.slice(i * SPAN, (i + 1) * SPAN))];
            sortSpans(shuffled, head.length);
            expect(shuffled).toEqual([...head, ...spans]);
          },
        ),
        { seed: 4242, numRuns: 30 },
      );
    });
});
