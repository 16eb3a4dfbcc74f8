/**
 * address-ranges.ts: the union of inclusive ranges, against a sort-and-merge oracle and a brute
 * force over small addresses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergePairs, unionOf } from '../src/address-ranges.js';

/** The union by sorting pairs on their start and joining each to the last when they touch. */
function oracle(parts: readonly (readonly number[])[]): number[] {
  const pairs: [number, number][] = [];
  for (const x of parts) for (let i = 0; i + 1 < x.length; i += 2) pairs.push([x[i]!, x[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

const range = (max: number) =>
  fc.tuple(fc.nat({ max }), fc.nat({ max: 40 })).map(([lo, w]) => [lo, Math.min(max, lo + w)] as const);
const parts = (max: number) =>
  fc.array(
    fc.array(range(max), { maxLength: 12 }).map((rs) => rs.flat()),
    { maxLength: 5 },
  );

describe('unionOf', () => {
  it('equals the sort-and-merge union (adjacent ranges joined)', () => {
    fc.assert(
      fc.property(parts(2 ** 32 - 1), (ps) => {
        expect(Array.from(unionOf(ps))).toEqual(oracle(ps));
        expect(mergePairs(ps.flat())).toEqual(oracle(ps));
      }),
      { seed: 20261208, numRuns: 500 },
    );
  });

  it('holds exactly the addresses some range holds (brute force over 0..200)', () => {
    fc.assert(
      fc.property(parts(160), (ps) => {
        const u = unionOf(ps);
        const inUnion = (a: number): boolean => {
          for (let i = 0; i < u.length; i += 2) if (a >= u[i]! && a <= u[i + 1]!) return true;
          return false;
        };
        for (let a = 0; a <= 200; a++)
          expect(inUnion(a)).toBe(
            ps.some((x) => x.some((_, i) => i % 2 === 0 && a >= x[i]! && a <= x[i + 1]!)),
          );
        for (let i = 2; i < u.length; i += 2) expect(u[i]!).toBeGreaterThan(u[i - 1]! + 1);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
