/**
 * ClassFlows.assign (class-flows.ts): a group's flows sorted by class, then by destination, then by
 * flow index, for each of its sorts (a numeric key sort below 4,096 classed flows, a comparison sort
 * when the slice is too large for the key, a radix sort above). Oracle: a plain sort of the flow
 * indices of each class by (destination, index), and the loose flows in index order.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassFlows } from '../src/class-flows.js';

/** The oracle: per class, its flows by (destination, index); the loose flows (class -1) ascending. */
function naive(
  dst: Uint32Array,
  classOf: Int32Array,
  classes: number,
): { byClass: number[][]; loose: number[] } {
  const byClass = Array.from({ length: classes }, () => [] as number[]);
  const loose: number[] = [];
  classOf.forEach((c, f) => (c < 0 ? loose : byClass[c]!).push(f));
  for (const fs of byClass) fs.sort((x, y) => dst[x]! - dst[y]! || x - y);
  return { byClass, loose };
}

function check(dst: Uint32Array, classOf: Int32Array, classes: number): void {
  const flows = new ClassFlows(new Uint32Array(dst.length), dst.slice(), 0);
  flows.assign(classOf, classes);
  const want = naive(dst, classOf, classes);
  for (let c = 0; c < classes; c++) {
    const got = Array.from(flows.order.subarray(flows.start[c], flows.start[c + 1]));
    expect(got).toEqual(want.byClass[c]);
    expect(Array.from(flows.dst.subarray(flows.start[c], flows.start[c + 1]))).toEqual(
      want.byClass[c]!.map((f) => dst[f]!),
    );
  }
  expect(Array.from(flows.loose)).toEqual(want.loose);
  expect(Array.from(flows.looseDst)).toEqual(want.loose.map((f) => dst[f]!));
}

/** Flows with destinations from a small pool (many equal) or anywhere, and their classes. */
const flowsOf = (maxLength: number) =>
  fc
    .record({
      classes: fc.integer({ min: 1, max: 6 }),
      pool: fc.boolean(),
      draws: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffffffff })), { maxLength }),
    })
    .map(({ classes, pool, draws }) => ({
      classes,
      dst: Uint32Array.from(draws, ([, d]) => (pool ? d % 7 : d)),
      classOf: Int32Array.from(draws, ([c]) => (c % (classes + 1)) - 1),
    }));

describe('ClassFlows.assign sorts by class, destination and flow (oracle: a plain sort)', () => {
  it('below 4,096 flows: the numeric key sort', () => {
    fc.assert(
      fc.property(flowsOf(300), ({ dst, classOf, classes }) => check(dst, classOf, classes)),
      { seed: 20261208, numRuns: 200 },
    );
  });

  it('above 4,096 flows: the radix sort', () => {
    fc.assert(
      fc.property(
        flowsOf(200).chain((x) =>
          // The same draws repeated: enough flows for the radix sort, with equal destinations.
          fc.constant({
            classes: x.classes,
            dst: Uint32Array.from({ length: 5000 }, (_, i) => x.dst[i % Math.max(1, x.dst.length)] ?? i),
            classOf: Int32Array.from(
              { length: 5000 },
              (_, i) => x.classOf[i % Math.max(1, x.classOf.length)] ?? 0,
            ),
          }),
        ),
        ({ dst, classOf, classes }) => check(dst, classOf, classes),
      ),
      { seed: 20261208, numRuns: 20 },
    );
  });

  it('the same flows sorted again: the same classes give the kept sort, other classes a new one', () => {
    fc.assert(
      fc.property(flowsOf(300), fc.integer({ min: 0, max: 1000 }), ({ dst, classOf, classes }, salt) => {
        const flows = new ClassFlows(new Uint32Array(dst.length), dst.slice(), 0);
        // A second tracker over the same arrays (a chaos job's next run), then other classes.
        const again = new ClassFlows(flows.src, dst.slice(), 0);
        const other = classOf.map((c, f) => ((c + f + salt) % (classes + 1)) - 1);
        for (const [fl, cls] of [
          [flows, classOf],
          [again, classOf],
          [again, other],
          [flows, classOf],
        ] as const) {
          fl.assign(cls, classes);
          const want = naive(dst, cls, classes);
          for (let c = 0; c < classes; c++)
            expect(Array.from(fl.order.subarray(fl.start[c], fl.start[c + 1]))).toEqual(want.byClass[c]);
          expect(Array.from(fl.loose)).toEqual(want.loose);
        }
      }),
      { seed: 20261208, numRuns: 100 },
    );
  });

  it('a slice too large for the key sorts its few classed flows by comparison', () => {
    const n = 2 ** 21 + 10;
    const dst = new Uint32Array(n);
    const classOf = new Int32Array(n).fill(-1);
    // 100 classed flows among two million, the last ones beyond 2^21, destinations descending.
    for (let k = 0; k < 100; k++) {
      const f = n - 1 - k * 3;
      classOf[f] = k % 2;
      dst[f] = 1000 - (k >> 1);
    }
    const flows = new ClassFlows(new Uint32Array(n), dst.slice(), 0);
    flows.assign(classOf, 2);
    const want = naive(dst, classOf, 2);
    for (let c = 0; c < 2; c++)
      expect(Array.from(flows.order.subarray(flows.start[c], flows.start[c + 1]))).toEqual(want.byClass[c]);
    expect(flows.loose.length).toBe(want.loose.length);
  });
});
