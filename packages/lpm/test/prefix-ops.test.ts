import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePrefixes,
  prefix4Contains,
  prefix4Last,
  prefix4Size,
  prefixContainsPrefix,
  prefixEquals,
  prefixesOverlap,
  type Prefix,
} from '../src/index.js';
import { SEED, prefix4, prefix6 } from './arbitraries.js';

fc.configureGlobal({ seed: SEED, numRuns: 500 });

/** First and last address of a prefix as bigints: the obvious oracle. */
function span(p: Prefix): [bigint, bigint] {
  const bits = p.family === 4 ? 32 : 128;
  const net = p.family === 4 ? BigInt(p.network) : p.words.reduce((a, w) => (a << 32n) | BigInt(w), 0n);
  return [net, net + (1n << BigInt(bits - p.length)) - 1n];
}

const anyPrefix = fc.oneof(prefix4, prefix6);

describe('prefix relations', () => {
  it('containment, overlap and equality agree with address spans', () => {
    fc.assert(
      fc.property(anyPrefix, anyPrefix, (a, b) => {
        const [a0, a1] = span(a);
        const [b0, b1] = span(b);
        const same = a.family === b.family;
        expect(prefixContainsPrefix(a, b)).toBe(same && a0 <= b0 && b1 <= a1);
        expect(prefixesOverlap(a, b)).toBe(same && a0 <= b1 && b0 <= a1);
        expect(prefixEquals(a, b)).toBe(same && a0 === b0 && a1 === b1);
        expect(prefixEquals(a, a)).toBe(true);
      }),
    );
  });

  it('comparePrefixes orders by family, network, length', () => {
    fc.assert(
      fc.property(anyPrefix, anyPrefix, (a, b) => {
        const [a0] = span(a);
        const [b0] = span(b);
        const want =
          a.family !== b.family ? a.family - b.family : a0 !== b0 ? (a0 < b0 ? -1 : 1) : a.length - b.length;
        expect(Math.sign(comparePrefixes(a, b))).toBe(Math.sign(want));
      }),
    );
  });

  it('size, last address and contains for IPv4', () => {
    fc.assert(
      fc.property(prefix4, fc.integer({ min: 0, max: 0xffffffff }), (p, addr) => {
        const [p0, p1] = span(p);
        expect(prefix4Size(p)).toBe(Number(p1 - p0 + 1n));
        expect(prefix4Last(p)).toBe(Number(p1));
        expect(prefix4Contains(p, addr)).toBe(BigInt(addr) >= p0 && BigInt(addr) <= p1);
        expect(prefix4Contains(p, p.network)).toBe(true);
        expect(prefix4Contains(p, prefix4Last(p))).toBe(true);
      }),
    );
  });
});
